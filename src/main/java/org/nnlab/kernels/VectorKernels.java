package org.nnlab.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK Vector API: the same results as {@link ScalarKernels}, up to the
 * order of floating-point additions, computed several lanes at a time.
 *
 * <p>Operations not overridden here are inherited from the scalar reference: they are either not
 * hot (element-wise maps given as lambdas) or not yet vectorised.
 */
public class VectorKernels extends ScalarKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0f);
        }
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                axpyRow(a[i * k + p], b, p * n, c, i * n, n);
            }
        }
    }

    @Override
    public void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0d);
        }
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                axpyRow(a[i * k + p], b, p * n, c, i * n, n);
            }
        }
    }

    @Override
    public void matmulTransposeA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0f);
        }
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                axpyRow(a[p * m + i], b, p * n, c, i * n, n);
            }
        }
    }

    @Override
    public void matmulTransposeA(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0d);
        }
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                axpyRow(a[p * m + i], b, p * n, c, i * n, n);
            }
        }
    }

    @Override
    public void matmulTransposeB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = dot(a, i * k, b, j * k, k);
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    @Override
    public void matmulTransposeB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = dot(a, i * k, b, j * k, k);
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        axpyRow(alpha, x, 0, y, 0, n);
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        axpyRow(alpha, x, 0, y, 0, n);
    }

    @Override
    public void addRowVector(float[] a, float[] v, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            axpyRow(1f, v, 0, a, i * cols, cols);
        }
    }

    @Override
    public void addRowVector(double[] a, double[] v, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            axpyRow(1d, v, 0, a, i * cols, cols);
        }
    }

    @Override
    public void relu(float[] in, float[] out, int n) {
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, in, i).max(0f).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.max(in[i], 0f);
        }
    }

    @Override
    public void relu(double[] in, double[] out, int n) {
        int i = 0;
        for (int bound = DOUBLES.loopBound(n); i < bound; i += DOUBLES.length()) {
            DoubleVector.fromArray(DOUBLES, in, i).max(0d).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.max(in[i], 0d);
        }
    }

    /** y[yFrom ..] += alpha · x[xFrom ..] over n elements. */
    private static void axpyRow(float alpha, float[] x, int xFrom, float[] y, int yFrom, int n) {
        FloatVector alphas = FloatVector.broadcast(FLOATS, alpha);
        int j = 0;
        for (int bound = FLOATS.loopBound(n); j < bound; j += FLOATS.length()) {
            FloatVector xs = FloatVector.fromArray(FLOATS, x, xFrom + j);
            FloatVector ys = FloatVector.fromArray(FLOATS, y, yFrom + j);
            xs.fma(alphas, ys).intoArray(y, yFrom + j);
        }
        for (; j < n; j++) {
            y[yFrom + j] += alpha * x[xFrom + j];
        }
    }

    private static void axpyRow(double alpha, double[] x, int xFrom, double[] y, int yFrom, int n) {
        DoubleVector alphas = DoubleVector.broadcast(DOUBLES, alpha);
        int j = 0;
        for (int bound = DOUBLES.loopBound(n); j < bound; j += DOUBLES.length()) {
            DoubleVector xs = DoubleVector.fromArray(DOUBLES, x, xFrom + j);
            DoubleVector ys = DoubleVector.fromArray(DOUBLES, y, yFrom + j);
            xs.fma(alphas, ys).intoArray(y, yFrom + j);
        }
        for (; j < n; j++) {
            y[yFrom + j] += alpha * x[xFrom + j];
        }
    }

    /** Σ x[xFrom + p]·y[yFrom + p] over p &lt; n. */
    private static float dot(float[] x, int xFrom, float[] y, int yFrom, int n) {
        FloatVector sums = FloatVector.zero(FLOATS);
        int p = 0;
        for (int bound = FLOATS.loopBound(n); p < bound; p += FLOATS.length()) {
            sums = FloatVector.fromArray(FLOATS, x, xFrom + p).fma(FloatVector.fromArray(FLOATS, y, yFrom + p), sums);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (; p < n; p++) {
            sum += x[xFrom + p] * y[yFrom + p];
        }
        return sum;
    }

    private static double dot(double[] x, int xFrom, double[] y, int yFrom, int n) {
        DoubleVector sums = DoubleVector.zero(DOUBLES);
        int p = 0;
        for (int bound = DOUBLES.loopBound(n); p < bound; p += DOUBLES.length()) {
            sums = DoubleVector.fromArray(DOUBLES, x, xFrom + p).fma(DoubleVector.fromArray(DOUBLES, y, yFrom + p), sums);
        }
        double sum = sums.reduceLanes(VectorOperators.ADD);
        for (; p < n; p++) {
            sum += x[xFrom + p] * y[yFrom + p];
        }
        return sum;
    }
}
