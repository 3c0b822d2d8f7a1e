package org.nnlab.losses;

import org.nnlab.matrix.Matrix;

/** Checks shared by the losses. */
final class Losses {
    private Losses() {
    }

    static void requireSameShape(Matrix predictions, Matrix targets) {
        if (!targets.hasShape(predictions.rows(), predictions.cols())) {
            throw new IllegalArgumentException("targets must have the predictions' shape "
                    + predictions.shape() + ", got " + targets.shape());
        }
    }
}
