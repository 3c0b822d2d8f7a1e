package org.nnlab.search;

import java.util.ArrayList;
import java.util.List;
import org.nnlab.experiment.ExperimentOption.Search;

/**
 * How a search varies one option, as written on the command line: a list {@code 0.05,0.1,0.5}
 * (a grid takes every value; {@code --random} draws one uniformly) or a range {@code 1e-4..1e-1}
 * ({@code --random} only: drawn log-uniformly).
 */
public sealed interface ValueSpec {

    /** The text it was parsed from, e.g. "0.05,0.1,0.5" or "1e-4..1e-1". */
    String text();

    /** Values tried one by one; the text of each is passed to the option as given. */
    record Listed(String text, List<String> values) implements ValueSpec {
    }

    /** low ≤ value ≤ high, with low > 0: sampled uniformly in log space. */
    record Range(String text, double low, double high) implements ValueSpec {
    }

    /** Whether option text asks for a search rather than one value: it holds a comma or "..". */
    public static boolean isSearch(String text) {
        return text.contains(",") || text.contains("..");
    }

    /**
     * Parses {@code text} given to {@code --flag}, an option of the given kind. Bad text is an
     * IllegalArgumentException whose message names the flag and what was expected.
     */
    static ValueSpec parse(String flag, Search kind, String text) {
        return text.contains("..") ? range(flag, kind, text) : list(flag, text);
    }

    private static Listed list(String flag, String text) {
        List<String> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String value = part.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("--" + flag + " " + text + ": an empty value in the list;"
                        + " expected values separated by commas, e.g. 0.05,0.1,0.5");
            }
            if (values.contains(value)) {
                throw new IllegalArgumentException("--" + flag + " " + text + ": " + value + " is listed twice");
            }
            values.add(value);
        }
        return new Listed(text, List.copyOf(values));
    }

    private static Range range(String flag, Search kind, String text) {
        if (!kind.isNumber()) {
            throw new IllegalArgumentException("--" + flag + " " + text + ": a range needs a number option;"
                    + " list the values instead, e.g. --" + flag + " A,B");
        }
        String expected = "--" + flag + " " + text + ": expected a range LOW..HIGH of two "
                + (kind == Search.WHOLE ? "whole numbers ≥ 1, e.g. 64..1024" : "positive numbers, e.g. 1e-4..1e-1")
                + ", with LOW < HIGH (sampled in log space, so LOW > 0)";
        String[] ends = text.split("\\.\\.", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException(expected);
        }
        double low;
        double high;
        try {
            low = Double.parseDouble(ends[0].trim());
            high = Double.parseDouble(ends[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        boolean whole = low == Math.rint(low) && high == Math.rint(high) && low >= 1;
        if (!(low > 0 && low < high) || Double.isInfinite(high) || (kind == Search.WHOLE && !whole)) {
            throw new IllegalArgumentException(expected);
        }
        return new Range(text, low, high);
    }
}
