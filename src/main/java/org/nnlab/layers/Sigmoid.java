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
 *
 * <p>{@link SigmoidDerivative#AT_OUTPUT} reproduces report 000's code, whose backward pass uses
 * σ'(A) = σ(A)(1 − σ(A)) instead.
 */
public class Sigmoid implements Layer {
    private final SigmoidDerivative derivative;
    private Matrix output;
    private Matrix inputGradient;

    /** The sigmoid with its true derivative. */
    public Sigmoid() {
        this(SigmoidDerivative.AT_INPUT);
    }

    public Sigmoid(SigmoidDerivative derivative) {
        this.derivative = derivative;
    }

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
        if (derivative == SigmoidDerivative.AT_INPUT) {
            MatrixOps.zip(dout, output, (da, a) -> da * a * (1 - a), inputGradient);
        } else {
            MatrixOps.zip(dout, output, (da, a) -> da * sigmoid(a) * (1 - sigmoid(a)), inputGradient);
        }
        return inputGradient;
        // end::lab-sigmoid[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return derivative == SigmoidDerivative.AT_INPUT ? "Sigmoid" : "Sigmoid (σ' at output)";
    }
}
