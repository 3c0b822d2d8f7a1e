package org.nnlab.losses;

import java.util.BitSet;
import org.nnlab.layers.Kinked;
import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;

/**
 * Binary cross-entropy on probabilities A in (0, 1), one independent yes/no output per column
 * (report 002's digit-against-the-rest neuron; report 000's per-output "BCE"):
 *
 * <pre>
 *   L  = −1/N Σₙ Σⱼ [ Yₙⱼ log Aₙⱼ + (1 − Yₙⱼ) log(1 − Aₙⱼ) ]        eq. (3.6)
 *   dA = (A − Y) / (A (1 − A)) / N                                   eq. (3.7)
 * </pre>
 *
 * A sigmoid in float32 rounds to exactly 0 or 1 once |z| passes about 17, where log and the
 * division above blow up; A is therefore clamped to [ε, 1 − ε] with ε = {@value #EPSILON} in both
 * passes, which leaves the gradient exact wherever the clamp is inactive.
 */
public class BinaryCrossEntropy implements Loss, Kinked {
    static final double EPSILON = 1e-7;

    private Matrix a;
    private Matrix y;
    private Matrix dA;

    // tag::clamp[]
    private static double clamp(double a) {
        return Math.min(Math.max(a, EPSILON), 1 - EPSILON);
    }
    // end::clamp[]

    @Override
    // tag::forward[]
    public double forward(Matrix predictions, Matrix targets) {
        Losses.requireSameShape(predictions, targets);
        a = predictions;
        y = targets;
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < a.size(); i++) {
            double ai = clamp(a.getFlat(i));
            double yi = y.getFlat(i);
            sum.add(yi * Math.log(ai) + (1 - yi) * Math.log(1 - ai));
        }
        return -sum.value() / a.rows();
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward() {
        // tag::lab-bce[]
        double n = a.rows();
        dA = Matrix.reuse(dA, a.precision(), a.rows(), a.cols());
        for (int i = 0; i < dA.size(); i++) {
            double ai = clamp(a.getFlat(i));
            double yi = y.getFlat(i);
            dA.setFlat(i, (ai - yi) / (ai * (1 - ai)) / n);
        }
        return dA;
        // end::lab-bce[]
    }
    // end::backward[]

    /** Bits 2i, 2i + 1: prediction i below ε, above 1 − ε; the gradient checker finds the clamp's kinks by them. */
    @Override
    public BitSet kinkSides() {
        BitSet sides = new BitSet(2 * a.size());
        for (int i = 0; i < a.size(); i++) {
            double ai = a.getFlat(i);
            sides.set(2 * i, ai < EPSILON);
            sides.set(2 * i + 1, ai > 1 - EPSILON);
        }
        return sides;
    }

    @Override
    public String describe() {
        return "binary cross-entropy";
    }
}
