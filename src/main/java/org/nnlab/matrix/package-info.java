/**
 * {@link org.nnlab.matrix.Matrix}: a row-major rows×cols matrix over a flat {@code float[]} or
 * {@code double[]} ({@link org.nnlab.matrix.Precision}), and {@link org.nnlab.matrix.MatrixOps}, the
 * operations the layers call, one method for both precisions, which hands the arrays to the
 * active kernels.
 *
 * <p>May use: {@code kernels}.
 */
package org.nnlab.matrix;
