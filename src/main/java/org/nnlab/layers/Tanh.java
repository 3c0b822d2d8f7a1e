package org.nnlab.layers;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * The hyperbolic tangent, element-wise.
 *
 * <pre>
 *   forward:   A  = tanh(Z)                                  eq. (2.9)
 *   backward:  dZ = dA ⊙ tanh'(Z) = dA ⊙ (1 − A²)            eqs. (4.5), (4.8)
 * </pre>
 * The backward pass needs only the output A, so that is what forward keeps.
 */
public class Tanh implements Layer {
    private Matrix a;
    private Matrix dZ;

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        a = Matrix.reuse(a, z.precision(), z.rows(), z.cols());
        MatrixOps.map(z, Math::tanh, a);
        return a;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dA) {
        // tag::lab-tanh[]
        dZ = Matrix.reuse(dZ, dA.precision(), dA.rows(), dA.cols());
        MatrixOps.zip(dA, a, (da, ai) -> da * (1 - ai * ai), dZ);
        return dZ;
        // end::lab-tanh[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "Tanh";
    }
}
