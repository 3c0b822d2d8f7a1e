package org.nnlab.layers;

import java.util.List;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The affine layer Z = X·W + b.
 *
 * <pre>
 *   X: N×D  (a batch of N inputs)      W: D×M     b: 1×M (added to every row)     Z: N×M
 *
 *   forward:   Z  = X·W + b                                           eq. (2.1)
 *   backward:  dW = Xᵀ·dZ        (D×N · N×M = D×M)                     eq. (4.2)
 *              db = Σₙ dZₙ       (sum of dZ's rows, 1×M)               eq. (4.3)
 *              dX = dZ·Wᵀ        (N×M · M×D = N×D; skipped when nobody wants it)   eq. (4.4)
 * </pre>
 * The backward pass needs X, so that is what forward keeps.
 */
public class Linear implements Layer {
    private final Parameter weights;
    private final Parameter bias;
    private Matrix x;
    private Matrix z;
    private Matrix dX;
    private boolean inputGradientWanted = true;

    /** A layer over the given weights (D×M) and bias (1×M), which it trains in place. */
    public Linear(String weightsName, Matrix weights, String biasName, Matrix bias) {
        if (!bias.hasShape(1, weights.cols()) || bias.precision() != weights.precision()) {
            throw new IllegalArgumentException(biasName + " must be 1×" + weights.cols() + " "
                    + weights.precision() + " to match " + weightsName + ", got " + bias.shape() + " " + bias.precision());
        }
        this.weights = Parameter.of(weightsName, weights, true);
        this.bias = Parameter.of(biasName, bias, false);
    }

    @Override
    // tag::forward[]
    public Matrix forward(Matrix x) {
        Matrix z = forwardWithoutBias(x);
        MatrixOps.addRowVector(z, bias.value());
        return z;
    }

    /**
     * X·W without the bias, for a caller that adds the bias itself in the same pass as the next
     * layer's work (Network does, before a ReLU). Keeps X for backward, as forward does.
     */
    public Matrix forwardWithoutBias(Matrix x) {
        this.x = x;
        z = Matrix.reuse(z, x.precision(), x.rows(), weights.value().cols());
        MatrixOps.multiply(x, weights.value(), z);
        return z;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dZ) {
        // tag::lab-linear[]
        MatrixOps.multiplyTransposeA(x, dZ, weights.gradient());
        MatrixOps.columnSums(dZ, bias.gradient());
        if (!inputGradientWanted) {
            return null;
        }
        dX = Matrix.reuse(dX, dZ.precision(), dZ.rows(), weights.value().rows());
        MatrixOps.multiplyTransposeB(dZ, weights.value(), dX);
        return dX;
        // end::lab-linear[]
    }
    // end::backward[]

    /**
     * Whether {@link #backward} computes dX. The first layer's dX = dZ·Wᵀ is dL/d(the images):
     * training never uses it, and at 784-512-10 it is a third of a training step's arithmetic. When
     * not wanted, backward fills dW and db and returns null.
     */
    public void setInputGradientWanted(boolean wanted) {
        inputGradientWanted = wanted;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public String describe() {
        return "Linear " + weights.value().rows() + "→" + weights.value().cols();
    }
}
