package org.nnlab.evaluation;

import java.util.List;

/**
 * The mean and standard deviation of one metric over a row's seeds. The standard deviation is the
 * population one (divided by n, numpy's default {@code np.std}), which is what report 003's
 * tables appear to use. A run that diverged counts as NaN and makes the whole entry "diverged".
 */
public record Stats(double mean, double std, int n) {

    public static Stats of(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
        return new Stats(mean, Math.sqrt(variance), values.size());
    }

    /** "97.95%" for one seed, "88.43 ± 0.12%" for several, "diverged" if any run diverged. */
    public String format() {
        if (Double.isNaN(mean)) {
            return "diverged";
        }
        return n == 1 ? String.format("%.2f%%", 100 * mean) : String.format("%.2f ± %.2f%%", 100 * mean, 100 * std);
    }
}
