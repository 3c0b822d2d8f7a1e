package org.nnlab.gradcheck;

import java.util.Locale;
import org.nnlab.matrix.Precision;

/**
 * When an analytic gradient element a disagrees with its numerical estimate n enough to call the
 * backward pass wrong. Two errors are measured:
 *
 * <pre>
 *   relative error = |a − n| / max(|a| + |n|, tiny)        absolute error = |a − n|
 * </pre>
 *
 * and an element fails only when BOTH exceed their tolerance (DL4J's GradientCheckUtil rule). The
 * relative error alone would fail elements whose gradient is nearly zero, where the round-off in n
 * is as large as n itself; the absolute error alone would fail large elements that agree to ten
 * digits. {@code tiny} only keeps 0/0 from being NaN: two exact zeros agree perfectly.
 *
 * @param relative the largest relative error that passes
 * @param absolute the largest absolute error that passes
 */
public record Tolerances(double relative, double absolute) {

    /**
     * float64: the five-point difference with h = 2⁻⁹ is good to about 1e-12 of |f|, and the
     * central difference of a black box with h = ε^(1/3) to about ε^(2/3) ≈ 4e-11 (see
     * {@link Difference#defaultStep}), so a correct backward pass lands far below 1e-7 wherever
     * the gradient is not near 0, while any real mistake (a missing factor, a wrong sign, a
     * transposition, a dropped term) is off by 1e-3 or far more. The absolute floor 1e-8 sits
     * above the round-off, about ε·|f|/h ≈ 1e-12 (five-point) or 1e-10 (central) for losses of
     * order 1, and below every gradient a mistake could matter for.
     */
    // tag::float64[]
    public static final Tolerances FLOAT64 = new Tolerances(1e-7, 1e-8);
    // end::float64[]

    /**
     * float32: ε is 1.2e-7, so even the best step leaves about 1e-5 (five-point, measured) to
     * 2e-5 (central, ε^(2/3)) of the size of f in every numerical derivative, and the float32
     * layers round each intermediate value too: at best 3 to 4 significant digits survive. 1e-2 relative and 1e-4 absolute pass a correct
     * float32 network with a margin and still fail a wrong factor or sign, but would miss a mistake
     * that changes a gradient by under 1%. Use float64 for a verdict.
     */
    // tag::float32[]
    public static final Tolerances FLOAT32 = new Tolerances(1e-2, 1e-4);
    // end::float32[]

    /** The smallest denominator of the relative error. */
    static final double TINY = Double.MIN_NORMAL;

    public Tolerances {
        if (!(relative > 0) || !(absolute > 0) || Double.isInfinite(relative) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("tolerances must be positive and finite, got relative "
                    + relative + ", absolute " + absolute);
        }
    }

    /** The tolerances documented above for checks run in the given precision. */
    public static Tolerances forPrecision(Precision precision) {
        return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
    }

    /** |a − n| / max(|a| + |n|, tiny); infinite when either value is not finite. */
    // tag::relative-error[]
    public static double relativeError(double analytic, double numeric) {
        if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), TINY);
    }
    // end::relative-error[]

    /** |a − n|; infinite when either value is not finite. */
    public static double absoluteError(double analytic, double numeric) {
        if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(analytic - numeric);
    }

    /**
     * How far past failing an element is: min(relative error / relative tolerance, absolute error
     * / absolute tolerance). It exceeds 1 exactly when both errors exceed their tolerance, so the
     * element with the largest severity is the one nearest to failing, or the worst failure.
     */
    // tag::severity[]
    public double severity(double relativeError, double absoluteError) {
        return Math.min(relativeError / relative, absoluteError / absolute);
    }
    // end::severity[]

    /** Whether both errors exceed their tolerances: the element fails. */
    // tag::exceeded-by[]
    public boolean exceededBy(double relativeError, double absoluteError) {
        return severity(relativeError, absoluteError) > 1;
    }
    // end::exceeded-by[]

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "relative error > %.0e and absolute error > %.0e", relative, absolute);
    }
}
