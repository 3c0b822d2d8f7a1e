package org.nnlab.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

class SigmoidDerivativeTest {

    @Test
    void theTrueDerivativeUsesTheOutputAsAOneMinusA() {
        Sigmoid sigmoid = new Sigmoid();
        double a = Sigmoid.sigmoid(2.0);
        sigmoid.forward(Matrix.of(Precision.FLOAT64, new double[] {2.0}));
        Matrix dz = sigmoid.backward(Matrix.of(Precision.FLOAT64, new double[] {1.0}));
        assertEquals(a * (1 - a), dz.get(0, 0), 1e-15);
    }

    @Test
    void report000sDerivativeAppliesTheSigmoidOnceMoreAndNeverVanishes() {
        Sigmoid sigmoid = new Sigmoid(SigmoidDerivative.AT_OUTPUT);
        sigmoid.forward(Matrix.of(Precision.FLOAT64, new double[] {2.0, 40.0, -40.0}));
        Matrix dz = sigmoid.backward(Matrix.of(Precision.FLOAT64, new double[] {1.0, 1.0, 1.0}));
        double s = Sigmoid.sigmoid(Sigmoid.sigmoid(2.0));
        assertEquals(s * (1 - s), dz.get(0, 0), 1e-15);
        // Saturated units: σ'(z) would be ~0, σ'(σ(z)) stays near σ'(1) ≈ 0.197 and σ'(0) = 0.25.
        assertEquals(Sigmoid.sigmoid(1) * (1 - Sigmoid.sigmoid(1)), dz.get(0, 1), 1e-12);
        assertEquals(0.25, dz.get(0, 2), 1e-12);
    }
}
