package org.nnlab.kernels;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The reference implementation of {@link Kernels}: plain loops, written to be obviously right.
 * Every faster implementation is tested against this one.
 *
 * <p>The matrix multiplies use the i-p-j loop order: row i of C accumulates A[i][p] times row p of
 * B, so the innermost loop walks both B and C contiguously.
 */
public class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    // tag::scalar-matmul[]
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0f);
        }
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
    }
    // end::scalar-matmul[]

    @Override
    public void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(c, 0, m * n, 0d);
        }
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
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
                float api = a[p * m + i];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += api * b[p * n + j];
                }
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
                double api = a[p * m + i];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += api * b[p * n + j];
                }
            }
        }
    }

    @Override
    public void matmulTransposeB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    @Override
    public void matmulTransposeB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0d;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    @Override
    public void addRowVector(float[] a, float[] v, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i * cols + j] += v[j];
            }
        }
    }

    @Override
    public void addRowVector(double[] a, double[] v, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i * cols + j] += v[j];
            }
        }
    }

    @Override
    public void addRowVectorRelu(float[] z, float[] bias, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float sum = z[i * cols + j] + bias[j];
                z[i * cols + j] = sum;
                out[i * cols + j] = Math.max(sum, 0f);
            }
        }
    }

    @Override
    public void addRowVectorRelu(double[] z, double[] bias, double[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = z[i * cols + j] + bias[j];
                z[i * cols + j] = sum;
                out[i * cols + j] = Math.max(sum, 0d);
            }
        }
    }

    @Override
    public void columnSums(float[] a, float[] out, int rows, int cols) {
        Arrays.fill(out, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j] += a[i * cols + j];
            }
        }
    }

    @Override
    public void columnSums(double[] a, double[] out, int rows, int cols) {
        Arrays.fill(out, 0, cols, 0d);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j] += a[i * cols + j];
            }
        }
    }

    @Override
    public void gatherRows(float[] source, int[] rows, int from, int count, int cols, float[] target) {
        gatherRows(source, rows, from, cols, target, 0, count);
    }

    /** Target rows [first, end) of {@link #gatherRows}: also a work item of the vector kernels' parallel gather. */
    static void gatherRows(float[] source, int[] rows, int from, int cols, float[] target, int first, int end) {
        for (int r = first; r < end; r++) {
            System.arraycopy(source, rows[from + r] * cols, target, r * cols, cols);
        }
    }

    @Override
    public void gatherRows(double[] source, int[] rows, int from, int count, int cols, double[] target) {
        for (int r = 0; r < count; r++) {
            System.arraycopy(source, rows[from + r] * cols, target, r * cols, cols);
        }
    }

    @Override
    public void rowSoftmax(float[] in, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int start = i * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, in[start + j]);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(in[start + j] - max);
                out[start + j] = e;
                sum += e;
            }
            for (int j = 0; j < cols; j++) {
                out[start + j] /= sum;
            }
        }
    }

    @Override
    public void rowSoftmax(double[] in, double[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int start = i * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, in[start + j]);
            }
            double sum = 0d;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(in[start + j] - max);
                out[start + j] = e;
                sum += e;
            }
            for (int j = 0; j < cols; j++) {
                out[start + j] /= sum;
            }
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public double dot(float[] x, float[] y, int n) {
        double sum = 0d;
        for (int i = 0; i < n; i++) {
            sum += (double) x[i] * y[i];
        }
        return sum;
    }

    @Override
    public double dot(double[] x, double[] y, int n) {
        double sum = 0d;
        for (int i = 0; i < n; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    @Override
    public void relu(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(in[i], 0f);
        }
    }

    @Override
    public void relu(double[] in, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(in[i], 0d);
        }
    }

    // tag::lab-remove-relu[]
    @Override
    public void reluBackward(float[] x, float[] dout, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0f ? dout[i] : 0f;
        }
    }

    @Override
    public void reluBackward(double[] x, double[] dout, double[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0d ? dout[i] : 0d;
        }
    }
    // end::lab-remove-relu[]

    @Override
    public void map(float[] in, float[] out, int n, DoubleUnaryOperator f) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) f.applyAsDouble(in[i]);
        }
    }

    @Override
    public void map(double[] in, double[] out, int n, DoubleUnaryOperator f) {
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
    }

    @Override
    public void zip(float[] a, float[] b, float[] out, int n, DoubleBinaryOperator f) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) f.applyAsDouble(a[i], b[i]);
        }
    }

    @Override
    public void zip(double[] a, double[] b, double[] out, int n, DoubleBinaryOperator f) {
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(a[i], b[i]);
        }
    }
}
