package org.nnlab.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares the output a listing shows with the output its command prints now. Two things may
 * differ without the listing being wrong, and nothing else:
 * <ul>
 *   <li>what honestly varies from run to run: durations and speeds ({@link #TIMINGS}), the CPU's
 *       vector width and tiles ({@link #MACHINE_TILE}, {@link #ZERO_FREE_TILES}), and what a
 *       listing declares varies for a stated reason (e.g. the time column of a search table);</li>
 *   <li>lines the book leaves out on purpose, shown as a line holding only {@value #ELISION}, which
 *       stands for any number of lines.</li>
 * </ul>
 * Trailing spaces are ignored; every other character counts.
 */
public final class OutputComparison {
    /** A line of the book's listing that stands for lines left out. */
    public static final String ELISION = "…";

    /**
     * Seconds ("1.1 s", "in 8.3 s", "Time elapsed: 0.250 s"), minutes:seconds ("1:41"), and speeds
     * ("48,485 img/s"), each with the spaces before it, which a fixed-width format pads differently
     * for a number of another length.
     */
    public static final List<Pattern> TIMINGS = List.of(
            Pattern.compile("\\s*[\\d,]+(\\.\\d+)? img/s"),
            Pattern.compile("\\s*\\b\\d+(\\.\\d+)? s\\b"),
            Pattern.compile("\\s*\\b\\d+:\\d\\d\\b"));
    /**
     * The vector width and register tiles that the kernels' line names ("vector kernels, 256-bit,
     * 6×2 tile", or a tile per form of product: "…, 256-bit, tiles 6×2 (A·B, Aᵀ·B), 2×4 (A·Bᵀ), 4×2
     * (narrow)"): nnlab picks them for the CPU and the JDK it runs on, so the book built on an
     * AVX-512 machine names other ones than the book built on an AVX2 laptop, with the same numbers
     * below them.
     */
    public static final Pattern MACHINE_TILE =
            Pattern.compile(", \\d+-bit, (\\d+×\\d+ tile|tiles \\d+×\\d+ \\([^)]*\\)(, \\d+×\\d+ \\([^)]*\\))*)");
    /**
     * What the kernels' line adds right after "zero-skipping" when a product whose A has no zero
     * runs other tiles ("; A without zeros: 4×2 (A·B), 2×4 (Aᵀ·B)"): chosen for the machine like
     * the tiles, and absent where the two plans agree, so it is left out of both lines rather
     * than masked.
     */
    public static final Pattern ZERO_FREE_TILES =
            Pattern.compile("(?<=zero-skipping); A without zeros: \\d+×\\d+ \\([^)]*\\)(, \\d+×\\d+ \\([^)]*\\))*");
    private static final String MASK = " ⟨varies⟩";

    private final List<Pattern> masks;

    /** A comparison that masks the timings and these patterns too. */
    public OutputComparison(List<Pattern> extraMasks) {
        List<Pattern> all = new ArrayList<>(TIMINGS);
        all.add(MACHINE_TILE);
        all.addAll(extraMasks);
        this.masks = List.copyOf(all);
    }

    /** Where the output printed now first departs from the book's, numbered from 1 in each. */
    public record Mismatch(int bookLine, String book, int printedLine, String printed) {
        public String describe() {
            return "  the book has, line " + bookLine + ":   " + (book == null ? "(nothing more)" : "\"" + book + "\"") + "\n"
                    + "  nnlab printed, line " + printedLine + ": " + (printed == null ? "(nothing more)" : "\"" + printed + "\"");
        }
    }

    /** Empty when {@code printed} is what the book shows, up to the masks and elisions. */
    public Optional<Mismatch> compare(List<String> book, List<String> printed) {
        List<List<Integer>> segments = segments(book);
        int at = 0;
        for (int s = 0; s < segments.size(); s++) {
            List<Integer> segment = segments.get(s);
            boolean first = s == 0;
            boolean last = s == segments.size() - 1;
            if (first) {
                Optional<Mismatch> mismatch = matchAt(book, segment, printed, 0, last);
                if (mismatch.isPresent()) {
                    return mismatch;
                }
                at = segment.size();
            } else if (last) {
                int start = printed.size() - segment.size();
                if (start < at) {
                    return Optional.of(new Mismatch(segment.isEmpty() ? book.size() : segment.get(0) + 1, lineOrNull(book, segment, 0),
                            printed.size() + 1, null));
                }
                return matchAt(book, segment, printed, start, true);
            } else {
                int found = find(book, segment, printed, at);
                if (found < 0) {
                    int bookLine = segment.get(0);
                    return Optional.of(new Mismatch(bookLine + 1, book.get(bookLine), at + 1,
                            "(not found in what follows line " + at + ")"));
                }
                at = found + segment.size();
            }
        }
        return Optional.empty();
    }

    /** The book's line numbers between elisions: segment 0 before the first, the last after the last. */
    private static List<List<Integer>> segments(List<String> book) {
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < book.size(); i++) {
            if (book.get(i).strip().equals(ELISION)) {
                segments.add(current);
                current = new ArrayList<>();
            } else {
                current.add(i);
            }
        }
        segments.add(current);
        return segments;
    }

    /** Matches the segment at {@code start}; {@code toTheEnd}: the printed output must end with it. */
    private Optional<Mismatch> matchAt(List<String> book, List<Integer> segment, List<String> printed, int start,
                                       boolean toTheEnd) {
        for (int k = 0; k < segment.size(); k++) {
            int bookLine = segment.get(k);
            int printedLine = start + k;
            if (printedLine >= printed.size() || !same(book.get(bookLine), printed.get(printedLine))) {
                return Optional.of(new Mismatch(bookLine + 1, book.get(bookLine), printedLine + 1,
                        printedLine < printed.size() ? printed.get(printedLine) : null));
            }
        }
        int end = start + segment.size();
        if (toTheEnd && end < printed.size()) {
            return Optional.of(new Mismatch(segment.isEmpty() ? 1 : segment.get(segment.size() - 1) + 2, null, end + 1,
                    printed.get(end)));
        }
        return Optional.empty();
    }

    /** The first position at or after {@code from} where the whole segment matches, or −1. */
    private int find(List<String> book, List<Integer> segment, List<String> printed, int from) {
        for (int start = from; start + segment.size() <= printed.size(); start++) {
            if (matchAt(book, segment, printed, start, false).isEmpty()) {
                return start;
            }
        }
        return -1;
    }

    private static String lineOrNull(List<String> book, List<Integer> segment, int k) {
        return k < segment.size() ? book.get(segment.get(k)) : null;
    }

    boolean same(String book, String printed) {
        return masked(book.stripTrailing()).equals(masked(printed.stripTrailing()));
    }

    /** The line with everything that may vary replaced by one placeholder. */
    String masked(String line) {
        String result = ZERO_FREE_TILES.matcher(line).replaceAll("");
        for (Pattern mask : masks) {
            result = mask.matcher(result).replaceAll(MASK);
        }
        return result;
    }
}
