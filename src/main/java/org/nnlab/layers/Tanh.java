package org.nnlab.layers;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The hyperbolic tangent, element-wise.
 *
 * <pre>
 *   forward:   A  = tanh(Z)
 *   backward:  dZ = dA ⊙ (1 − A²)      since tanh'(z) = 1 − tanh²(z)
 * </pre>
 */
public class Tanh implements Layer {
    private Matrix output;
    private Matrix inputGradient;

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        output = Matrix.reuse(output, z.precision(), z.rows(), z.cols());
        MatrixOps.map(z, Math::tanh, output);
        return output;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dout) {
        // tag::lab-tanh[]
        inputGradient = Matrix.reuse(inputGradient, dout.precision(), dout.rows(), dout.cols());
        MatrixOps.zip(dout, output, (da, a) -> da * (1 - a * a), inputGradient);
        return inputGradient;
        // end::lab-tanh[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "Tanh";
    }
}
