package org.nnlab.experiment;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting of an experiment, declared once: its flag, its name in saved files, its line of
 * help, how its value is read and written ({@link OptionValues}), whether {@code nnlab search} may
 * vary it, and where the value lives in an {@link Experiment}. The command line and its
 * {@code --help}, the JSON saved in model files and checkpoints, {@code nnlab search} and the
 * description a run prints all work from these declarations, which {@link ExperimentOptions} lists.
 *
 * <p>An option's default is the value it has in {@link Experiment#builder()}, which starts from
 * {@link org.nnlab.model.NetworkSpec#builder()} and {@link org.nnlab.training.TrainingConfig#builder()}:
 * the code that builds an experiment by hand and the command line start from the same values.
 * A few defaults follow another option (the initialisation follows the activation); such an option
 * names how in {@link #derivedDefault}.
 *
 * @param <T> the type of the option's value
 */
public final class ExperimentOption<T> {

    /** How {@code nnlab search} may vary an option. */
    public enum Search {
        /** A list, or a range LOW..HIGH sampled log-uniformly. */
        REAL,
        /** A list, or a range LOW..HIGH sampled log-uniformly and rounded. */
        WHOLE,
        /** A list of values. */
        CHOICE,
        /** Never: every run of a search has the same value ({@link #fixedBecause} says why). */
        FIXED;

        /** Whether {@code LOW..HIGH} ranges make sense for options of this kind. */
        public boolean isNumber() {
            return this == REAL || this == WHOLE;
        }
    }

    /** Where an option's value is kept, and the object it is saved in. */
    public enum Section {
        /** Which data and how it is split and scaled: saved at the top of the experiment. */
        DATA(""),
        /** The network: saved in {@code network}. */
        NETWORK("network"),
        /** How it is trained: saved in {@code training}. */
        TRAINING("training");

        private final String savedIn;

        Section(String savedIn) {
            this.savedIn = savedIn;
        }

        /** The name of the JSON object the section's options are saved in, "" for the top level. */
        public String savedIn() {
            return savedIn;
        }
    }

    private final String flag;
    private final String valueName;
    private final String help;
    private final OptionValues<T> values;
    private final Section section;
    private final String savedName;
    private final Search search;
    private final String fixedBecause;
    private final boolean alwaysDescribed;
    private final String derivedDefaultText;
    private final Function<Experiment, T> derivedDefault;
    private final Function<Experiment, T> read;
    private final BiConsumer<Experiment.Builder, T> write;

    private ExperimentOption(Declaration<T> d) {
        this.flag = d.flag;
        this.valueName = d.valueName;
        this.help = d.help;
        this.values = d.values;
        this.section = d.section;
        this.savedName = d.savedName;
        this.search = d.search;
        this.fixedBecause = d.fixedBecause;
        this.alwaysDescribed = d.alwaysDescribed;
        this.derivedDefaultText = d.derivedDefaultText;
        this.derivedDefault = d.derivedDefault;
        this.read = Objects.requireNonNull(d.read, "where the value is read");
        this.write = Objects.requireNonNull(d.write, "where the value is written");
    }

    /**
     * Starts the declaration of option {@code --flag}.
     *
     * @param flag      the command-line name, without the dashes, e.g. "lr"
     * @param valueName what the value is called in {@code --help}, e.g. "RATE" (ignored for a switch)
     * @param help      one line for {@code --help}, without the default, which is added
     * @param values    how values are read, written and saved
     * @param <T>       the type of the value
     * @return the declaration, to be completed and then {@linkplain Declaration#in built}
     */
    static <T> Declaration<T> declare(String flag, String valueName, String help, OptionValues<T> values) {
        return new Declaration<>(flag, valueName, help, values);
    }

    /** The rest of a declaration: where the option is saved, how it is searched and described, where it lives. */
    static final class Declaration<T> {
        private final String flag;
        private final String valueName;
        private final String help;
        private final OptionValues<T> values;
        private Section section = Section.DATA;
        private String savedName;
        private Search search;
        private String fixedBecause;
        private boolean alwaysDescribed;
        private String derivedDefaultText;
        private Function<Experiment, T> derivedDefault;
        private Function<Experiment, T> read;
        private BiConsumer<Experiment.Builder, T> write;

        private Declaration(String flag, String valueName, String help, OptionValues<T> values) {
            this.flag = flag;
            this.valueName = valueName;
            this.help = help;
            this.values = values;
            this.savedName = flag.replace('-', '_');
        }

        /** Saved as {@code section.name} (the name defaults to the flag with underscores). */
        Declaration<T> saved(Section in, String name) {
            section = in;
            savedName = name;
            return this;
        }

        /** A search may vary it as the given kind. */
        Declaration<T> searched(Search kind) {
            search = kind;
            return this;
        }

        /** A search keeps it the same for every run, for the reason given (shown to whoever tries). */
        Declaration<T> fixedInSearch(String why) {
            search = Search.FIXED;
            fixedBecause = why;
            return this;
        }

        /** The run's description shows it even at its default (else only when it differs). */
        Declaration<T> alwaysDescribed() {
            alwaysDescribed = true;
            return this;
        }

        /** Its default depends on other options: {@code rule} for --help, {@code value} computes it. */
        Declaration<T> derivedDefault(String rule, Function<Experiment, T> value) {
            derivedDefaultText = rule;
            derivedDefault = value;
            return this;
        }

        /** Where the value lives: read from an experiment, written into a builder. */
        ExperimentOption<T> in(Function<Experiment, T> from, BiConsumer<Experiment.Builder, T> into) {
            read = from;
            write = into;
            if (search == null) {
                throw new IllegalStateException("--" + flag + ": say whether a search may vary it");
            }
            return new ExperimentOption<>(this);
        }
    }

    /** The command-line name, without the dashes, e.g. "lr". */
    public String flag() {
        return flag;
    }

    /** What the value is called in {@code --help}, e.g. "RATE". */
    public String valueName() {
        return valueName;
    }

    /** The line of help, with the default when it is not simply the value of {@link #defaultText()}. */
    public String help() {
        return derivedDefaultText == null ? help : help + " (default: " + derivedDefaultText + ")";
    }

    /** A switch takes no value: given, it is on. */
    public boolean isSwitch() {
        return values.isSwitch();
    }

    /** What a value must look like, for error messages: "a positive number". */
    public String expected() {
        return values.expected();
    }

    /** The value written as {@code text}; an IllegalArgumentException (or NumberFormatException) if it is not one. */
    public T parse(String text) {
        return values.parse(text);
    }

    /** The value as it is written on the command line. */
    public String text(T value) {
        return values.text(value);
    }

    /** The section the option belongs to, which is also the JSON object it is saved in. */
    public Section section() {
        return section;
    }

    /** Its name in saved files, within its section, e.g. "learning_rate". */
    public String savedName() {
        return savedName;
    }

    /** How a search may vary it. */
    public Search search() {
        return search;
    }

    /** Why a search cannot vary it; null when it can. */
    public String fixedBecause() {
        return fixedBecause;
    }

    /** The option's value in an experiment. */
    public T get(Experiment experiment) {
        return read.apply(experiment);
    }

    /** Sets the option's value in a builder. */
    public void set(Experiment.Builder builder, T value) {
        write.accept(builder, value);
    }

    /** Parses {@code text} and sets it in the builder. */
    public void setText(Experiment.Builder builder, String text) {
        set(builder, parse(text));
    }

    /** The value as saved in JSON: a Double, Long, Boolean or String. */
    public Object saved(Experiment experiment) {
        return values.toSaved(get(experiment));
    }

    /** Sets a value read from JSON ({@link #savedForm()} says which type) in the builder. */
    public void setSaved(Experiment.Builder builder, Object saved) {
        set(builder, values.fromSaved(saved));
    }

    /** The JSON type the value is saved as. */
    public OptionValues.SavedForm savedForm() {
        return values.savedForm();
    }

    /**
     * The default as {@code --help} shows it, or null when there is none to show: a switch is off,
     * and a derived default is described in {@link #help()}.
     */
    public String defaultText() {
        return isSwitch() || derivedDefault != null ? null : text(get(Experiment.builder().build()));
    }

    /** Whether the experiment has this option at its default, the one it would get if the flag were left out. */
    public boolean isDefault(Experiment experiment) {
        T standard = derivedDefault != null ? derivedDefault.apply(experiment) : get(Experiment.builder().build());
        return get(experiment).equals(standard);
    }

    /** Whether a run's description shows it: always, or when it differs from its default. */
    public boolean described(Experiment experiment) {
        return alwaysDescribed || !isDefault(experiment);
    }

    /** The option as flags for this experiment: "--lr 0.5", or "--keep-best" for a switch that is on. */
    public String asFlags(Experiment experiment) {
        return isSwitch() ? "--" + flag : "--" + flag + " " + text(get(experiment));
    }

    @Override
    public String toString() {
        return "--" + flag;
    }
}
