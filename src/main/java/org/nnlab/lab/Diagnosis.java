package org.nnlab.lab;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import org.nnlab.gradcheck.ElementCheck;
import org.nnlab.gradcheck.TensorCheck;
import org.nnlab.matrix.Matrix;

/**
 * What the numbers of a wrong gradient point at, in words a student can act on: the arithmetic
 * that chapter 9's hint table would otherwise leave to them. In the order tried:
 *
 * <ol>
 *   <li>the gradient changes when the pass runs again on the same input: it accumulates;</li>
 *   <li>it is 0 everywhere: never written;</li>
 *   <li>it is the same multiple k of the true gradient at every element: a factor, named when it
 *       is a usual one (−1, N, 1/N, 2, ½);</li>
 *   <li>for an element-wise pass, its wrong elements are exactly those where the input is
 *       positive, or exactly the others;</li>
 *   <li>its wrong elements fill whole rows or whole columns and nothing else.</li>
 * </ol>
 */
final class Diagnosis {
    /** How close two numbers must be to count as the same: far looser than round-off, far tighter than a bug. */
    private static final double SAME = 1e-6;

    private final LabLayer lab;
    private final Matrix input;
    private final TensorCheck check;
    private final Matrix first;
    private final Matrix again;

    /**
     * @param lab   the backward pass
     * @param input its input (X, Z or A) in the checked call
     * @param check the check of one gradient from the first call on that input
     * @param first that gradient
     * @param again the same gradient from a second call on the same input (may be null or of another shape)
     */
    Diagnosis(LabLayer lab, Matrix input, TensorCheck check, Matrix first, Matrix again) {
        this.lab = lab;
        this.input = input;
        this.check = check;
        this.first = first;
        this.again = again;
    }

    /** Whether a second call on the same input gave other numbers (or none). */
    boolean changesWhenRunAgain() {
        return firstDifference() >= 0;
    }

    /** What the numbers point at, or null when they point at nothing in particular. */
    String cause() {
        if (changesWhenRunAgain()) {
            return accumulation();
        }
        if (check.passed() || check.compared().isEmpty()) {
            return null;
        }
        List<ElementCheck> compared = check.compared();
        if (compared.stream().allMatch(e -> e.analytic() == 0) && compared.stream().anyMatch(e -> e.numeric() != 0)) {
            return "it is 0 at every element: d" + check.name() + " is never written";
        }
        String factor = constantFactor(compared);
        if (factor != null) {
            return factor;
        }
        String where = lab.isElementwise() ? whereByInputSign() : null;
        return where != null ? where : rowsOrColumns();
    }

    // ---- 1. accumulation ----

    /** The flat index of the first element that differs between the two calls; −1 when none does. */
    private int firstDifference() {
        if (again == null || !again.hasShape(first.rows(), first.cols())) {
            return 0;
        }
        for (int i = 0; i < first.size(); i++) {
            if (!same(first.getFlat(i), again.getFlat(i))) {
                return i;
            }
        }
        return -1;
    }

    private String accumulation() {
        String name = "d" + check.name();
        if (again == null || !again.hasShape(first.rows(), first.cols())) {
            return "a second call on the same input returns " + (again == null ? "null" : again.shape()) + " for " + name;
        }
        int i = firstDifference();
        String what = String.format(Locale.ROOT, "it changes when the pass runs again on the same input (at (%d, %d): %s,"
                + " then %s)", i / first.cols(), i % first.cols(), value(first.getFlat(i)), value(again.getFlat(i)));
        // Added to instead of overwritten: the second call adds exactly the true gradient to the first.
        boolean addsTheGradient = check.compared().stream().allMatch(e -> {
            int flat = e.row() * first.cols() + e.col();
            return same(again.getFlat(flat) - first.getFlat(flat), e.numeric());
        });
        return what + (addsTheGradient
                ? ": each call adds its gradient to " + name + " instead of overwriting it (+= where = was meant)"
                : ": the pass keeps something from one call to the next");
    }

    // ---- 3. a constant factor ----

    /** "it is 5.000 times the true gradient at every element: …", or null. */
    private String constantFactor(List<ElementCheck> compared) {
        double dot = 0;
        double norm = 0;
        for (ElementCheck e : compared) {
            dot += e.analytic() * e.numeric();
            norm += e.numeric() * e.numeric();
        }
        if (norm == 0 || compared.size() < 2) {
            return null;
        }
        double k = dot / norm;
        double scale = compared.stream().mapToDouble(e -> Math.abs(e.numeric())).max().orElse(0);
        boolean everywhere = compared.stream().allMatch(e -> Math.abs(e.analytic() - k * e.numeric()) <= SAME * Math.abs(k) * scale);
        if (!everywhere || same(k, 1) || k == 0) {
            return null;
        }
        int n = input.rows();
        String times = String.format(Locale.ROOT, "it is %.4g times the true gradient at every element: ", k);
        if (same(k, -1)) {
            return times + "a sign error (e.g. Y − P for P − Y, or a minus too many)";
        }
        if (same(k, n)) {
            return times + "N = " + n + ", the batch size: the 1/N of the mean is missing";
        }
        if (same(k, -n)) {
            return times + "−N = −" + n + ": a sign error and the 1/N of the mean missing";
        }
        if (same(k, 1.0 / n)) {
            return times + "1/N = 1/" + n + ": divided by the batch size once too often"
                    + (lab.isLoss() ? "" : " (the loss's gradient holds the 1/N already; a layer does not divide again)");
        }
        if (same(k, 2)) {
            return times + "a factor 2 too many (the 2 of d(x²)/dx where the ½ cancels it, or a term counted twice)";
        }
        if (same(k, 0.5)) {
            return times + "a factor 2 missing (½ where there is none, or a term counted once that should be twice)";
        }
        return times + "a constant factor; compare your formula with the book's term by term";
    }

    // ---- 4. element-wise passes: where the input is positive ----

    /** "wrong exactly where Z > 0 (13 of 24 elements), right where Z ≤ 0: …", or null. */
    private String whereByInputSign() {
        String z = lab.inputName();
        String positive = wrongExactlyWhere(v -> v > 0);
        if (positive != null) {
            return "wrong exactly where " + z + " > 0 " + positive + ", right where " + z + " ≤ 0"
                    + (lab == LabLayer.RELU ? ": there ReLU′(" + z + ") = 1, so d" + z + " must equal dA there"
                    + " (multiplied by A or " + z + " instead of by 1?)" : "");
        }
        String notPositive = wrongExactlyWhere(v -> v <= 0);
        if (notPositive != null) {
            return "wrong exactly where " + z + " ≤ 0 " + notPositive + ", right where " + z + " > 0"
                    + (lab == LabLayer.RELU ? ": there ReLU′(" + z + ") = 0, so d" + z + " must be 0 there (the mask of"
                    + " ReLU′ is missing)" : "");
        }
        return null;
    }

    /** "(13 of 24 elements)" when the failed elements are exactly those whose input satisfies the test; else null. */
    private String wrongExactlyWhere(DoublePredicate test) {
        if (!input.hasShape(check.rows(), check.cols())) {
            return null;
        }
        for (ElementCheck e : check.compared()) {
            boolean wrong = e.verdict() == ElementCheck.Verdict.FAIL;
            if (wrong != test.test(input.get(e.row(), e.col()))) {
                return null;
            }
        }
        return "(" + check.failures().size() + " of " + check.compared().size() + " elements)";
    }

    // ---- 5. whole rows or columns ----

    /** "wrong only in rows 1, 2 and 3 (every element there)", the same for columns, or null. */
    private String rowsOrColumns() {
        boolean[] wrongRows = new boolean[check.rows()];
        boolean[] wrongCols = new boolean[check.cols()];
        for (ElementCheck e : check.failures()) {
            wrongRows[e.row()] = true;
            wrongCols[e.col()] = true;
        }
        boolean wholeRows = check.compared().stream().allMatch(e -> (e.verdict() == ElementCheck.Verdict.FAIL) == wrongRows[e.row()]);
        boolean wholeCols = check.compared().stream().allMatch(e -> (e.verdict() == ElementCheck.Verdict.FAIL) == wrongCols[e.col()]);
        if (wholeRows && count(wrongRows) < check.rows()) {
            return "wrong in every element of row" + list(wrongRows) + " and right everywhere else: a loop bound or a row index";
        }
        if (wholeCols && count(wrongCols) < check.cols()) {
            return "wrong in every element of column" + list(wrongCols) + " and right everywhere else: a loop bound or a column index";
        }
        return null;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /** "s 1, 2 and 3" or " 0". */
    private static String list(boolean[] flags) {
        StringBuilder sb = new StringBuilder(count(flags) > 1 ? "s " : " ");
        int written = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                written++;
                sb.append(written == 1 ? "" : written == count(flags) ? " and " : ", ").append(i);
            }
        }
        return sb.toString();
    }

    // ---- numbers ----

    private static boolean same(double a, double b) {
        return Math.abs(a - b) <= SAME * Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-3);
    }

    private static String value(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }
}
