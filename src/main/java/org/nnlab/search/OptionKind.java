package org.nnlab.search;

import java.util.Map;

/**
 * What kind of value a train option takes, which decides how a search may vary it: every kind as a
 * list ({@code --activation relu,tanh}), the numbers also as a range {@code LOW..HIGH} that
 * {@code --random} samples log-uniformly, whole numbers rounded.
 */
public enum OptionKind {
    REAL, WHOLE, CHOICE;

    /** The train options a search may vary, by flag name. */
    private static final Map<String, OptionKind> SEARCHABLE = Map.ofEntries(
            Map.entry("lr", REAL), Map.entry("l2", REAL), Map.entry("momentum", REAL),
            Map.entry("hidden", WHOLE), Map.entry("batch", WHOLE), Map.entry("epochs", WHOLE),
            Map.entry("patience", WHOLE),
            Map.entry("task", CHOICE), Map.entry("split", CHOICE), Map.entry("scaling", CHOICE),
            Map.entry("activation", CHOICE), Map.entry("loss", CHOICE), Map.entry("targets", CHOICE),
            Map.entry("sigmoid-derivative", CHOICE), Map.entry("init", CHOICE), Map.entry("bias-init", CHOICE),
            Map.entry("l2-style", CHOICE), Map.entry("optimizer", CHOICE), Map.entry("schedule", CHOICE),
            Map.entry("sampling", CHOICE), Map.entry("updates", CHOICE), Map.entry("gradient", CHOICE),
            Map.entry("dropout", REAL), Map.entry("input-dropout", REAL), Map.entry("augment", CHOICE),
            Map.entry("rotate", REAL), Map.entry("scale", REAL), Map.entry("shear", REAL), Map.entry("translate", REAL),
            Map.entry("elastic-sigma", REAL), Map.entry("elastic-alpha", REAL));

    /** Train options that stay the same for every run of a search, and why. */
    private static final Map<String, String> FIXED = Map.of(
            "dataset", "a search loads one dataset; run one search per dataset",
            "seed", "give the seeds with --seeds N (seeds 1..N) or --seeds 1,7,42",
            "freeze-biases", "it is a switch, on or off for every run",
            "keep-best", "it is a switch, on or off for every run");

    /** The kind of a searchable option; an IllegalArgumentException naming the flag for any other. */
    public static OptionKind of(String flag) {
        OptionKind kind = SEARCHABLE.get(flag);
        if (kind != null) {
            return kind;
        }
        String why = FIXED.get(flag);
        throw new IllegalArgumentException("--" + flag + " cannot be searched"
                + (why != null ? ": " + why : ": it is not a training option"));
    }

    /** Whether {@code LOW..HIGH} ranges make sense for this kind. */
    public boolean isNumber() {
        return this != CHOICE;
    }
}
