package org.nnlab.losses;

import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * Softmax followed by cross-entropy, fused into one loss on the raw scores Z (logits).
 *
 * <pre>
 *   P  = softmax(Z) row by row
 *   L  = −1/N Σₙ Σⱼ Yₙⱼ log Pₙⱼ
 *   dZ = (P − Y) / N           (for targets whose rows sum to 1, e.g. one-hot)
 * </pre>
 *
 * Why fuse: log Pₙⱼ = Zₙⱼ − m − log Σₖ exp(Zₙₖ − m) with m = maxₖ Zₙₖ is computed without ever
 * forming a P that could underflow to 0 and make log P infinite, and the combined gradient P − Y is
 * both simpler and more accurate than chaining the softmax Jacobian with −Y/P.
 */
public class SoftmaxCrossEntropy implements Loss {
    /** Reused on every call: a new one per call is allocated whenever the JIT does not inline its add. */
    private final CompensatedSum sum = new CompensatedSum();
    private Matrix targets;
    private Matrix probabilities;
    private Matrix gradient;

    @Override
    // tag::forward[]
    public double forward(Matrix scores, Matrix targets) {
        Losses.requireSameShape(scores, targets);
        this.targets = targets;
        probabilities = Matrix.reuse(probabilities, scores.precision(), scores.rows(), scores.cols());
        MatrixOps.rowSoftmax(scores, probabilities);
        sum.clear();
        for (int n = 0; n < scores.rows(); n++) {
            double logSumExp = logSumExp(scores, n);
            for (int j = 0; j < scores.cols(); j++) {
                double y = targets.get(n, j);
                if (y != 0) {
                    sum.add(-y * (scores.get(n, j) - logSumExp));
                }
            }
        }
        return sum.value() / scores.rows();
    }
    // end::forward[]

    /** log Σⱼ exp(Zₙⱼ), shifted by the row maximum so that exp cannot overflow. */
    // tag::log-sum-exp[]
    static double logSumExp(Matrix scores, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores.cols(); j++) {
            max = Math.max(max, scores.get(n, j));
        }
        double sum = 0;
        for (int j = 0; j < scores.cols(); j++) {
            sum += Math.exp(scores.get(n, j) - max);
        }
        return max + Math.log(sum);
    }
    // end::log-sum-exp[]

    @Override
    // tag::backward[]
    public Matrix backward() {
        // tag::lab-softmax-ce[]
        double n = probabilities.rows();
        gradient = Matrix.reuse(gradient, probabilities.precision(), probabilities.rows(), probabilities.cols());
        for (int i = 0; i < gradient.size(); i++) {
            gradient.setFlat(i, (probabilities.getFlat(i) - targets.getFlat(i)) / n);
        }
        return gradient;
        // end::lab-softmax-ce[]
    }
    // end::backward[]

    /** The softmax probabilities of the last forward call. */
    public Matrix probabilities() {
        return probabilities;
    }

    @Override
    public String describe() {
        return "softmax cross-entropy";
    }
}
