package org.nnlab.layers;

import java.util.BitSet;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The rectified linear unit, element-wise.
 *
 * <pre>
 *   forward:   A  = max(Z, 0)
 *   backward:  dZ = dA ⊙ [Z &gt; 0]     (the derivative is 1 where Z &gt; 0 and 0 elsewhere;
 *                                      at Z = 0 exactly nnlab takes 0, a valid subgradient)
 * </pre>
 */
public class Relu implements Layer, Kinked {
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        input = z;
        output = Matrix.reuse(output, z.precision(), z.rows(), z.cols());
        MatrixOps.relu(z, output);
        return output;
    }

    /**
     * A = max(Z + b, 0), adding the row vector b to Z in place in the same pass: the bias of the
     * Linear layer before and this ReLU, reading Z once instead of twice. Z then holds X·W + b,
     * exactly what the Linear layer's forward would have produced, and is kept for backward.
     */
    public Matrix forwardAddingBias(Matrix z, Matrix bias) {
        input = z;
        output = Matrix.reuse(output, z.precision(), z.rows(), z.cols());
        MatrixOps.addRowVectorRelu(z, bias, output);
        return output;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dout) {
        // tag::lab-relu[]
        inputGradient = Matrix.reuse(inputGradient, dout.precision(), dout.rows(), dout.cols());
        MatrixOps.reluBackward(input, dout, inputGradient);
        return inputGradient;
        // end::lab-relu[]
    }
    // end::backward[]

    /** Bit i is [Zᵢ &gt; 0] of the last forward pass: how the gradient checker finds kinks exactly. */
    @Override
    // tag::kink-sides[]
    public BitSet kinkSides() {
        BitSet positive = new BitSet(input.size());
        for (int i = 0; i < input.size(); i++) {
            if (input.getFlat(i) > 0) {
                positive.set(i);
            }
        }
        return positive;
    }
    // end::kink-sides[]

    @Override
    public String describe() {
        return "ReLU";
    }
}
