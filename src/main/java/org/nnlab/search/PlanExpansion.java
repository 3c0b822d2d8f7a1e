package org.nnlab.search;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nnlab.experiment.ExperimentOption.Search;
import org.nnlab.random.SplitMix64;

/**
 * Turns what is searched into the list of configurations to run: a grid (every combination) or a
 * random sample.
 */
public final class PlanExpansion {
    /** Sampled real values keep this many significant digits: "0.00347", which a table shows whole. */
    static final int SIGNIFICANT_DIGITS = 3;
    /** A random plan redraws a configuration it already has; this many draws per wanted one at most. */
    private static final int DRAWS_PER_CONFIGURATION = 100;

    private PlanExpansion() {
    }

    /**
     * Every combination of the listed values, numbered from 1 like nested loops: the first option
     * the outermost, the last one changing fastest. {@code --lr 0.1,0.5 --hidden 64,128} gives
     * (0.1, 64), (0.1, 128), (0.5, 64), (0.5, 128).
     */
    public static List<Configuration> grid(Map<String, List<String>> lists) {
        List<Map<String, String>> combinations = List.of(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> option : lists.entrySet()) {
            List<Map<String, String>> longer = new ArrayList<>();
            for (Map<String, String> prefix : combinations) {
                for (String value : option.getValue()) {
                    Map<String, String> combination = new LinkedHashMap<>(prefix);
                    combination.put(option.getKey(), value);
                    longer.add(combination);
                }
            }
            combinations = longer;
        }
        List<Configuration> configurations = new ArrayList<>();
        for (Map<String, String> values : combinations) {
            configurations.add(new Configuration(configurations.size() + 1, values));
        }
        return configurations;
    }

    /**
     * {@code count} distinct configurations drawn from a generator seeded with {@code searchSeed}:
     * for each configuration, each option in order draws a value, a range log-uniformly (a whole
     * number option then rounds it, a real one keeps {@value #SIGNIFICANT_DIGITS} significant
     * digits) and a list uniformly. A configuration equal to an earlier one is drawn again.
     */
    public static List<Configuration> random(Map<String, ValueSpec> specs, Map<String, Search> kinds, int count,
                                             long searchSeed) {
        SplitMix64 random = new SplitMix64(searchSeed);
        Set<Map<String, String>> seen = new HashSet<>();
        List<Configuration> configurations = new ArrayList<>();
        for (int draws = 0; configurations.size() < count; draws++) {
            if (draws == (long) DRAWS_PER_CONFIGURATION * count) {
                throw new IllegalArgumentException("--random " + count + ": the values given allow only "
                        + configurations.size() + " different configurations; ask for fewer or widen the ranges");
            }
            Map<String, String> values = new LinkedHashMap<>();
            specs.forEach((option, spec) -> values.put(option, draw(spec, kinds.get(option), random)));
            if (seen.add(values)) {
                configurations.add(new Configuration(configurations.size() + 1, values));
            }
        }
        return configurations;
    }

    private static String draw(ValueSpec spec, Search kind, SplitMix64 random) {
        if (spec instanceof ValueSpec.Listed listed) {
            return listed.values().get(random.nextInt(listed.values().size()));
        }
        ValueSpec.Range range = (ValueSpec.Range) spec;
        double value = logUniform(range.low(), range.high(), uniform(random));
        if (kind == Search.WHOLE) {
            // Rounding can only land on an end of the range: low and high are whole numbers.
            return Long.toString(Math.round(value));
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS));
        // Rounding may step just past an end given with more digits; the end itself is then drawn.
        if (rounded.doubleValue() < range.low()) {
            rounded = BigDecimal.valueOf(range.low());
        } else if (rounded.doubleValue() > range.high()) {
            rounded = BigDecimal.valueOf(range.high());
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** exp(log low + u·(log high − log low)): as likely to fall in [1e-4, 1e-3] as in [1e-2, 1e-1]. */
    static double logUniform(double low, double high, double u) {
        return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
    }

    /** A uniformly distributed double in [0, 1) from the top 53 bits of one draw. */
    static double uniform(SplitMix64 random) {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }
}
