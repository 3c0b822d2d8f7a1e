package org.nnlab.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/** Each layer's forward pass on a small example worked out by hand, in both precisions. */
class LayerForwardTest {

    private static void assertMatrix(double[][] expected, Matrix actual, double tolerance) {
        assertEquals(expected.length, actual.rows(), "rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual.cols(), "cols");
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual.get(r, c), tolerance, "element (" + r + ", " + c + ")");
            }
        }
    }

    private static double tolerance(Precision p) {
        return p == Precision.FLOAT32 ? 1e-6 : 1e-15;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void linearComputesXTimesWPlusB(Precision p) {
        // X = [[1, 2], [3, -1]], W = [[1, 0, 2], [-1, 1, 0.5]], b = [0.5, -1, 0]
        // row 0: [1·1 + 2·(−1), 1·0 + 2·1, 1·2 + 2·0.5] + b = [−1, 2, 3] + b = [−0.5, 1, 3]
        // row 1: [3 − (−1)·(−1)… ] = [3·1 + (−1)(−1), 3·0 + (−1)·1, 3·2 + (−1)·0.5] + b = [4, −1, 5.5] + b = [4.5, −2, 5.5]
        Matrix x = Matrix.of(p, new double[] {1, 2}, new double[] {3, -1});
        Matrix w = Matrix.of(p, new double[] {1, 0, 2}, new double[] {-1, 1, 0.5});
        Matrix b = Matrix.of(p, new double[] {0.5, -1, 0});
        Linear linear = new Linear("W", w, "b", b);
        assertMatrix(new double[][] {{-0.5, 1, 3}, {4.5, -2, 5.5}}, linear.forward(x), tolerance(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void linearBackwardGivesXtDzColumnSumsAndDzWt(Precision p) {
        Matrix x = Matrix.of(p, new double[] {1, 2}, new double[] {3, -1});
        Matrix w = Matrix.of(p, new double[] {1, 0, 2}, new double[] {-1, 1, 0.5});
        Linear linear = new Linear("W", w, "b", Matrix.zeros(p, 1, 3));
        linear.forward(x);
        Matrix dz = Matrix.of(p, new double[] {1, 0, -1}, new double[] {2, 1, 0});
        Matrix dx = linear.backward(dz);
        // dW = Xᵀ·dZ = [[1·1 + 3·2, 1·0 + 3·1, 1·(−1) + 0], [2·1 + (−1)·2, 0 + (−1)·1, 2·(−1) + 0]]
        assertMatrix(new double[][] {{7, 3, -1}, {0, -1, -2}}, linear.weights().gradient(), tolerance(p));
        assertMatrix(new double[][] {{3, 1, -1}}, linear.bias().gradient(), tolerance(p));
        // dX = dZ·Wᵀ: row 0 = [1·1 + 0 + (−1)·2, 1·(−1) + 0 + (−1)·0.5] = [−1, −1.5]
        //             row 1 = [2·1 + 1·0 + 0, 2·(−1) + 1·1 + 0] = [2, −1]
        assertMatrix(new double[][] {{-1, -1.5}, {2, -1}}, dx, tolerance(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reluZeroesNegativesAndMasksTheGradient(Precision p) {
        Relu relu = new Relu();
        Matrix z = Matrix.of(p, new double[] {-2, 0, 3}, new double[] {1.5, -0.1, 0});
        assertMatrix(new double[][] {{0, 0, 3}, {1.5, 0, 0}}, relu.forward(z), 0);
        Matrix dout = Matrix.of(p, new double[] {10, 20, 30}, new double[] {40, 50, 60});
        assertMatrix(new double[][] {{0, 0, 30}, {40, 0, 0}}, relu.backward(dout), 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sigmoidOfKnownValues(Precision p) {
        Sigmoid sigmoid = new Sigmoid();
        Matrix z = Matrix.of(p, new double[] {0, Math.log(3), -Math.log(3)});
        // σ(0) = 1/2; σ(ln 3) = 1/(1 + 1/3) = 3/4; σ(−ln 3) = 1/4
        assertMatrix(new double[][] {{0.5, 0.75, 0.25}}, sigmoid.forward(z), tolerance(p));
        // σ' = σ(1 − σ): 1/4, 3/16, 3/16, times dout = 2
        Matrix dout = Matrix.of(p, new double[] {2, 2, 2});
        assertMatrix(new double[][] {{0.5, 0.375, 0.375}}, sigmoid.backward(dout), tolerance(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sigmoidDoesNotOverflowForLargeInputs(Precision p) {
        Matrix out = new Sigmoid().forward(Matrix.of(p, new double[] {-1000, 1000}));
        assertEquals(0, out.get(0, 0), 0);
        assertEquals(1, out.get(0, 1), 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void tanhOfKnownValues(Precision p) {
        Tanh tanh = new Tanh();
        // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 3/5
        Matrix z = Matrix.of(p, new double[] {0, Math.log(2), -Math.log(2)});
        assertMatrix(new double[][] {{0, 0.6, -0.6}}, tanh.forward(z), tolerance(p));
        // tanh' = 1 − t²: 1, 16/25, 16/25
        Matrix dout = Matrix.of(p, new double[] {1, 1, -1});
        assertMatrix(new double[][] {{1, 0.64, -0.64}}, tanh.backward(dout), tolerance(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void softmaxOfKnownValues(Precision p) {
        Softmax softmax = new Softmax();
        // softmax([0, ln 2, ln 5]) = [1, 2, 5] / 8; adding 1000 to a row changes nothing
        Matrix z = Matrix.of(p, new double[] {0, Math.log(2), Math.log(5)},
                new double[] {1000, 1000 + Math.log(2), 1000 + Math.log(5)});
        double tol = p == Precision.FLOAT32 ? 1e-4 : 1e-12; // float32 loses digits in 1000 + ln 2
        assertMatrix(new double[][] {{0.125, 0.25, 0.625}, {0.125, 0.25, 0.625}}, softmax.forward(z), tol);
        // dZᵢ = Sᵢ(dSᵢ − Σⱼ dSⱼSⱼ) with dS = [1, 0, 0]: Σ = 1/8, dZ = [1/8·7/8, −1/4·1/8, −5/8·1/8]
        Matrix dout = Matrix.of(p, new double[] {1, 0, 0}, new double[] {1, 0, 0});
        double[] row = {7.0 / 64, -2.0 / 64, -5.0 / 64};
        assertMatrix(new double[][] {row, row}, softmax.backward(dout), tol);
    }
}
