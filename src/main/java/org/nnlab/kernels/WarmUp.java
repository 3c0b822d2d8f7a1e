package org.nnlab.kernels;

/**
 * Calls every vector kernel on small inputs, many times, so that the JIT compiles each one in the
 * ordinary way, with a full profile and with Vector API calls turned into vector instructions,
 * before real work arrives. See {@link VectorKernels} for the failure this prevents.
 *
 * <p>The shapes are chosen to reach every path of the matrix multiply: full 8-row tiles and a
 * 3-row edge, full two-vector and one-vector column strips and narrower edges of both, all three
 * forms, with and without accumulate. The results are thrown away.
 */
final class WarmUp {
    /**
     * Rounds over all shapes. The hot methods then run several thousand times, past the JIT's
     * thresholds for its optimising compiler; measured at about 0.2–0.5 s on one core.
     */
    static final int ROUNDS = 300;

    private WarmUp() {
    }

    static void run(VectorKernels kernels) {
        for (int round = 0; round < ROUNDS; round++) {
            matmulFloat(kernels);
            matmulDouble(kernels);
            rowsAndElementsFloat(kernels);
            rowsAndElementsDouble(kernels);
        }
    }

    /** m = one full tile plus 3 rows; widths: full strips of 2 and 1 vectors, and both kinds of edge. */
    private static void matmulFloat(Kernels kernels) {
        int lanes = FloatMatmul.TILE_COLS / 2;
        int m = FloatMatmul.TILE_ROWS + 3;
        int k = 24;
        for (int n : new int[] {FloatMatmul.TILE_COLS + lanes, FloatMatmul.TILE_COLS + lanes + 3, FloatMatmul.TILE_COLS + 5}) {
            float[] a = filled(new float[m * k]);
            float[] b = filled(new float[k * n]);
            float[] c = new float[m * n];
            for (boolean accumulate : new boolean[] {false, true}) {
                kernels.matmul(a, b, c, m, k, n, accumulate);
                kernels.matmulTransposeA(a, b, c, m, k, n, accumulate);
                kernels.matmulTransposeB(a, b, c, m, k, n, accumulate);
            }
        }
    }

    private static void matmulDouble(Kernels kernels) {
        int lanes = DoubleMatmul.TILE_COLS / 2;
        int m = DoubleMatmul.TILE_ROWS + 3;
        int k = 24;
        for (int n : new int[] {DoubleMatmul.TILE_COLS + lanes, DoubleMatmul.TILE_COLS + lanes + 3, DoubleMatmul.TILE_COLS + 5}) {
            double[] a = filled(new double[m * k]);
            double[] b = filled(new double[k * n]);
            double[] c = new double[m * n];
            for (boolean accumulate : new boolean[] {false, true}) {
                kernels.matmul(a, b, c, m, k, n, accumulate);
                kernels.matmulTransposeA(a, b, c, m, k, n, accumulate);
                kernels.matmulTransposeB(a, b, c, m, k, n, accumulate);
            }
        }
    }

    /** 7 rows of 37: several whole vectors and a tail in every row. */
    private static void rowsAndElementsFloat(Kernels kernels) {
        int rows = 7;
        int cols = 37;
        float[] x = filled(new float[rows * cols]);
        float[] y = filled(new float[rows * cols]);
        float[] out = new float[rows * cols];
        float[] bias = filled(new float[cols]);
        kernels.addRowVector(x, bias, rows, cols);
        kernels.addRowVectorRelu(x, bias, out, rows, cols);
        kernels.reluBackward(x, y, out, rows * cols);
        kernels.relu(x, out, rows * cols);
        kernels.columnSums(x, bias, rows, cols);
        kernels.rowSoftmax(x, out, rows, cols);
        kernels.axpy(-1e-3f, y, x, rows * cols);
        kernels.dot(x, y, rows * cols);
    }

    private static void rowsAndElementsDouble(Kernels kernels) {
        int rows = 7;
        int cols = 37;
        double[] x = filled(new double[rows * cols]);
        double[] y = filled(new double[rows * cols]);
        double[] out = new double[rows * cols];
        double[] bias = filled(new double[cols]);
        kernels.addRowVector(x, bias, rows, cols);
        kernels.addRowVectorRelu(x, bias, out, rows, cols);
        kernels.reluBackward(x, y, out, rows * cols);
        kernels.relu(x, out, rows * cols);
        kernels.columnSums(x, bias, rows, cols);
        kernels.rowSoftmax(x, out, rows, cols);
        kernels.axpy(-1e-3, y, x, rows * cols);
        kernels.dot(x, y, rows * cols);
    }

    /** Small values of both signs, so that ReLU and softmax see realistic inputs. */
    private static float[] filled(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 37) % 17 - 8) / 8f;
        }
        return x;
    }

    private static double[] filled(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 37) % 17 - 8) / 8d;
        }
        return x;
    }
}
