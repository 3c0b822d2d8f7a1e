package org.nnlab.matrix;

/**
 * A running sum with Neumaier's compensation: the rounding error of each addition is kept in a
 * second double and added back at the end, so that a sum of n terms is off by about ε·|sum|
 * rather than up to n·ε·Σ|terms|. It costs three additions per term.
 *
 * <p>The losses sum with it for the gradient checker's sake: moving one weight changes every term
 * of the loss a little, the rounding of a plain running sum then changes at random, and that noise
 * in f is what a numerical derivative divides by h.
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;

    public void add(double term) {
        double t = sum + term;
        // Whichever operand is smaller in magnitude lost its low bits in t; recover them exactly.
        compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
        sum = t;
    }

    public double value() {
        return sum + compensation;
    }

    /** Starts again from zero, so that a loss can keep one sum and reuse it on every call. */
    public CompensatedSum clear() {
        sum = 0;
        compensation = 0;
        return this;
    }
}
