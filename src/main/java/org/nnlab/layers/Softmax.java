package org.nnlab.layers;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * Softmax over each row, as a layer of its own: used when a loss other than cross-entropy follows
 * it (report 001's softmax + MSE). With cross-entropy, use the fused
 * {@link org.nnlab.losses.SoftmaxCrossEntropy}, whose gradient is simpler and more stable.
 *
 * <pre>
 *   forward:   Sₙⱼ = exp(Zₙⱼ − maxₖ Zₙₖ) / Σₖ exp(Zₙₖ − maxₖ Zₙₖ)          eqs. (2.10), (2.11)
 *   backward:  the Jacobian of one row is ∂Sⱼ/∂Zᵢ = Sⱼ(δᵢⱼ − Sᵢ), so
 *              dZₙᵢ = Σⱼ dSₙⱼ Sₙⱼ(δᵢⱼ − Sₙᵢ) = Sₙᵢ (dSₙᵢ − Σⱼ dSₙⱼ Sₙⱼ)      eq. (3.10)
 * </pre>
 * The backward pass needs only the output S, so that is what forward keeps.
 */
public class Softmax implements Layer {
    private Matrix s;
    private Matrix dZ;

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        s = Matrix.reuse(s, z.precision(), z.rows(), z.cols());
        MatrixOps.rowSoftmax(z, s);
        return s;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dS) {
        // tag::lab-softmax[]
        dZ = Matrix.reuse(dZ, dS.precision(), dS.rows(), dS.cols());
        for (int n = 0; n < dS.rows(); n++) {
            double weightedSum = 0;
            for (int j = 0; j < dS.cols(); j++) {
                weightedSum += dS.get(n, j) * s.get(n, j);
            }
            for (int i = 0; i < dS.cols(); i++) {
                dZ.set(n, i, s.get(n, i) * (dS.get(n, i) - weightedSum));
            }
        }
        return dZ;
        // end::lab-softmax[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "Softmax";
    }
}
