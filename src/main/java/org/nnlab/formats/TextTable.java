package org.nnlab.formats;

import java.util.List;

/**
 * A Markdown table whose columns are also aligned for a terminal, as {@code nnlab gradcheck}
 * prints its reports: it reads in a console and pastes into a lab report.
 */
public final class TextTable {
    private TextTable() {
    }

    /** The table; {@code rightAligned[c]} right-aligns column c (numbers). */
    public static String format(List<String> headings, boolean[] rightAligned, List<List<String>> rows) {
        int[] widths = new int[headings.size()];
        for (List<String> row : concat(headings, rows)) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, headings, widths, rightAligned);
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            // Markdown reads a trailing colon as "align right".
            sb.append(rightAligned[c] ? "-".repeat(widths[c] + 1) + ":|" : "-".repeat(widths[c] + 2) + "|");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            appendRow(sb, row, widths, rightAligned);
        }
        return sb.toString();
    }

    private static List<List<String>> concat(List<String> headings, List<List<String>> rows) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(headings), rows.stream()).toList();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths, boolean[] rightAligned) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String padding = " ".repeat(widths[c] - cells.get(c).length());
            sb.append(' ').append(rightAligned[c] ? padding + cells.get(c) : cells.get(c) + padding).append(" |");
        }
        sb.append('\n');
    }
}
