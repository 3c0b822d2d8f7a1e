package org.nnlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nnlab.lab.LabResult.Status;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/**
 * What a student's backward pass computed on the lab's data, as numbers, and nothing else: no
 * verdict. {@link LabChecks#run} calls the student's code and fills it in; {@link LabChecks#judge}
 * compares it with finite differences. The grader runs the first in a child JVM, which writes this
 * record as text ({@link #toText}), and the second in its own JVM ({@link #parse}), so that
 * whatever the student's code prints or writes, a point needs gradients that are right.
 *
 * @param layer          the backward pass
 * @param seed           the seed of the data it ran on
 * @param data           a fingerprint of that data ({@link LabChecks#fingerprint}), which the judge
 *                       compares with its own
 * @param failure        what stopped the float64 calls (the stub's exception, or another), or null
 * @param first          float64: the input's gradient, then each parameter's, after a first call on
 *                       other data; empty after a failure; an element is null where the pass
 *                       returned null
 * @param again          the same, from a second call on the same data: a pass that accumulates
 *                       gives other numbers
 * @param float32Failure what the float32 calls threw, or null
 * @param single         float32: the gradients on the data rounded to float32
 * @param twin           float64 on the same rounded values, for comparison with {@code single}
 */
public record StudentRun(LabLayer layer, long seed, long data, Failure failure, List<Matrix> first, List<Matrix> again,
                         String float32Failure, List<Matrix> single, List<Matrix> twin) {

    /** Why the float64 calls stopped: {@link Status#NOT_IMPLEMENTED} or {@link Status#ERROR}, and a line. */
    public record Failure(Status status, String message) {
    }

    private static final String HEADER = "nnlab-lab-run 1";
    /** Bounds on a gradient read back, far above the lab's shapes: a forged file cannot make the judge allocate much. */
    private static final int MAX_ELEMENTS = 100_000;

    public StudentRun {
        first = nullableCopy(first);
        again = nullableCopy(again);
        single = nullableCopy(single);
        twin = nullableCopy(twin);
    }

    /** The record as lines of text, every number as Java prints a double, which reads back exactly. */
    public String toText() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        sb.append("layer ").append(layer.id()).append('\n');
        sb.append("seed ").append(seed).append('\n');
        sb.append("data ").append(Long.toHexString(data)).append('\n');
        if (failure != null) {
            sb.append("failure ").append(failure.status().name()).append(' ').append(oneLine(failure.message())).append('\n');
        }
        if (float32Failure != null) {
            sb.append("float32-failure ").append(oneLine(float32Failure)).append('\n');
        }
        appendCall(sb, "first", first);
        appendCall(sb, "again", again);
        appendCall(sb, "single", single);
        appendCall(sb, "twin", twin);
        return sb.append("end\n").toString();
    }

    /**
     * Reads what {@link #toText} wrote. Anything else, a forged or cut-off file included, is refused
     * with an {@link IllegalArgumentException} naming the line.
     */
    public static StudentRun parse(String text) {
        List<String> lines = text.lines().toList();
        Reader in = new Reader(lines);
        in.expect(HEADER);
        LabLayer layer = LabLayer.parse(in.field("layer"));
        long seed = in.number("seed");
        long data = Long.parseUnsignedLong(in.field("data"), 16);
        Failure failure = null;
        String float32Failure = null;
        if (in.peek().startsWith("failure ")) {
            String[] parts = in.field("failure").split(" ", 2);
            Status status = parts[0].equals("NOT_IMPLEMENTED") ? Status.NOT_IMPLEMENTED
                    : parts[0].equals("ERROR") ? Status.ERROR : null;
            if (status == null || parts.length < 2) {
                throw in.problem("a failure must be NOT_IMPLEMENTED or ERROR with a message");
            }
            failure = new Failure(status, parts[1]);
        }
        if (in.peek().startsWith("float32-failure ")) {
            float32Failure = in.field("float32-failure");
        }
        List<Matrix> first = in.call("first");
        List<Matrix> again = in.call("again");
        List<Matrix> single = in.call("single");
        List<Matrix> twin = in.call("twin");
        in.expect("end");
        return new StudentRun(layer, seed, data, failure, first, again, float32Failure, single, twin);
    }

    private static void appendCall(StringBuilder sb, String name, List<Matrix> gradients) {
        sb.append(name).append(' ').append(gradients.size()).append('\n');
        for (Matrix m : gradients) {
            if (m == null) {
                sb.append("null\n");
                continue;
            }
            sb.append(m.precision().name()).append(' ').append(m.rows()).append(' ').append(m.cols());
            for (int i = 0; i < m.size(); i++) {
                sb.append(' ').append(m.getFlat(i));
            }
            sb.append('\n');
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n]+", " ");
    }

    private static List<Matrix> nullableCopy(List<Matrix> list) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Reads the lines in order, and says which one is not as expected. */
    private static final class Reader {
        private final List<String> lines;
        private int next;

        Reader(List<String> lines) {
            this.lines = lines;
        }

        String peek() {
            return next < lines.size() ? lines.get(next) : "";
        }

        String take() {
            if (next >= lines.size()) {
                throw new IllegalArgumentException("the run's result ends early, after line " + lines.size());
            }
            return lines.get(next++);
        }

        void expect(String line) {
            if (!take().equals(line)) {
                throw problem("expected '" + line + "'");
            }
        }

        String field(String name) {
            String line = take();
            if (!line.startsWith(name + " ")) {
                throw problem("expected '" + name + " …'");
            }
            return line.substring(name.length() + 1);
        }

        long number(String name) {
            try {
                return Long.parseLong(field(name));
            } catch (NumberFormatException e) {
                throw problem(name + " must be an integer");
            }
        }

        List<Matrix> call(String name) {
            long count = number(name);
            if (count < 0 || count > 8) {
                throw problem(name + ": " + count + " gradients, expected 0 to 8");
            }
            List<Matrix> gradients = new ArrayList<>();
            for (int g = 0; g < count; g++) {
                gradients.add(matrix(take()));
            }
            return gradients;
        }

        private Matrix matrix(String line) {
            if (line.equals("null")) {
                return null;
            }
            String[] words = line.split(" ");
            try {
                Precision precision = Precision.valueOf(words[0]);
                int rows = Integer.parseInt(words[1]);
                int cols = Integer.parseInt(words[2]);
                if (rows < 1 || cols < 1 || (long) rows * cols > MAX_ELEMENTS || words.length != 3 + rows * cols) {
                    throw problem(String.format(Locale.ROOT, "a %s×%s gradient with %d numbers", words[1], words[2],
                            words.length - 3));
                }
                Matrix m = Matrix.zeros(precision, rows, cols);
                for (int i = 0; i < m.size(); i++) {
                    m.setFlat(i, Double.parseDouble(words[3 + i]));
                }
                return m;
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw e.getMessage() != null && e.getMessage().startsWith("line ") ? (RuntimeException) e
                        : problem("expected 'FLOAT64|FLOAT32 ROWS COLS' and the numbers");
            }
        }

        IllegalArgumentException problem(String what) {
            return new IllegalArgumentException("line " + next + " of the run's result: " + what);
        }
    }
}
