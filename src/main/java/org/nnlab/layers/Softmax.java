package org.nnlab.layers;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * Softmax over each row, as a layer of its own: used when a loss other than cross-entropy follows
 * it (report 001's softmax + MSE). With cross-entropy, use the fused
 * {@link org.nnlab.losses.SoftmaxCrossEntropy}, whose gradient is simpler and more stable.
 *
 * <pre>
 *   forward:   Sₙⱼ = exp(Zₙⱼ − maxₖ Zₙₖ) / Σₖ exp(Zₙₖ − maxₖ Zₙₖ)
 *   backward:  the Jacobian of one row is ∂Sⱼ/∂Zᵢ = Sⱼ(δᵢⱼ − Sᵢ), so
 *              dZₙᵢ = Σⱼ dSₙⱼ Sₙⱼ(δᵢⱼ − Sₙᵢ) = Sₙᵢ (dSₙᵢ − Σⱼ dSₙⱼ Sₙⱼ)
 * </pre>
 */
public class Softmax implements Layer {
    private Matrix output;
    private Matrix inputGradient;

    @Override
    // tag::forward[]
    public Matrix forward(Matrix z) {
        output = Matrix.reuse(output, z.precision(), z.rows(), z.cols());
        MatrixOps.rowSoftmax(z, output);
        return output;
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dout) {
        // tag::lab-softmax[]
        inputGradient = Matrix.reuse(inputGradient, dout.precision(), dout.rows(), dout.cols());
        for (int n = 0; n < dout.rows(); n++) {
            double weightedSum = 0;
            for (int j = 0; j < dout.cols(); j++) {
                weightedSum += dout.get(n, j) * output.get(n, j);
            }
            for (int i = 0; i < dout.cols(); i++) {
                inputGradient.set(n, i, output.get(n, i) * (dout.get(n, i) - weightedSum));
            }
        }
        return inputGradient;
        // end::lab-softmax[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "Softmax";
    }
}
