package org.nnlab.lab;

import java.util.List;
import java.util.Locale;

/**
 * The verdict on one lab backward pass: one {@link Item} per gradient it returns or writes (dX,
 * dW, db, …) and one for float32, and what the student should read.
 *
 * @param layer   the backward pass
 * @param status  pass, fail, not implemented (the stub still throws), or an error (it threw)
 * @param items   the checks, in order; all failed unless the status is PASS or FAIL
 * @param problem for NOT_IMPLEMENTED and ERROR, what happened, in one line; else null
 * @param details the gradient check's table, for a reader who wants every number; may be empty
 */
public record LabResult(LabLayer layer, Status status, List<Item> items, String problem, String details) {

    public enum Status {
        PASS("pass"),
        FAIL("FAIL"),
        NOT_IMPLEMENTED("not implemented"),
        ERROR("ERROR");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** How tables print it. */
        public String label() {
            return label;
        }
    }

    /**
     * One check.
     *
     * @param name              "dW", or "float32"
     * @param passed            whether it passed
     * @param maxRelativeError  the largest relative error over the compared elements; NaN when not compared
     * @param explanation       for a failure, what is wrong ("dW is wrong: max relative error …"); else a short note
     */
    public record Item(String name, boolean passed, double maxRelativeError, String explanation) {
    }

    public LabResult {
        items = List.copyOf(items);
        details = details == null ? "" : details;
    }

    public boolean passed() {
        return status == Status.PASS;
    }

    public int passedItems() {
        return (int) items.stream().filter(Item::passed).count();
    }

    /** The fraction of the checks passed, 0 to 1: the grade's partial credit. */
    public double score() {
        return items.isEmpty() ? 0 : (double) passedItems() / items.size();
    }

    /** The largest relative error over the float64 gradients compared; NaN when none was. */
    public double maxRelativeError() {
        return items.stream().filter(i -> !i.name().equals("float32")).mapToDouble(Item::maxRelativeError)
                .filter(e -> !Double.isNaN(e)).max().orElse(Double.NaN);
    }

    /** One line: the pass's name, the verdict and the first thing wrong. */
    public String summary() {
        return layer.method() + ": " + verdict();
    }

    /** The verdict and the first thing wrong, without the pass's name: "db is wrong: …". */
    public String verdict() {
        return switch (status) {
            case PASS -> "pass (" + String.join(", ", items.stream().map(Item::name).toList())
                    + String.format(Locale.ROOT, "; largest relative error %.1e)", maxRelativeError());
            case NOT_IMPLEMENTED, ERROR -> problem;
            case FAIL -> items.stream().filter(i -> !i.passed()).findFirst().orElseThrow().explanation();
        };
    }

    /** What is wrong, in a word or two: "not implemented", "db", "dZ, float32". */
    public String shortProblem() {
        return switch (status) {
            case PASS -> "right";
            case NOT_IMPLEMENTED -> "not implemented";
            case ERROR -> "throws";
            case FAIL -> {
                // float32 is only checked once float64 is right: it is the problem only when nothing else is.
                List<String> wrong = items.stream().filter(i -> !i.passed() && !i.name().equals("float32"))
                        .map(Item::name).toList();
                yield wrong.isEmpty() ? "float32" : String.join(", ", wrong);
            }
        };
    }

    /** Everything a student needs: a line per failed check, then the gradient check's table. */
    public String message() {
        StringBuilder sb = new StringBuilder();
        switch (status) {
            case PASS, NOT_IMPLEMENTED, ERROR -> sb.append(summary()).append('\n');
            case FAIL -> items.stream().filter(i -> !i.passed())
                    .forEach(i -> sb.append(layer.method()).append(": ").append(i.explanation()).append('\n'));
        }
        if (status == Status.FAIL && !details.isEmpty()) {
            sb.append('\n').append(details);
        }
        return sb.toString();
    }
}
