package org.nnlab.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic axis for values that span decades (learning rates 1/128..1, L2 strengths
 * 1e-7..1e-1). Ticks are at 1, 2 and 5 × 10^k when the data span at most three decades, else at
 * powers of ten only; the ends are the ticks nearest outside the data.
 *
 * <p>A sweep often includes 0 (no L2 at all), which no log axis can hold. When asked to, the
 * scale keeps a slot for 0 at its start, before a break in the axis.
 */
public final class LogScale implements Scale {
    /** The share of the axis given to the slot for 0. */
    private static final double ZERO_SLOT = 0.1;

    private final List<Double> tickValues;
    private final boolean showsZero;
    private final double logMin;
    private final double logMax;
    private final double zeroPixel;
    private final double logStartPixel;
    private final double endPixel;

    private LogScale(List<Double> tickValues, boolean showsZero, double startPixel, double endPixel) {
        this.tickValues = tickValues;
        this.showsZero = showsZero;
        this.logMin = Math.log10(tickValues.get(0));
        this.logMax = Math.log10(tickValues.get(tickValues.size() - 1));
        this.zeroPixel = startPixel;
        this.logStartPixel = showsZero ? startPixel + ZERO_SLOT * (endPixel - startPixel) : startPixel;
        this.endPixel = endPixel;
    }

    /** A log scale over the positive range [minPositive, maxPositive] (which must span more than a factor 1). */
    public static LogScale covering(double minPositive, double maxPositive, boolean showZero, double startPixel, double endPixel) {
        if (!(minPositive > 0 && maxPositive > minPositive)) {
            throw new IllegalArgumentException("a log axis needs 0 < min < max, got " + minPositive + ", " + maxPositive);
        }
        boolean fine = Math.log10(maxPositive / minPositive) <= 3;
        int[] mantissas = fine ? new int[] {1, 2, 5} : new int[] {1};
        List<Double> candidates = new ArrayList<>();
        for (int power = (int) Math.floor(Math.log10(minPositive)); power <= (int) Math.ceil(Math.log10(maxPositive)); power++) {
            for (int m : mantissas) {
                candidates.add(BigDecimal.valueOf(m).scaleByPowerOfTen(power).doubleValue());
            }
        }
        // From the last candidate at or below the data to the first at or above it; the tolerance
        // lets 0.1 count as "at" 0.1 whatever rounding the caller's value went through.
        int first = 0;
        while (first + 1 < candidates.size() && candidates.get(first + 1) <= minPositive * (1 + 1e-9)) {
            first++;
        }
        int last = first;
        while (last + 1 < candidates.size() && candidates.get(last) < maxPositive * (1 - 1e-9)) {
            last++;
        }
        List<Double> ticks = candidates.subList(first, last + 1);
        return new LogScale(List.copyOf(ticks), showZero, startPixel, endPixel);
    }

    @Override
    public double toPixel(double value) {
        if (value == 0 && showsZero) {
            return zeroPixel;
        }
        if (!(value > 0)) {
            return Double.NaN;
        }
        return logStartPixel + (Math.log10(value) - logMin) / (logMax - logMin) * (endPixel - logStartPixel);
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (showsZero) {
            ticks.add(new Tick(0, "0"));
        }
        for (double value : tickValues) {
            ticks.add(new Tick(value, label(value)));
        }
        return ticks;
    }

    @Override
    public double breakPixel() {
        return showsZero ? (zeroPixel + logStartPixel) / 2 : Double.NaN;
    }

    @Override
    public boolean breaksBetween(double a, double b) {
        return showsZero && (a == 0) != (b == 0);
    }

    /** "0.005", "50", "1000" between 0.001 and 10⁵; "1e-7", "5e6" outside, as in the reports' tables. */
    static String label(double value) {
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        if (value >= 1e-3 && value < 1e5) {
            return exact.toPlainString();
        }
        int power = exact.precision() - exact.scale() - 1;
        String mantissa = exact.unscaledValue().toString();
        return mantissa + "e" + power;
    }
}
