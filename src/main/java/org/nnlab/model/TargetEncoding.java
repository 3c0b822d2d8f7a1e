package org.nnlab.model;

import org.nnlab.matrix.Matrix;

/**
 * How a class label becomes a target row: one-hot with 0 and 1, or with −1 and +1 for a tanh
 * output (report 003, case 1), whose range is (−1, 1).
 */
public enum TargetEncoding {
    ZERO_ONE(0, 1),
    PLUS_MINUS_ONE(-1, 1);

    private final double off;
    private final double on;

    TargetEncoding(double off, double on) {
        this.off = off;
        this.on = on;
    }

    /** Writes the target of {@code label} into row {@code row} of targets (one column per class). */
    public void encode(int label, Matrix targets, int row) {
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
}
