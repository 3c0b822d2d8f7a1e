package org.nnlab.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/** The losses and their gradients on examples worked out by hand. */
class LossTest {

    private static double tolerance(Precision p) {
        return p == Precision.FLOAT32 ? 1e-6 : 1e-14;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void meanSquaredErrorHalvesTheMeanOverTheBatch(Precision p) {
        Matrix a = Matrix.of(p, new double[] {1, 0}, new double[] {0.5, 0.5});
        Matrix y = Matrix.of(p, new double[] {0, 0}, new double[] {0, 1});
        MeanSquaredError mse = new MeanSquaredError();
        // squared errors: 1 + 0 + 0.25 + 0.25 = 1.5; L = 1.5 / (2·2)
        assertEquals(0.375, mse.forward(a, y), tolerance(p));
        Matrix da = mse.backward(); // (A − Y) / N
        assertEquals(0.5, da.get(0, 0), tolerance(p));
        assertEquals(0, da.get(0, 1), tolerance(p));
        assertEquals(0.25, da.get(1, 0), tolerance(p));
        assertEquals(-0.25, da.get(1, 1), tolerance(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryCrossEntropyOfKnownProbabilities(Precision p) {
        Matrix a = Matrix.of(p, new double[] {0.8}, new double[] {0.25});
        Matrix y = Matrix.of(p, new double[] {1}, new double[] {0});
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        // L = −(ln 0.8 + ln 0.75) / 2
        assertEquals(-(Math.log(0.8) + Math.log(0.75)) / 2, bce.forward(a, y), tolerance(p));
        Matrix da = bce.backward(); // (a − y)/(a(1 − a))/N: −0.2/0.16/2 and 0.25/0.1875/2
        assertEquals(-0.625, da.get(0, 0), 1e-5);
        assertEquals(2.0 / 3, da.get(1, 0), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void binaryCrossEntropyStaysFiniteAtSaturatedOutputs(Precision p) {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        double loss = bce.forward(Matrix.of(p, new double[] {0, 1}), Matrix.of(p, new double[] {1, 0}));
        assertTrue(Double.isFinite(loss) && loss > 10, "clamped loss should be large but finite, got " + loss);
        Matrix da = bce.backward();
        assertTrue(Double.isFinite(da.get(0, 0)) && Double.isFinite(da.get(0, 1)));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void softmaxCrossEntropyIsMinusLogOfTheTrueClass(Precision p) {
        // scores [0, ln 2, ln 5] → P = [1, 2, 5]/8; true class 1 → −ln(1/4)
        Matrix z = Matrix.of(p, new double[] {0, Math.log(2), Math.log(5)});
        Matrix y = Matrix.of(p, new double[] {0, 1, 0});
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertEquals(Math.log(4), ce.forward(z, y), tolerance(p));
        Matrix dz = ce.backward(); // P − Y
        assertEquals(0.125, dz.get(0, 0), tolerance(p));
        assertEquals(-0.75, dz.get(0, 1), tolerance(p));
        assertEquals(0.625, dz.get(0, 2), tolerance(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void softmaxCrossEntropyIsStableForHugeScores(Precision p) {
        // Without the shift by the row maximum, exp(1000) overflows to infinity.
        Matrix z = Matrix.of(p, new double[] {1000, 0});
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertEquals(1000, ce.forward(z, Matrix.of(p, new double[] {0, 1})), 1e-3);
        assertEquals(0, ce.forward(z, Matrix.of(p, new double[] {1, 0})), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void targetsOfTheWrongShapeAreRejected(Precision p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().forward(Matrix.zeros(p, 2, 3), Matrix.zeros(p, 3, 2)));
        assertTrue(e.getMessage().contains("2×3"), e.getMessage());
    }
}
