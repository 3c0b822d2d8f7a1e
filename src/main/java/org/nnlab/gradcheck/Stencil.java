package org.nnlab.gradcheck;

import java.util.BitSet;
import java.util.List;

/**
 * A scalar function f sampled at five points around one element θ: θ − h, θ − h/2, θ, θ + h/2,
 * θ + h. The offsets are the ones actually stored (θ + h rounded to the matrix's precision, minus
 * θ), not the requested ones: in float32 they differ by up to ε·|θ|, and dividing by the requested
 * h would add that error to every derivative.
 *
 * @param offsets the five offsets from θ, increasing, the middle one 0
 * @param values  f at those offsets
 * @param sides   at each of the five points, the {@link org.nnlab.layers.Kinked#kinkSides} of every
 *                operation f runs through that has kinks; empty when nothing reports them (a black-box
 *                f, checked by {@link Difference#CENTRAL})
 */
record Stencil(double[] offsets, double[] values, List<List<BitSet>> sides) {

    Stencil {
        if (offsets.length != 5 || values.length != 5 || offsets[2] != 0) {
            throw new IllegalArgumentException("a stencil has five points, the middle one at offset 0");
        }
        if (!sides.isEmpty() && sides.size() != 5) {
            throw new IllegalArgumentException("kink sides are known at all five points or at none");
        }
        sides = List.copyOf(sides);
    }

    /** A black-box stencil: f's values only, nothing known about its kinks. */
    Stencil(double[] offsets, double[] values) {
        this(offsets, values, List.of());
    }

    /**
     * The central difference (f(θ + h) − f(θ − h)) / 2h. Its truncation error is h²·f'''/6 (the
     * even terms of the two Taylor series cancel), against h·f''/2 for a one-sided difference.
     */
    // tag::central[]
    double centralDifference() {
        return (values[4] - values[0]) / (offsets[4] - offsets[0]);
    }
    // end::central[]

    /**
     * The five-point (fourth-order) difference: Richardson's extrapolation of the central
     * differences over the whole stencil, D(h), and over its inner half, D(h/2). Their Taylor series
     *
     * <pre>
     *   D(h)   = f' + h²·f'''/6  + h⁴·f⁽⁵⁾/120  + …
     *   D(h/2) = f' + h²·f'''/24 + h⁴·f⁽⁵⁾/1920 + …
     * </pre>
     *
     * share the h² term up to a factor 4, so it cancels in
     *
     * <pre>
     *   (4·D(h/2) − D(h)) / 3 = [8(f(θ + h/2) − f(θ − h/2)) − (f(θ + h) − f(θ − h))] / 6h
     *                         = f' − h⁴·f⁽⁵⁾/480 + …
     * </pre>
     *
     * exact for every polynomial of degree up to 4, where the central difference is off by
     * h²·f'''/6. It costs nothing extra: the stencil already holds the five values. Computed with
     * the stored half-widths H and H′ (H′ = H/2 unless rounding moved a point) as
     * (H²·D(H′) − H′²·D(H)) / (H² − H′²), which is the formula above when H′ = H/2.
     */
    // tag::five-point[]
    double fivePointDifference() {
        double outer = (offsets[4] - offsets[0]) / 2;
        double inner = (offsets[3] - offsets[1]) / 2;
        double wide = centralDifference();
        double narrow = (values[3] - values[1]) / (offsets[3] - offsets[1]);
        return (outer * outer * narrow - inner * inner * wide) / (outer * outer - inner * inner);
    }
    // end::five-point[]

    /**
     * Whether an operation of f reported an input on a different side of its non-differentiable
     * point at some point of the stencil than at θ: a kink lies between the points. Exact, where
     * {@link #slopeJump} is an estimate; always false when no operation reports its kinks.
     */
    // tag::crosses-kink[]
    boolean crossesKink() {
        return !sides.isEmpty() && sides.stream().anyMatch(s -> !s.equals(sides.get(2)));
    }
    // end::crosses-kink[]

    /**
     * How far the slopes of f across the stencil are from changing smoothly: with mₖ the slope
     * over the k-th of the four sub-intervals (each h/2 wide),
     *
     * <pre>
     *   jump = max( |m₁ − 2m₂ + m₃|, |m₂ − 2m₃ + m₄| )
     * </pre>
     *
     * On a smooth f the slopes change in equal steps of about (h/2)·f'', so both second differences
     * are only (h/2)²·f''' — about 1e-11·f''' in float64 with the central step. A kink (a ReLU
     * input crossing 0) adds a step s to every slope to its right. Wherever in (θ − h, θ + h) it
     * lies, the jump it leaves is at least the error it causes in {@link #centralDifference} (at
     * most s/2, with the jump s when the kink is at θ; the two are equal when it sits a third of
     * the way from θ to θ ± h). So the jump bounds the damage a kink can do to the numerical
     * gradient. This is how a black-box f, whose operations report nothing, is searched for kinks.
     *
     * <p>Why not simply compare the one-sided slopes (f(θ+h) − f(θ))/h and (f(θ) − f(θ−h))/h?
     * They differ by h·f''(θ) on any curved function — 6e-6·f'' in float64, far above a 1e-7
     * tolerance — so every curved element would look like a kink. Four slopes let the curvature
     * cancel out.
     */
    // tag::slope-jump[]
    double slopeJump() {
        double[] slopes = new double[4];
        for (int k = 0; k < 4; k++) {
            slopes[k] = (values[k + 1] - values[k]) / (offsets[k + 1] - offsets[k]);
        }
        double left = slopes[0] - 2 * slopes[1] + slopes[2];
        double right = slopes[1] - 2 * slopes[2] + slopes[3];
        return Math.max(Math.abs(left), Math.abs(right));
    }
    // end::slope-jump[]

    /** The largest |f| on the stencil: round-off in each value is about ε times this. */
    double largestMagnitude() {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    /** The width of the stencil's half, h as stored. */
    double halfWidth() {
        return (offsets[4] - offsets[0]) / 2;
    }
}
