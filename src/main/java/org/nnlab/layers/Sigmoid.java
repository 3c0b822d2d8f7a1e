package org.nnlab.layers;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The logistic sigmoid, element-wise.
 *
 * <pre>
 *   forward:   A  = σ(Z) = 1 / (1 + e^(−Z))                  eq. (2.8)
 *   backward:  dZ = dA ⊙ σ'(Z) = dA ⊙ A ⊙ (1 − A)            eqs. (4.5), (4.7)
 * </pre>
 * The backward pass needs only the output A, so that is what forward keeps.
 *
 * <p>{@link SigmoidDerivative#AT_OUTPUT} reproduces report 000's code, whose backward pass uses
 * σ'(A) = σ(A)(1 − σ(A)) instead.
 */
public class Sigmoid implements Layer {
    private final SigmoidDerivative derivative;
    private Matrix a;
    private Matrix dZ;

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
        a = Matrix.reuse(a, z.precision(), z.rows(), z.cols());
        MatrixOps.map(z, Sigmoid::sigmoid, a);
        return a;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dA) {
        // tag::lab-sigmoid[]
        dZ = Matrix.reuse(dZ, dA.precision(), dA.rows(), dA.cols());
        if (derivative == SigmoidDerivative.AT_INPUT) {
            MatrixOps.zip(dA, a, (da, ai) -> da * ai * (1 - ai), dZ);
        } else {
            MatrixOps.zip(dA, a, (da, ai) -> da * sigmoid(ai) * (1 - sigmoid(ai)), dZ);
        }
        return dZ;
        // end::lab-sigmoid[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return derivative == SigmoidDerivative.AT_INPUT ? "Sigmoid" : "Sigmoid (σ' at output)";
    }
}
