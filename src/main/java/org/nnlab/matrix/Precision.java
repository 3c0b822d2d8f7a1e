package org.nnlab.matrix;

/**
 * The element type of a {@link Matrix}. nnlab trains in {@link #FLOAT32} and checks gradients in
 * {@link #FLOAT64}; the layers are written once and run in either.
 */
public enum Precision {
    FLOAT32,
    FLOAT64
}
