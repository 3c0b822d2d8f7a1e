package org.nnlab.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nnlab.matrix.Precision;

/**
 * The result of a gradient check: one {@link TensorCheck} per tensor, printed as a table that can
 * be pasted into a lab report, and one summary line.
 *
 * @param title      what was checked, e.g. "network 20-16-10 relu, softmax-ce, L2 λ = 0.01, batch 8"
 * @param precision  the precision the check ran in
 * @param difference how f was differentiated and its kinks found
 * @param step       the step h of the differences
 * @param tolerances what each element had to stay within
 * @param tensors    the tensors checked, in order
 * @param warnings   lines a reader must not miss, e.g. that a check ran in float32
 */
public record GradientReport(String title, Precision precision, Difference difference, double step,
                             Tolerances tolerances, List<TensorCheck> tensors, List<String> warnings) {

    private static final String[] HEADINGS = {"tensor", "shape", "checked", "kinks", "max rel error",
        "max abs error", "worst at", "analytic", "numeric", "result"};
    private static final boolean[] RIGHT_ALIGNED = {false, false, true, true, true, true, false, true, true, false};

    public GradientReport {
        tensors = List.copyOf(tensors);
        warnings = List.copyOf(warnings);
    }

    /** True when every tensor passed: at least one element compared and none failed. */
    public boolean passed() {
        return !tensors.isEmpty() && tensors.stream().allMatch(TensorCheck::passed);
    }

    /** The check of the named tensor. */
    public TensorCheck tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tensor named '" + name + "' in this report; it has "
                        + tensors.stream().map(TensorCheck::name).toList()));
    }

    public List<TensorCheck> failedTensors() {
        return tensors.stream().filter(t -> !t.passed()).toList();
    }

    public int elementsChecked() {
        return tensors.stream().mapToInt(TensorCheck::checked).sum();
    }

    public int kinks() {
        return tensors.stream().mapToInt(TensorCheck::kinks).sum();
    }

    /** The whole report: heading, rule, warnings, table and summary line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("gradient check: ").append(title).append(", ").append(precision.name().toLowerCase(Locale.ROOT))
                .append('\n');
        sb.append(String.format(Locale.ROOT, "%s, h = %.2e; an element fails when %s%n", difference.describe(), step,
                tolerances));
        for (String warning : warnings) {
            sb.append(warning).append('\n');
        }
        sb.append('\n').append(table());
        for (String note : notes()) {
            sb.append(note).append('\n');
        }
        sb.append('\n').append(summaryLine()).append('\n');
        return sb.toString();
    }

    /** Lines under the table that explain what a reader might take for a mistake. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        List<String> nearZero = tensors.stream()
                .filter(t -> t.passed() && t.maxRelativeError() > tolerances.relative())
                .map(TensorCheck::name).toList();
        if (!nearZero.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "note: %s pass%s with a relative error above %.0e only where the"
                    + " absolute error is below %.0e: gradients near 0, where the round-off in f, about ε·|f|/h,"
                    + " is large next to the gradient itself.", String.join(", ", nearZero),
                    nearZero.size() == 1 ? "es" : "", tolerances.relative(), tolerances.absolute()));
        }
        long rechecked = tensors.stream().flatMap(t -> t.elements().stream()).filter(e -> e.step() < step).count();
        if (rechecked > 0) {
            notes.add(String.format(Locale.ROOT, "note: %d element%s that failed at h %s checked again at h/4, where"
                    + " the five-point truncation h⁴·f⁽⁵⁾/480 is 256 times smaller (f may vary on the scale of h, as"
                    + " log does near 0); the table shows that second check.", rechecked, rechecked == 1 ? "" : "s",
                    rechecked == 1 ? "was" : "were"));
        }
        if (kinks() > 0) {
            notes.add("note: kinks are elements within h of a point where f has no derivative (a ReLU input at 0,"
                    + " a clamp); finite differences mean nothing there, so they are excluded, not compared.");
        }
        return notes;
    }

    /** A Markdown table, one row per tensor, its columns aligned for a terminal as well. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (TensorCheck t : tensors) {
            rows.add(row(t));
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, rows.get(0), widths);
        appendRule(sb, widths);
        for (String[] row : rows.subList(1, rows.size())) {
            appendRow(sb, row, widths);
        }
        return sb.toString();
    }

    /** One line: PASS or FAIL, which tensors failed, how many elements and kinks. */
    public String summaryLine() {
        String counts = String.format(Locale.ROOT, "%d elements checked, %d kinks excluded", elementsChecked(), kinks());
        if (passed()) {
            return String.format(Locale.ROOT, "PASS: all %d tensors pass (%s)", tensors.size(), counts);
        }
        List<String> failed = failedTensors().stream().map(GradientReport::describeFailure).toList();
        return String.format(Locale.ROOT, "FAIL: %d of %d tensors fail: %s (%s)", failed.size(), tensors.size(),
                String.join(", ", failed), counts);
    }

    private static String describeFailure(TensorCheck t) {
        if (t.status() == TensorCheck.Status.NOTHING_COMPARED) {
            return t.name() + " (every checked element is a kink)";
        }
        return t.name() + " (" + t.failures().size() + " of " + t.checked() + " elements)";
    }

    private static String[] row(TensorCheck t) {
        ElementCheck worst = t.worst();
        return new String[] {
            t.name(),
            t.shape(),
            t.checked() + "/" + t.size(),
            Integer.toString(t.kinks()),
            error(t.maxRelativeError()),
            error(t.maxAbsoluteError()),
            worst == null ? "—" : worst.position(),
            worst == null ? "—" : value(worst.analytic()),
            worst == null ? "—" : value(worst.numeric()),
            switch (t.status()) {
                case PASS -> "pass";
                case FAIL -> "FAIL";
                case NOTHING_COMPARED -> "none compared";
            }
        };
    }

    private static String error(double e) {
        return Double.isNaN(e) ? "—" : String.format(Locale.ROOT, "%.1e", e);
    }

    private static String value(double v) {
        return String.format(Locale.ROOT, "%.9e", v);
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] widths) {
        sb.append('|');
        for (int c = 0; c < cells.length; c++) {
            String padding = " ".repeat(widths[c] - cells[c].length());
            sb.append(' ').append(RIGHT_ALIGNED[c] ? padding + cells[c] : cells[c] + padding).append(" |");
        }
        sb.append('\n');
    }

    private static void appendRule(StringBuilder sb, int[] widths) {
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            // Markdown reads a trailing colon as "align right".
            sb.append(RIGHT_ALIGNED[c] ? "-".repeat(widths[c] + 1) + ":|" : "-".repeat(widths[c] + 2) + "|");
        }
        sb.append('\n');
    }
}
