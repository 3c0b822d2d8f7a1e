package org.nnlab.plot;

import java.awt.Color;

/**
 * One line of a {@link LineChart}: points (xs[i], ys[i]) joined in order, with optional error bars
 * ±errors[i]. A NaN y leaves a gap (e.g. an epoch without validation). A null name keeps the
 * series out of the legend.
 */
public record Series(String name, double[] xs, double[] ys, double[] errors, Color color, boolean dashed) {

    public Series {
        if (xs.length != ys.length || (errors != null && errors.length != xs.length)) {
            throw new IllegalArgumentException("a series needs as many y values (and errors) as x values, got "
                    + xs.length + " x, " + ys.length + " y" + (errors == null ? "" : ", " + errors.length + " errors"));
        }
    }

    public static Series line(String name, double[] xs, double[] ys, Color color, boolean dashed) {
        return new Series(name, xs, ys, null, color, dashed);
    }

    boolean hasPoint(int i) {
        return Double.isFinite(xs[i]) && Double.isFinite(ys[i]);
    }

    double error(int i) {
        return errors == null || !Double.isFinite(errors[i]) ? 0 : errors[i];
    }

    boolean isEmpty() {
        for (int i = 0; i < xs.length; i++) {
            if (hasPoint(i)) {
                return false;
            }
        }
        return true;
    }
}
