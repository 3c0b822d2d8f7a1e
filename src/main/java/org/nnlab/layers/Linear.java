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
 *
 * <p>Plain SGD's step for W can do without dW: training leaves dW out of the backward pass
 * ({@link #setWeightGradientWanted}) and adds −η times the product to W tile by tile, never
 * storing it. The numbers are the same, bit for bit (book, chapter 7).
 */
public class Linear implements Layer {
    private final Parameter weights;
    private final Parameter bias;
    private Matrix x;
    private Matrix z;
    private Matrix dX;
    /** The dZ of the last backward pass, for plain SGD's step without dW. */
    private Matrix lastDZ;
    private boolean inputGradientWanted = true;
    private boolean weightGradientWanted = true;

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
        lastDZ = dZ; // for plain SGD's step, when it does without dW
        if (weightGradientWanted) {
            MatrixOps.multiplyTransposeA(x, dZ, weights.gradient());
        }
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

    /**
     * Whether {@link #backward} computes dW (the default). Network turns it off for a single
     * backward pass when training with plain SGD, which then moves W by −η·dW without dW ever being
     * stored: on MNIST's W1 (784×512) a one-thread training step took a fifth less time (book,
     * chapter 7). W's gradient then keeps whatever it held.
     */
    public void setWeightGradientWanted(boolean wanted) {
        weightGradientWanted = wanted;
    }

    // tag::lab-remove-linear[]
    // Not in a student's lab kit, whose training always computes dW with the student's own
    // backward pass: this method's one line would hand out the weight gradient.
    /**
     * Plain SGD's step for W after a backward pass: W ← W − η·(Xᵀ·dZ), with the X of the last
     * forward pass and the dZ of the last backward pass. The same numbers as dW = Xᵀ·dZ followed by
     * W ← W − η·dW. The vector kernels write no dW when C is wide and the batch at most 256 rows;
     * otherwise (and with the scalar kernels, or float64) W's gradient matrix holds the product
     * afterwards, so its contents are unspecified.
     */
    // tag::descend-weights[]
    public void descendWeights(double learningRate) {
        if (lastDZ == null) {
            throw new IllegalStateException("descendWeights needs a backward pass first: it steps along that pass's dW = Xᵀ·dZ");
        }
        MatrixOps.addScaledProductTransposeA(-learningRate, x, lastDZ, weights.value(), weights.gradient());
    }
    // end::descend-weights[]
    // end::lab-remove-linear[]

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
