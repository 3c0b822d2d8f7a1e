package org.nnlab.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void countsAndScoresOfAKnownCase() {
        int[] actual = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2, 2, 2, 0};
        ConfusionMatrix m = ConfusionMatrix.of(actual, predicted, 3);
        long[][] expected = {{2, 1, 0}, {0, 1, 1}, {1, 0, 3}};
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[a][p], m.count(a, p), "(" + a + ", " + p + ")");
            }
        }
        assertEquals(6.0 / 9, m.accuracy(), 1e-15);
        assertEquals(2.0 / 3, m.precision(0), 1e-15); // column 0: 2 right of 3 predicted
        assertEquals(2.0 / 3, m.recall(0), 1e-15);    // row 0: 2 right of 3 actual
        assertEquals(0.5, m.precision(1), 1e-15);
        assertEquals(0.5, m.recall(1), 1e-15);
        assertEquals(0.75, m.precision(2), 1e-15);
        assertEquals(0.75, m.recall(2), 1e-15);
        assertEquals(0.75, m.f1(2), 1e-15);
        assertEquals(4, m.support(2));
    }

    @Test
    void aClassNeverPredictedHasNoPrecision() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 0}, 2);
        assertTrue(Double.isNaN(m.precision(1)));
        assertEquals(0, m.recall(1));
        assertEquals(0.5, m.precision(0));
    }
}
