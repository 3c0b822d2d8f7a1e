package org.nnlab.layers;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The logistic sigmoid, element-wise.
 *
 * <pre>
 *   forward:   A  = σ(Z) = 1 / (1 + e^(−Z))
 *   backward:  dZ = dA ⊙ A ⊙ (1 − A)      since σ'(z) = σ(z)(1 − σ(z))
 * </pre>
 * The backward pass needs only the output A, so that is what forward keeps.
 */
public class Sigmoid implements Layer {
    private Matrix output;
    private Matrix inputGradient;

    /** σ(z), written so that neither branch can overflow exp. */
    // tag::sigmoid[]
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
    // end::sigmoid[]

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        output = Matrix.reuse(output, z.precision(), z.rows(), z.cols());
        MatrixOps.map(z, Sigmoid::sigmoid, output);
        return output;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dout) {
        // tag::lab-sigmoid[]
        inputGradient = Matrix.reuse(inputGradient, dout.precision(), dout.rows(), dout.cols());
        MatrixOps.zip(dout, output, (da, a) -> da * a * (1 - a), inputGradient);
        return inputGradient;
        // end::lab-sigmoid[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "Sigmoid";
    }
}
