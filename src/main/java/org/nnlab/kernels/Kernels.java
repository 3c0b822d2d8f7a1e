package org.nnlab.kernels;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;

/**
 * The hot loops of nnlab, on row-major arrays, in the style of BLAS: each operation comes as a
 * pair, one for float32 and one for float64, with the same meaning.
 *
 * <p>{@link ScalarKernels} is the plain reference implementation; {@link VectorKernels} computes
 * the same results with the JDK Vector API. {@link KernelSelection} chooses one of them once, at
 * start-up. Tests compare the two.
 *
 * <p>Shapes follow one convention: a matrix named A with shape m×k is an array of m·k elements,
 * element (i, p) at index {@code i*k + p}. Arrays may be longer than the shape needs; only the
 * leading elements are read and written. Output arrays must not alias input arrays unless a method
 * says so.
 */
public interface Kernels {

    /** A short name for logs and benchmark tables, e.g. "scalar" or "vector". */
    String name();

    /** What runs, for the line a training run starts with, e.g. "scalar kernels". */
    default String describe() {
        return name() + " kernels";
    }

    // ---- threads ----

    /**
     * How many threads a kernel called now, from this thread, shares its work among: 1 for the
     * scalar kernels, and inside {@link #forEachPart} or {@link KernelSelection#singleThreaded}.
     */
    default int parallelism() {
        return 1;
    }

    /**
     * Runs {@code part.accept(p)} for every p in [0, parts) and returns when all have finished: on
     * up to {@link #parallelism()} threads, each part's own kernel calls on its own thread alone.
     * Parts must not write what another part reads or writes. Which thread runs which part changes
     * no result.
     */
    default void forEachPart(int parts, IntConsumer part) {
        for (int p = 0; p < parts; p++) {
            part.accept(p);
        }
    }

    // ---- matrix multiply in the three forms backprop needs ----

    // tag::matmul-forms[]
    /** C = A·B, or C += A·B when {@code accumulate}. A: m×k, B: k×n, C: m×n. */
    void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate);

    /** C = Aᵀ·B, or C += Aᵀ·B. A is stored k×m, B: k×n, C: m×n. (A layer's weight gradient Xᵀ·dZ.) */
    void matmulTransposeA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    void matmulTransposeA(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate);

    /** C = A·Bᵀ, or C += A·Bᵀ. A: m×k, B is stored n×k, C: m×n. (A layer's input gradient dZ·Wᵀ.) */
    void matmulTransposeB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    void matmulTransposeB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate);
    // end::matmul-forms[]

    // ---- row and column operations ----

    /** Adds the row vector v (length cols) to every row of A (rows×cols), in place. */
    void addRowVector(float[] a, float[] v, int rows, int cols);

    void addRowVector(double[] a, double[] v, int rows, int cols);

    /**
     * The hidden layer's bias and activation in one pass over Z (rows×cols): every row of Z gets
     * the bias (length cols) added in place, and out receives the ReLU of the result:
     * {@code z[i][j] += bias[j]; out[i][j] = max(z[i][j], 0)}. Z keeps the pre-activation, which is
     * all the ReLU backward mask needs. out may be the same array as z (then
     * z ends as the activation, and the mask z &gt; 0 still reads the same).
     */
    void addRowVectorRelu(float[] z, float[] bias, float[] out, int rows, int cols);

    void addRowVectorRelu(double[] z, double[] bias, double[] out, int rows, int cols);

    /** out[j] = Σᵢ A[i][j] for A: rows×cols, out: cols. (A bias gradient.) */
    void columnSums(float[] a, float[] out, int rows, int cols);

    void columnSums(double[] a, double[] out, int rows, int cols);

    /**
     * Row r of target = row {@code rows[from + r]} of source, for r in [0, count), each row
     * {@code cols} values long: a minibatch gathered from a shuffled set of examples. target must
     * not be source.
     */
    void gatherRows(float[] source, int[] rows, int from, int count, int cols, float[] target);

    void gatherRows(double[] source, int[] rows, int from, int count, int cols, double[] target);

    /**
     * Each row of out is the softmax of the same row of in: exp(x − max)/Σ exp(x − max). Shifting
     * by the row maximum changes nothing mathematically and keeps exp from overflowing. in and out
     * may be the same array.
     */
    void rowSoftmax(float[] in, float[] out, int rows, int cols);

    void rowSoftmax(double[] in, double[] out, int rows, int cols);

    // ---- element-wise ----

    /** y += alpha·x over the first n elements. (The SGD update is axpy with alpha = −learning rate.) */
    void axpy(float alpha, float[] x, float[] y, int n);

    void axpy(double alpha, double[] x, double[] y, int n);

    /**
     * c += alpha·(Aᵀ·B) over C's m·n elements, A stored k×m and B k×n as for
     * {@link #matmulTransposeA}: plain SGD's step for a weight matrix whose gradient is Xᵀ·dZ, with
     * alpha = −learning rate. The same numbers as matmulTransposeA(a, b, scratch, m, k, n, false)
     * followed by axpy(alpha, scratch, c, m·n), which is how it is computed here. A faster
     * implementation may add each tile of the product to C as soon as it is computed and never
     * write the m·n values of scratch; scratch's contents are unspecified afterwards.
     */
    default void addScaledProductTransposeA(float alpha, float[] a, float[] b, float[] c, float[] scratch,
                                            int m, int k, int n) {
        matmulTransposeA(a, b, scratch, m, k, n, false);
        axpy(alpha, scratch, c, m * n);
    }

    /** Σ x[i]·y[i] over the first n elements, accumulated in double. */
    double dot(float[] x, float[] y, int n);

    double dot(double[] x, double[] y, int n);

    /** out[i] = max(in[i], 0). in and out may be the same array. */
    void relu(float[] in, float[] out, int n);

    void relu(double[] in, double[] out, int n);

    // tag::lab-remove-relu[]
    /** dx[i] = dout[i] where x[i] &gt; 0, else 0: the ReLU backward mask. */
    void reluBackward(float[] x, float[] dout, float[] dx, int n);

    void reluBackward(double[] x, double[] dout, double[] dx, int n);
    // end::lab-remove-relu[]

    /**
     * out[i] = f(in[i]), f evaluated in double. For maps without a dedicated kernel (sigmoid, tanh):
     * one definition of f serves both precisions. in and out may be the same array.
     */
    void map(float[] in, float[] out, int n, DoubleUnaryOperator f);

    void map(double[] in, double[] out, int n, DoubleUnaryOperator f);

    /** out[i] = f(a[i], b[i]), f evaluated in double. out may be a or b. */
    void zip(float[] a, float[] b, float[] out, int n, DoubleBinaryOperator f);

    void zip(double[] a, double[] b, double[] out, int n, DoubleBinaryOperator f);
}
