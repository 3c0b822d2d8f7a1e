package org.nnlab.cli;

import java.util.List;
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
        return declare(flags, ExperimentOptions.ALL);
    }

    /** Adds a flag for each of {@code options} (nnlab plot takes only the augmentation's). */
    static Flags declare(Flags flags, List<ExperimentOption<?>> options) {
        for (ExperimentOption<?> option : options) {
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
        return from(flags, ExperimentOptions.ALL, Experiment.builder());
    }

    /** The experiment of {@code builder} with those of {@code options} that the flags give set in it. */
    static Experiment from(Flags flags, List<ExperimentOption<?>> options, Experiment.Builder builder) {
        for (ExperimentOption<?> option : options) {
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
