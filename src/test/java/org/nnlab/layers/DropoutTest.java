package org.nnlab.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.random.SplitMix64;

/** Inverted dropout's forward and backward, in training and at evaluation. */
class DropoutTest {

    private static Matrix gaussian(Precision precision, int rows, int cols, long seed) {
        Random random = new Random(seed);
        Matrix m = Matrix.zeros(precision, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, random.nextGaussian());
        }
        return m;
    }

    @Test
    void atEvaluationTheLayerIsTheIdentity() {
        Dropout dropout = new Dropout(0.5);
        Matrix x = gaussian(Precision.FLOAT32, 4, 6, 1);
        assertSame(x, dropout.forward(x));
        Matrix dout = gaussian(Precision.FLOAT32, 4, 6, 2);
        assertSame(dout, dropout.backward(dout));
    }

    @Test
    void inTrainingEachUnitIsDroppedWithProbabilityPAndTheKeptOnesScaledUp() {
        double p = 0.3;
        Dropout dropout = new Dropout(p);
        dropout.drawMasksFrom(new SplitMix64(7)::nextLong);
        Matrix x = gaussian(Precision.FLOAT32, 200, 500, 3);
        Matrix out = dropout.forward(x);
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            if (out.getFlat(i) == 0) {
                dropped++;
            } else {
                assertEquals((float) (x.getFlat(i) * (float) (1 / (1 - p))), out.getFlat(i), 0, "kept unit " + i);
            }
        }
        // Binomial(100,000, 0.3): std 145, so within ±1,000 of 30,000 unless something is wrong.
        assertEquals(p * x.size(), dropped, 1000, "units dropped");
    }

    @Test
    void theExpectedOutputIsTheInput() {
        Dropout dropout = new Dropout(0.5);
        dropout.drawMasksFrom(new SplitMix64(8)::nextLong);
        Matrix ones = Matrix.zeros(Precision.FLOAT64, 100, 1000);
        ones.fill(1);
        Matrix out = dropout.forward(ones);
        double sum = 0;
        for (int i = 0; i < out.size(); i++) {
            sum += out.getFlat(i);
        }
        // Each output is 0 or 2 with equal chance: mean 1, std 1; the mean of 100,000 has std 0.003.
        assertEquals(1, sum / out.size(), 0.02);
    }

    @Test
    void backwardMultipliesByTheSameMask() {
        Dropout dropout = new Dropout(0.4);
        dropout.drawMasksFrom(new SplitMix64(9)::nextLong);
        Matrix x = gaussian(Precision.FLOAT64, 5, 7, 4);
        dropout.forward(x);
        Matrix mask = dropout.mask().copy();
        Matrix dout = gaussian(Precision.FLOAT64, 5, 7, 5);
        Matrix dx = dropout.backward(dout);
        for (int i = 0; i < dx.size(); i++) {
            assertEquals(dout.getFlat(i) * mask.getFlat(i), dx.getFlat(i), 0, "element " + i);
        }
    }

    @Test
    void theSameBitsGiveTheSameMaskAndAHeldMaskIsReused() {
        Matrix x = gaussian(Precision.FLOAT32, 6, 9, 6);
        Dropout first = new Dropout(0.5);
        first.drawMasksFrom(new SplitMix64(10)::nextLong);
        Matrix firstOut = first.forward(x).copy();
        Dropout second = new Dropout(0.5);
        second.drawMasksFrom(new SplitMix64(10)::nextLong);
        assertArrayEquals(firstOut.floats(), second.forward(x).floats());

        float[] mask = first.mask().floats().clone();
        first.holdMask();
        first.forward(x);
        assertArrayEquals(mask, first.mask().floats(), "held: no new mask");
        first.drawMasksFrom(new SplitMix64(11)::nextLong);
        first.forward(x);
        assertFalse(Arrays.equals(mask, first.mask().floats()), "drawing again gives a new mask");
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
    }
}
