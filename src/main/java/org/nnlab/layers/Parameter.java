package org.nnlab.layers;

import org.nnlab.matrix.Matrix;

/**
 * A trainable matrix and the gradient of the loss with respect to it, which the owning layer's
 * backward pass fills. Names follow the math: parameter {@code W1} has gradient {@code dW1}.
 *
 * @param name       the parameter's name, e.g. "W1" or "b2"
 * @param value      the current value
 * @param gradient   dL/d(value), same shape, written by the layer's backward pass
 * @param decays     whether L2 regularisation applies: true for weights, false for biases
 */
public record Parameter(String name, Matrix value, Matrix gradient, boolean decays) {
    public Parameter {
        if (!gradient.hasShape(value.rows(), value.cols()) || gradient.precision() != value.precision()) {
            throw new IllegalArgumentException("gradient of " + name + " must match its value: "
                    + value.shape() + " " + value.precision() + " vs " + gradient.shape() + " " + gradient.precision());
        }
    }

    /** A parameter with the given value and a zero gradient. */
    public static Parameter of(String name, Matrix value, boolean decays) {
        return new Parameter(name, value, value.zerosLike(value.rows(), value.cols()), decays);
    }
}
