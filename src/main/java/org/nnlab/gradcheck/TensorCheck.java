package org.nnlab.gradcheck;

import java.util.Comparator;
import java.util.List;
import org.nnlab.gradcheck.ElementCheck.Verdict;

/**
 * The check of one tensor (an input or a parameter): every element compared, and what they add up
 * to. The tensor passes when at least one element was compared and none failed; kinks are
 * counted and excluded, never counted as passes.
 *
 * @param name       the tensor's name, e.g. "W1" or "X"
 * @param rows       its rows
 * @param cols       its columns
 * @param elements   the elements checked (all, or a seeded sample), kinks included
 * @param tolerances what an element had to stay within
 */
public record TensorCheck(String name, int rows, int cols, List<ElementCheck> elements, Tolerances tolerances) {

    public enum Status { PASS, FAIL, NOTHING_COMPARED }

    public TensorCheck {
        elements = List.copyOf(elements);
    }

    public String shape() {
        return rows + "×" + cols;
    }

    public int size() {
        return rows * cols;
    }

    /** How many elements were evaluated, kinks included. */
    public int checked() {
        return elements.size();
    }

    public int kinks() {
        return count(Verdict.KINK);
    }

    public List<ElementCheck> failures() {
        return elements.stream().filter(e -> e.verdict() == Verdict.FAIL).toList();
    }

    /** The compared elements: all checked ones but the kinks. */
    public List<ElementCheck> compared() {
        return elements.stream().filter(e -> e.verdict() != Verdict.KINK).toList();
    }

    public double maxRelativeError() {
        return compared().stream().mapToDouble(ElementCheck::relativeError).max().orElse(Double.NaN);
    }

    public double maxAbsoluteError() {
        return compared().stream().mapToDouble(ElementCheck::absoluteError).max().orElse(Double.NaN);
    }

    /**
     * The compared element nearest to failing, or the worst failure: the largest
     * {@link Tolerances#severity}. Null when nothing was compared.
     */
    public ElementCheck worst() {
        return compared().stream()
                .max(Comparator.comparingDouble(e -> tolerances.severity(e.relativeError(), e.absoluteError())))
                .orElse(null);
    }

    public Status status() {
        if (count(Verdict.FAIL) > 0) {
            return Status.FAIL;
        }
        return count(Verdict.PASS) > 0 ? Status.PASS : Status.NOTHING_COMPARED;
    }

    public boolean passed() {
        return status() == Status.PASS;
    }

    /** The check of element (row, col), or null when it was not sampled. */
    public ElementCheck element(int row, int col) {
        return elements.stream().filter(e -> e.row() == row && e.col() == col).findFirst().orElse(null);
    }

    private int count(Verdict verdict) {
        return (int) elements.stream().filter(e -> e.verdict() == verdict).count();
    }
}
