package org.nnlab.cli;

import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentOption;
import org.nnlab.experiment.ExperimentOptions;

/**
 * The {@code nnlab train} flags that describe an {@link Experiment}: one per
 * {@link ExperimentOption}, declared, shown in {@code --help} and parsed as the option says. Kept
 * apart from {@link TrainCommand} so that the command itself reads as a sequence of steps.
 */
final class ExperimentFlags {

    private ExperimentFlags() {
    }

    /** Adds a flag for every experiment option, with its default and help. */
    static Flags declare(Flags flags) {
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            if (option.isSwitch()) {
                flags.toggle(option.flag(), option.help());
            } else {
                flags.option(option.flag(), option.valueName(), option.defaultText(), option.help());
            }
        }
        return flags;
    }

    /** The experiment the flags describe: every option given is set, every other keeps its default. */
    static Experiment from(Flags flags) {
        Experiment.Builder builder = Experiment.builder();
        for (ExperimentOption<?> option : ExperimentOptions.ALL) {
            if (flags.isSet(option.flag())) {
                set(flags, option, builder);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            // Combinations no single flag can check, e.g. ±1 targets with a softmax output.
            throw new UsageException(flags.command() + ": " + e.getMessage());
        }
    }

    private static <T> void set(Flags flags, ExperimentOption<T> option, Experiment.Builder builder) {
        T value = flags.get(option.flag(), option.expected(), option::parse);
        try {
            option.set(builder, value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flags.command() + ": --" + option.flag() + ": " + e.getMessage());
        }
    }
}
