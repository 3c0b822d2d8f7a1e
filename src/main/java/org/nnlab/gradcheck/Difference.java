package org.nnlab.gradcheck;

import org.nnlab.matrix.Precision;

/**
 * How the checker turns the five values of f on a {@link Stencil} into a numerical derivative, and
 * how it tells a kink (a non-differentiable point within the stencil) from a smooth element.
 *
 * <p>Where the operations of f report their kinks ({@link org.nnlab.layers.Kinked}: a layer, a
 * loss, a network), kinks are known exactly and the step can be large enough for a fourth-order
 * formula: {@link #FIVE_POINT}. For any other scalar function, a black box, the kinks must be
 * inferred from f's values, which needs a step so small that curvature cannot pass for a kink:
 * {@link #CENTRAL}.
 */
public enum Difference {

    /**
     * (f(θ + h) − f(θ − h)) / 2h with h = ε^(1/3), kinks found from the values of f alone
     * ({@link Stencil#slopeJump}): for a black-box scalar function.
     */
    CENTRAL("central differences"),

    /**
     * [8(f(θ + h/2) − f(θ − h/2)) − (f(θ + h) − f(θ − h))] / 6h ({@link Stencil#fivePointDifference})
     * with h = 2⁻⁹ in float64, kinks reported by the operations of f ({@link Stencil#crossesKink}):
     * for layers, losses and networks.
     */
    FIVE_POINT("five-point differences (fourth order; kinks reported by the layers)");

    private final String description;

    Difference(String description) {
        this.description = description;
    }

    /** The default step h for matrices of the precision. */
    public double defaultStep(Precision precision) {
        return this == CENTRAL ? centralStep(precision) : fivePointStep(precision);
    }

    /**
     * h = ε^(1/3), about 6.1e-6 in float64 and 4.9e-3 in float32.
     *
     * <p>Why: the central difference has two errors that pull h in opposite directions.
     * Truncation: the Taylor series of f(θ ± h) leave h²·f'''/6, which shrinks with h. Round-off:
     * each value of f is off by about ε·|f|, and dividing the difference of two of them by 2h makes
     * that ε·|f|/h, which grows as h shrinks. With f and its derivatives of order one the total
     * h²/6 + ε/h is smallest near h = ε^(1/3), where both parts are about ε^(2/3): 4e-11 in
     * float64, but 2e-5 in float32 — why float64 is the precision to check in.
     *
     * <p>A black box cannot take a larger step: its kink detector sees curvature as (h/2)²·f'''
     * (see {@link Stencil#slopeJump}), about 1e-11·f''' here, but 1e-6·f''' at the five-point step.
     */
    // tag::central-step[]
    private static double centralStep(Precision precision) {
        return Math.cbrt(GradientChecker.machineEpsilon(precision));
    }
    // end::central-step[]

    /**
     * h = 2⁻⁹ ≈ 1.95e-3 in float64 and 2⁻⁵ ≈ 3.1e-2 in float32: powers of two, so that h/2 is
     * exact.
     *
     * <p>Why: the same trade-off as {@link #centralStep}, with a far smaller truncation.
     * Truncation: h⁴·f⁽⁵⁾/480 (see {@link Stencil#fivePointDifference}). Round-off: the weights
     * (1, −8, 8, −1)/6h turn an independent error σ in each value of f into √130·σ/6h ≈ 1.9·σ/h.
     * The sum h⁴·|f⁽⁵⁾|/480 + 1.9·σ/h is smallest at h⁵ = 228·σ/|f⁽⁵⁾|: h grows like ε^(1/5)
     * instead of ε^(1/3), and with σ = ε·|f| and |f⁽⁵⁾| = |f| that is h = (228·ε)^(1/5) = 2.2e-3
     * in float64, where both parts are about 1e-12·|f|, some 40 times below the central
     * difference's ε^(2/3) ≈ 4e-11.
     *
     * <p>Neither σ nor f⁽⁵⁾ is known in advance (for a weight that multiplies an input x, f⁽⁵⁾
     * grows like x⁵), so the steps were chosen by measurement, over the smooth networks of
     * {@code nnlab gradcheck --all} (sigmoid or tanh hidden layer × the five outputs and losses,
     * 20-16-10, batch 8, λ = 0.01), on every element:
     * <ul>
     *   <li>float64, 12 seeds (120 networks): the largest relative error of a network exceeded
     *       1e-7 in 6 networks at h = 2⁻¹⁰, 5 at 1.5e-3, 3 at 2⁻⁹, 5 at 2.5e-3, 4 at 3e-3 and 3 at
     *       2⁻⁸, whose worst error is twice that at 2⁻⁹ (9.1e-7 against 4.7e-7); central
     *       differences at ε^(1/3) exceeded it in 106 of the 120. The three left at 2⁻⁹ are
     *       gradients of 7e-8 to 2.4e-7, too small for this step to resolve: f is a double, off by
     *       at least ulp(f)/√12 even when all else is exact, which the weights turn into
     *       974·ulp(f)/√12 in the derivative: 3e-14 for f ≈ 0.6, so a gradient under 1.5e-7
     *       cannot reach 1e-7 relative (under 6e-7 for f ≈ 3). (The losses sum with
     *       {@link org.nnlab.matrix.CompensatedSum}; with plain sums the values of f carried up to
     *       3.5·ε·|f| of noise, and the networks' largest errors were twice as large: geometric
     *       mean 8.1e-9 against 4.2e-9.)</li>
     *   <li>float32, 8 seeds (80 networks): the largest absolute error was 4.2e-5 at h = 2⁻⁷,
     *       2.0e-5 at 2⁻⁶, 1.1e-5 at 2⁻⁵, 1.1e-5 at 4e-2 and 5.0e-5 at 2⁻⁴; with central
     *       differences at ε^(1/3), 6.1e-5. The formula would say 0.12: in float32 f⁽⁵⁾, not
     *       round-off, limits the step.</li>
     * </ul>
     */
    // tag::five-point-step[]
    private static double fivePointStep(Precision precision) {
        return precision == Precision.FLOAT32 ? 0x1.0p-5 : 0x1.0p-9;
    }
    // end::five-point-step[]

    /** The numerical derivative at θ from the stencil's values. */
    double derivative(Stencil stencil) {
        return this == CENTRAL ? stencil.centralDifference() : stencil.fivePointDifference();
    }

    /** "central differences", as the report's heading says it. */
    public String describe() {
        return description;
    }
}
