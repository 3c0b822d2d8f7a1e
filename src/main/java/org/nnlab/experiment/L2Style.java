package org.nnlab.experiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * How L2 regularisation of strength λ is applied: as the textbook penalty (λ/2)·Σ‖W‖² added to the
 * loss (the network's {@link org.nnlab.model.NetworkSpec#l2()}), or, as reports 000 and 003 coded
 * it, by shrinking the weights W ← W − λ·W after every update, outside the learning rate (the
 * training's {@link org.nnlab.training.WeightShrink}).
 */
public enum L2Style {
    /** (λ/2)·Σ‖W‖² in the loss. */
    PENALTY("penalty"),
    /** W ← W − λ·W after each update. */
    SHRINK("shrink");

    private final String cliName;

    L2Style(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line: "penalty" or "shrink". */
    public String cliName() {
        return cliName;
    }

    /** The style named {@code name}; an IllegalArgumentException naming the valid ones for any other. */
    public static L2Style parse(String name) {
        for (L2Style style : values()) {
            if (style.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return style;
            }
        }
        throw new IllegalArgumentException("unknown L2 style '" + name + "', expected "
                + String.join(" or ", Arrays.stream(values()).map(L2Style::cliName).toList()));
    }
}
