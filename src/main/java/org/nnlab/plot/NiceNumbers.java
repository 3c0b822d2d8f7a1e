package org.nnlab.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Round numbers for axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers
 * for graph labels", Graphics Gems, 1990), and labels with exactly the decimals the step needs.
 */
final class NiceNumbers {

    private NiceNumbers() {
    }

    /** A step of 1, 2 or 5 × 10^k giving about {@code targetTicks} ticks over {@code range}. */
    static double step(double range, int targetTicks) {
        return roundToNice(niceAbove(range) / Math.max(1, targetTicks - 1));
    }

    /** The smallest of 1, 2, 5, 10 × 10^k that is ≥ x. */
    private static double niceAbove(double x) {
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        double fraction = x / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /** The nearest of 1, 2, 5, 10 × 10^k to x. */
    private static double roundToNice(double x) {
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        double fraction = x / power;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * power;
    }

    /** The tick at {@code index} steps from {@code start}, rounded to the step's decimals so that 0.1 + 0.2 is 0.3. */
    static double tickValue(double start, int index, double step) {
        return new BigDecimal(start + index * step).setScale(decimals(step), RoundingMode.HALF_EVEN).doubleValue();
    }

    /** A tick label: as many decimals as the step has (step 0.25 → "0.75", step 5 → "15"). */
    static String label(double value, double step) {
        BigDecimal rounded = new BigDecimal(value).setScale(decimals(step), RoundingMode.HALF_EVEN);
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static int decimals(double step) {
        return Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
    }
}
