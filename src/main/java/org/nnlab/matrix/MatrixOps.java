package org.nnlab.matrix;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;
import org.nnlab.kernels.KernelSelection;
import org.nnlab.kernels.Kernels;

/**
 * Matrix operations for layers and losses: each checks shapes and precisions, then hands the raw
 * arrays to the float32 or float64 kernel of the active {@link Kernels}. This is the one place
 * that knows about both precisions, so that layer code is written once for both.
 *
 * <p>Results are written into an output matrix the caller provides (and usually reuses), never
 * allocated here.
 */
public final class MatrixOps {
    private static final Kernels KERNELS = KernelSelection.active();

    private MatrixOps() {
    }

    /** C = A·B. A: m×k, B: k×n, C: m×n. */
    public static void multiply(Matrix a, Matrix b, Matrix c) {
        requireShape(c, a.rows(), b.cols(), "multiply: C");
        requireInner(a.cols(), b.rows(), "multiply: A's columns and B's rows");
        requireSamePrecision(a, b, c);
        if (c.isFloat32()) {
            KERNELS.matmul(a.floats(), b.floats(), c.floats(), a.rows(), a.cols(), b.cols(), false);
        } else {
            KERNELS.matmul(a.doubles(), b.doubles(), c.doubles(), a.rows(), a.cols(), b.cols(), false);
        }
    }

    /** C = Aᵀ·B. A: k×m, B: k×n, C: m×n. */
    public static void multiplyTransposeA(Matrix a, Matrix b, Matrix c) {
        requireShape(c, a.cols(), b.cols(), "multiplyTransposeA: C");
        requireInner(a.rows(), b.rows(), "multiplyTransposeA: A's rows and B's rows");
        requireSamePrecision(a, b, c);
        if (c.isFloat32()) {
            KERNELS.matmulTransposeA(a.floats(), b.floats(), c.floats(), a.cols(), a.rows(), b.cols(), false);
        } else {
            KERNELS.matmulTransposeA(a.doubles(), b.doubles(), c.doubles(), a.cols(), a.rows(), b.cols(), false);
        }
    }

    /**
     * C += alpha·(Aᵀ·B). A: k×m, B: k×n, C and scratch: m×n. The same numbers as
     * multiplyTransposeA(a, b, scratch) followed by addScaled(alpha, scratch, c): plain SGD's step
     * W ← W − η·(Xᵀ·dZ) with alpha = −η. The vector kernels may add each tile of the product to C
     * as soon as it is computed and leave scratch unwritten; its contents afterwards are unspecified.
     */
    public static void addScaledProductTransposeA(double alpha, Matrix a, Matrix b, Matrix c, Matrix scratch) {
        requireShape(c, a.cols(), b.cols(), "addScaledProductTransposeA: C");
        requireShape(scratch, a.cols(), b.cols(), "addScaledProductTransposeA: scratch");
        requireInner(a.rows(), b.rows(), "addScaledProductTransposeA: A's rows and B's rows");
        requireSamePrecision(a, b, c);
        requireSamePrecision(a, c, scratch);
        if (c == scratch || (c.isFloat32() ? c.floats() == scratch.floats() : c.doubles() == scratch.doubles())) {
            throw new IllegalArgumentException("addScaledProductTransposeA: scratch must be another matrix than C");
        }
        if (c.isFloat32()) {
            KERNELS.addScaledProductTransposeA((float) alpha, a.floats(), b.floats(), c.floats(), scratch.floats(),
                    a.cols(), a.rows(), b.cols());
        } else {
            multiplyTransposeA(a, b, scratch);
            addScaled(alpha, scratch, c);
        }
    }

    /** C = A·Bᵀ. A: m×k, B: n×k, C: m×n. */
    public static void multiplyTransposeB(Matrix a, Matrix b, Matrix c) {
        requireShape(c, a.rows(), b.rows(), "multiplyTransposeB: C");
        requireInner(a.cols(), b.cols(), "multiplyTransposeB: A's columns and B's columns");
        requireSamePrecision(a, b, c);
        if (c.isFloat32()) {
            KERNELS.matmulTransposeB(a.floats(), b.floats(), c.floats(), a.rows(), a.cols(), b.rows(), false);
        } else {
            KERNELS.matmulTransposeB(a.doubles(), b.doubles(), c.doubles(), a.rows(), a.cols(), b.rows(), false);
        }
    }

    /**
     * Row r of target = row {@code rows[from + r]} of source, for r in [0, count): a minibatch
     * gathered from a set of examples. target needs source's columns and at least count rows.
     */
    public static void gatherRows(Matrix source, int[] rows, int from, int count, Matrix target) {
        if (target.cols() != source.cols() || target.rows() < count) {
            throw new IllegalArgumentException("gatherRows: target must be at least " + count + "×" + source.cols()
                    + ", got " + target.rows() + "×" + target.cols());
        }
        if (from < 0 || count < 0 || from + count > rows.length) {
            throw new IllegalArgumentException("gatherRows: rows " + from + ".." + (from + count - 1)
                    + " of a list of " + rows.length);
        }
        for (int r = from; r < from + count; r++) {
            if (rows[r] < 0 || rows[r] >= source.rows()) {
                throw new IllegalArgumentException("gatherRows: row " + rows[r] + " is outside 0.." + (source.rows() - 1));
            }
        }
        requireSamePrecision(source, target, target);
        if (source.isFloat32()) {
            KERNELS.gatherRows(source.floats(), rows, from, count, source.cols(), target.floats());
        } else {
            KERNELS.gatherRows(source.doubles(), rows, from, count, source.cols(), target.doubles());
        }
    }

    /** Adds the 1×cols row vector v to every row of A, in place. */
    public static void addRowVector(Matrix a, Matrix v) {
        requireShape(v, 1, a.cols(), "addRowVector: v");
        requireSamePrecision(a, v, a);
        if (a.isFloat32()) {
            KERNELS.addRowVector(a.floats(), v.floats(), a.rows(), a.cols());
        } else {
            KERNELS.addRowVector(a.doubles(), v.doubles(), a.rows(), a.cols());
        }
    }

    /**
     * The hidden layer's bias and ReLU in one pass: z += bias (a 1×cols row vector added to every
     * row of z, in place), then out = max(z, 0). z keeps the pre-activation for
     * the ReLU backward pass. out may be z.
     */
    public static void addRowVectorRelu(Matrix z, Matrix bias, Matrix out) {
        requireShape(bias, 1, z.cols(), "addRowVectorRelu: bias");
        requireShape(out, z.rows(), z.cols(), "addRowVectorRelu: out");
        requireSamePrecision(z, bias, out);
        if (z.isFloat32()) {
            KERNELS.addRowVectorRelu(z.floats(), bias.floats(), out.floats(), z.rows(), z.cols());
        } else {
            KERNELS.addRowVectorRelu(z.doubles(), bias.doubles(), out.doubles(), z.rows(), z.cols());
        }
    }

    /** out (1×cols) = the sum of A's rows. */
    public static void columnSums(Matrix a, Matrix out) {
        requireShape(out, 1, a.cols(), "columnSums: out");
        requireSamePrecision(a, out, out);
        if (a.isFloat32()) {
            KERNELS.columnSums(a.floats(), out.floats(), a.rows(), a.cols());
        } else {
            KERNELS.columnSums(a.doubles(), out.doubles(), a.rows(), a.cols());
        }
    }

    /** Each row of out = softmax of that row of in, shifted by the row maximum. out may be in. */
    public static void rowSoftmax(Matrix in, Matrix out) {
        requireShape(out, in.rows(), in.cols(), "rowSoftmax: out");
        requireSamePrecision(in, out, out);
        if (in.isFloat32()) {
            KERNELS.rowSoftmax(in.floats(), out.floats(), in.rows(), in.cols());
        } else {
            KERNELS.rowSoftmax(in.doubles(), out.doubles(), in.rows(), in.cols());
        }
    }

    /** y += alpha·x, element-wise. */
    public static void addScaled(double alpha, Matrix x, Matrix y) {
        requireShape(y, x.rows(), x.cols(), "addScaled: y");
        requireSamePrecision(x, y, y);
        if (y.isFloat32()) {
            KERNELS.axpy((float) alpha, x.floats(), y.floats(), y.size());
        } else {
            KERNELS.axpy(alpha, x.doubles(), y.doubles(), y.size());
        }
    }

    /** Σ x·y over all elements (the squared Frobenius norm when x is y), accumulated in double. */
    public static double dot(Matrix x, Matrix y) {
        requireShape(y, x.rows(), x.cols(), "dot: y");
        requireSamePrecision(x, y, y);
        return x.isFloat32()
                ? KERNELS.dot(x.floats(), y.floats(), x.size())
                : KERNELS.dot(x.doubles(), y.doubles(), x.size());
    }

    /** out = max(in, 0), element-wise. out may be in. */
    public static void relu(Matrix in, Matrix out) {
        requireShape(out, in.rows(), in.cols(), "relu: out");
        requireSamePrecision(in, out, out);
        if (in.isFloat32()) {
            KERNELS.relu(in.floats(), out.floats(), in.size());
        } else {
            KERNELS.relu(in.doubles(), out.doubles(), in.size());
        }
    }

    // tag::lab-remove-relu[]
    /** out = values where signs &gt; 0, else 0, element-wise: ReLU's backward rule, on its own kernel. */
    public static void keepWherePositive(Matrix values, Matrix signs, Matrix out) {
        requireShape(values, signs.rows(), signs.cols(), "keepWherePositive: values");
        requireShape(out, signs.rows(), signs.cols(), "keepWherePositive: out");
        requireSamePrecision(signs, values, out);
        if (signs.isFloat32()) {
            KERNELS.reluBackward(signs.floats(), values.floats(), out.floats(), signs.size());
        } else {
            KERNELS.reluBackward(signs.doubles(), values.doubles(), out.doubles(), signs.size());
        }
    }
    // end::lab-remove-relu[]

    /** out = f(in), element-wise, f evaluated in double. out may be in. */
    public static void map(Matrix in, DoubleUnaryOperator f, Matrix out) {
        requireShape(out, in.rows(), in.cols(), "map: out");
        requireSamePrecision(in, out, out);
        if (in.isFloat32()) {
            KERNELS.map(in.floats(), out.floats(), in.size(), f);
        } else {
            KERNELS.map(in.doubles(), out.doubles(), in.size(), f);
        }
    }

    /** out = f(a, b), element-wise, f evaluated in double. out may be a or b. */
    public static void zip(Matrix a, Matrix b, DoubleBinaryOperator f, Matrix out) {
        requireShape(b, a.rows(), a.cols(), "zip: b");
        requireShape(out, a.rows(), a.cols(), "zip: out");
        requireSamePrecision(a, b, out);
        if (a.isFloat32()) {
            KERNELS.zip(a.floats(), b.floats(), out.floats(), a.size(), f);
        } else {
            KERNELS.zip(a.doubles(), b.doubles(), out.doubles(), a.size(), f);
        }
    }

    /** The active kernels' name, for logs. */
    public static String kernelName() {
        return KERNELS.name();
    }

    /** What the active kernels are, e.g. "vector kernels, 256-bit, 6×2 tile, zero-skipping". */
    public static String kernelDescription() {
        return KERNELS.describe();
    }

    // ---- threads ----

    /** How many threads a kernel called now, from this thread, shares its work among (1 inside {@link #forEachPart}). */
    public static int parallelism() {
        return KERNELS.parallelism();
    }

    /** Runs {@code part.accept(p)} for p in [0, parts), on the kernels' threads, each part's own kernel calls on its thread alone. */
    public static void forEachPart(int parts, IntConsumer part) {
        KERNELS.forEachPart(parts, part);
    }

    private static void requireShape(Matrix m, int rows, int cols, String what) {
        if (!m.hasShape(rows, cols)) {
            throw new IllegalArgumentException(what + " must be " + rows + "×" + cols + ", got " + m.shape());
        }
    }

    private static void requireInner(int left, int right, String what) {
        if (left != right) {
            throw new IllegalArgumentException(what + " must agree, got " + left + " and " + right);
        }
    }

    private static void requireSamePrecision(Matrix a, Matrix b, Matrix c) {
        if (a.precision() != b.precision() || a.precision() != c.precision()) {
            throw new IllegalArgumentException("operands mix precisions: "
                    + a.precision() + ", " + b.precision() + ", " + c.precision());
        }
    }
}
