package org.nnlab.gradcheck;

/**
 * One element of a tensor compared: its analytic gradient from the backward pass, its numerical
 * gradient from finite differences, and the verdict.
 *
 * @param row       the element's row
 * @param col       the element's column
 * @param analytic  dL/dθ from the backward pass
 * @param numeric   the five-point or the central difference of f at θ (see {@link Difference})
 * @param step      the step h of that difference: the report's, or a quarter of it for a five-point
 *                  failure re-checked with a smaller step (see {@link GradientChecker})
 * @param slopeJump how much the slope of f jumps inside [θ − h, θ + h] (see {@link Stencil#slopeJump});
 *                  NaN in five-point checks, where the layers report their kinks and f's slopes are not needed
 * @param verdict   pass, fail, or kink (excluded from the comparison)
 */
public record ElementCheck(int row, int col, double analytic, double numeric, double step, double slopeJump,
                           Verdict verdict) {

    public enum Verdict {
        PASS,
        FAIL,
        /** A non-differentiable point lies within h: the numerical gradient means nothing here. */
        KINK
    }

    public double relativeError() {
        return Tolerances.relativeError(analytic, numeric);
    }

    public double absoluteError() {
        return Tolerances.absoluteError(analytic, numeric);
    }

    /** "(3, 7)": the element's position as the report prints it. */
    public String position() {
        return "(" + row + ", " + col + ")";
    }
}
