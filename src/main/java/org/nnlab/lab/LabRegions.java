package org.nnlab.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab regions of one text file: lines between {@code // tag::lab-NAME[]} and
 * {@code // end::lab-NAME[]}, each marker alone on its line. Other tags (the book's) are not lab
 * regions and pass through untouched. Lab regions may not nest, and a layer's body region
 * ({@code lab-NAME}) occurs at most once per file: anything else is a mistake in the markers,
 * reported with the file and line. A removal region ({@code lab-remove-NAME}) may occur more than
 * once: code that interleaves two layers' steps (a Linear layer's, a ReLU's, then the Linear
 * layer's again) needs one region per run of lines.
 */
final class LabRegions {
    private static final Pattern MARKER = Pattern.compile("^(\\s*)//\\s*(tag|end)::(lab-[a-z0-9-]+)\\[\\]\\s*$");

    /**
     * One region.
     *
     * @param tag    e.g. "lab-linear"
     * @param begin  the index of the {@code tag::} line
     * @param end    the index of the {@code end::} line
     * @param indent the whitespace before the {@code tag::} marker
     */
    record Region(String tag, int begin, int end, String indent) {
        /** Whether line index i lies inside the region, markers included. */
        boolean contains(int i) {
            return i >= begin && i <= end;
        }
    }

    private LabRegions() {
    }

    /** Splits text into lines; {@link #join} puts them back exactly. */
    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    static String join(List<String> lines) {
        return String.join("\n", lines);
    }

    /** Whether the text mentions a lab marker at all: the cheap test before {@link #find}. */
    static boolean mayContainRegions(String text) {
        return text.contains("::lab-");
    }

    /** The regions, in order. {@code where} names the file in error messages. */
    static List<Region> find(List<String> lines, String where) {
        List<Region> regions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String openTag = null;
        int openLine = -1;
        String openIndent = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String tag = m.group(3);
            if (m.group(2).equals("tag")) {
                if (openTag != null) {
                    throw new IllegalStateException(where + ":" + (i + 1) + ": tag::" + tag + "[] inside " + openTag
                            + " (opened at line " + (openLine + 1) + "); lab regions do not nest");
                }
                if (seen.containsKey(tag) && !isRemoval(tag)) {
                    throw new IllegalStateException(where + ":" + (i + 1) + ": a second region " + tag + " (the first is at line "
                            + (seen.get(tag) + 1) + ")");
                }
                openTag = tag;
                openLine = i;
                openIndent = m.group(1);
            } else {
                if (!tag.equals(openTag)) {
                    throw new IllegalStateException(where + ":" + (i + 1) + ": end::" + tag + "[] without its tag::" + tag
                            + "[]" + (openTag == null ? "" : " (" + openTag + " is open)"));
                }
                regions.add(new Region(tag, openLine, i, openIndent));
                seen.put(tag, openLine);
                openTag = null;
            }
        }
        if (openTag != null) {
            throw new IllegalStateException(where + ":" + (openLine + 1) + ": tag::" + openTag + "[] is never closed");
        }
        return regions;
    }

    /** Whether the tag marks a removal region, which may occur more than once in a file. */
    static boolean isRemoval(String tag) {
        return tag.startsWith("lab-remove-");
    }

    /** The region with the tag, or null. */
    static Region named(List<Region> regions, String tag) {
        return regions.stream().filter(r -> r.tag().equals(tag)).findFirst().orElse(null);
    }

    /** The lines between the markers. */
    static List<String> body(List<String> lines, Region region) {
        return List.copyOf(lines.subList(region.begin() + 1, region.end()));
    }

    /** A copy of the lines with the region's body replaced; the markers stay. */
    static List<String> replaceBody(List<String> lines, Region region, List<String> body) {
        List<String> result = new ArrayList<>(lines.subList(0, region.begin() + 1));
        result.addAll(body);
        result.addAll(lines.subList(region.end(), lines.size()));
        return result;
    }

    /** A copy of the lines without the region, markers included. */
    static List<String> delete(List<String> lines, Region region) {
        List<String> result = new ArrayList<>(lines.subList(0, region.begin()));
        result.addAll(lines.subList(region.end() + 1, lines.size()));
        return result;
    }
}
