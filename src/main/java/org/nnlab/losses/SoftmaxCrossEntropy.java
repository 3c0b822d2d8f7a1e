package org.nnlab.losses;

import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * Softmax followed by cross-entropy, fused into one loss on the raw scores Z (logits).
 *
 * <pre>
 *   P  = softmax(Z) row by row                                    eq. (2.10)
 *   L  = −1/N Σₙ Σⱼ Yₙⱼ log Pₙⱼ                                   eq. (3.11)
 *   dZ = (P − Y) / N           (for targets whose rows sum to 1, e.g. one-hot)   eq. (3.13)
 * </pre>
 *
 * Why fuse: log Pₙⱼ = Zₙⱼ − m − log Σₖ exp(Zₙₖ − m) with m = maxₖ Zₙₖ is computed without ever
 * forming a P that could underflow to 0 and make log P infinite, and the combined gradient P − Y is
 * both simpler and more accurate than chaining the softmax Jacobian with −Y/P.
 */
public class SoftmaxCrossEntropy implements Loss {
    /** Reused on every call: a new one per call is allocated whenever the JIT does not inline its add. */
    private final CompensatedSum sum = new CompensatedSum();
    private Matrix y;
    private Matrix p;
    private Matrix dZ;

    @Override
    // tag::forward[]
    public double forward(Matrix scores, Matrix targets) {
        Losses.requireSameShape(scores, targets);
        y = targets;
        p = Matrix.reuse(p, scores.precision(), scores.rows(), scores.cols());
        MatrixOps.rowSoftmax(scores, p);
        sum.clear();
        for (int n = 0; n < scores.rows(); n++) {
            double logSumExp = logSumExp(scores, n);
            for (int j = 0; j < scores.cols(); j++) {
                double ynj = targets.get(n, j);
                if (ynj != 0) {
                    sum.add(-ynj * (scores.get(n, j) - logSumExp));
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
        double n = p.rows();
        dZ = Matrix.reuse(dZ, p.precision(), p.rows(), p.cols());
        for (int i = 0; i < dZ.size(); i++) {
            dZ.setFlat(i, (p.getFlat(i) - y.getFlat(i)) / n);
        }
        return dZ;
        // end::lab-softmax-ce[]
    }
    // end::backward[]

    /** The softmax probabilities of the last forward call. */
    public Matrix probabilities() {
        return p;
    }

    @Override
    public String describe() {
        return "softmax cross-entropy";
    }
}
