package org.nnlab.model;

import java.util.Arrays;
import java.util.Locale;
import org.nnlab.matrix.Matrix;

/**
 * How a class label becomes a target row: one-hot with 0 and 1, or with −1 and +1 for a tanh
 * output (report 003, case 1), whose range is (−1, 1).
 *
 * <p>A network with a single output answers a yes/no question (report 002's digit against the
 * rest): label 1 is the "yes" class and gets the on value, label 0 the off value.
 */
public enum TargetEncoding {
    ZERO_ONE("zero-one", 0, 1),
    PLUS_MINUS_ONE("plus-minus-one", -1, 1);

    private final String cliName;
    private final double off;
    private final double on;

    TargetEncoding(String cliName, double off, double on) {
        this.cliName = cliName;
        this.off = off;
        this.on = on;
    }

    /** Writes the target of {@code label} into row {@code row} of targets (one column per class, or one yes/no column). */
    public void encode(int label, Matrix targets, int row) {
        if (targets.cols() == 1) {
            targets.set(row, 0, label == 1 ? on : off);
            return;
        }
        for (int c = 0; c < targets.cols(); c++) {
            targets.set(row, c, c == label ? on : off);
        }
    }

    /** The value of the output column of the true class; the threshold between classes is halfway. */
    public double on() {
        return on;
    }

    public double off() {
        return off;
    }

    /** Halfway between off and on: a single output above it answers "yes". */
    public double threshold() {
        return (on + off) / 2;
    }

    public String cliName() {
        return cliName;
    }

    public static TargetEncoding parse(String name) {
        for (TargetEncoding t : values()) {
            if (t.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown targets '" + name + "', expected one of "
                + Arrays.stream(values()).map(TargetEncoding::cliName).toList());
    }
}
