package org.nnlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

class InitializationTest {

    /** The sample standard deviation of a matrix's entries. */
    private static double std(Matrix m) {
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < m.size(); i++) {
            sum += m.getFlat(i);
            sumOfSquares += m.getFlat(i) * m.getFlat(i);
        }
        double mean = sum / m.size();
        return Math.sqrt(sumOfSquares / m.size() - mean * mean);
    }

    @Test
    void eachSchemeDrawsWithItsStandardDeviation() {
        Random random = new Random(1);
        assertEquals(Math.sqrt(2.0 / 784), std(Initialization.HE.weights(Precision.FLOAT64, 784, 100, random)), 0.001);
        assertEquals(Math.sqrt(2.0 / 884), std(Initialization.XAVIER.weights(Precision.FLOAT64, 784, 100, random)), 0.001);
        assertEquals(0.01, std(Initialization.gaussian(0.01).weights(Precision.FLOAT64, 784, 100, random)), 0.0002);
        assertEquals(1e-3, std(Initialization.parse("gaussian:1e-3").weights(Precision.FLOAT64, 784, 100, random)), 0.00002);
    }

    @Test
    void biasesAreZeroUnlessDrawnLikeTheWeights() {
        Random random = new Random(2);
        Matrix zero = Initialization.HE.biases(Precision.FLOAT64, 784, 5000, random);
        assertEquals(0, std(zero), 0);
        Matrix drawn = Initialization.HE.withBiasesLikeWeights(true).biases(Precision.FLOAT64, 784, 5000, random);
        assertEquals(Math.sqrt(2.0 / 784), std(drawn), 0.002);
    }

    @Test
    void parsingNamesTheForms() {
        assertEquals(Initialization.XAVIER, Initialization.parse("glorot"));
        assertEquals("a Gaussian initialisation needs a positive std, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Initialization.parse("gaussian:-1")).getMessage());
        assertEquals("unknown initialisation 'uniform', expected he, xavier or gaussian:STD (e.g. gaussian:0.01)",
                assertThrows(IllegalArgumentException.class, () -> Initialization.parse("uniform")).getMessage());
    }
}
