package org.nnlab.losses;

import org.nnlab.matrix.Matrix;

/**
 * A loss L averaged over a batch: predictions and targets are both N×C, one example per row.
 * Like a layer, {@link #forward} keeps what {@link #backward} needs, and backward returns
 * dL/d(predictions), already divided by N because L is a mean over the batch.
 */
public interface Loss {

    /** L, the mean over the batch of the per-example loss. */
    double forward(Matrix predictions, Matrix targets);

    /** dL/d(predictions) for the last forward call, N×C; a buffer reused on the next call. */
    Matrix backward();

    /** A short name for reports. */
    String describe();
}
