package org.nnlab.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnlab.random.SplitMix64;

/** The separable blur against the 2-D convolution it stands for, computed directly. */
class GaussianBlurTest {

    @Test
    void theTwoPassesEqualTheDirectTwoDimensionalConvolutionWithZerosOutside() {
        for (double sigma : new double[] {0.7, 2, 4, 9}) {
            int side = 28;
            float[] field = new float[side * side];
            RandomDraws.fillSymmetric(new SplitMix64(3), field, field.length);
            float[] blurred = new float[field.length];
            new GaussianBlur(sigma, side).blur(field, blurred);
            int r = (int) Math.min(Math.ceil(3 * sigma), side - 1);
            double norm = 0;
            for (int k = -r; k <= r; k++) {
                norm += Math.exp(-k * k / (2 * sigma * sigma));
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double direct = 0;
                    for (int v = -r; v <= r; v++) {
                        for (int u = -r; u <= r; u++) {
                            int sx = x + u;
                            int sy = y + v;
                            if (sx >= 0 && sx < side && sy >= 0 && sy < side) {
                                double g = Math.exp(-(u * u + v * v) / (2 * sigma * sigma)) / (norm * norm);
                                direct += g * field[sy * side + sx];
                            }
                        }
                    }
                    assertEquals(direct, blurred[y * side + x], 1e-5, "σ " + sigma + " at (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void aConstantFieldStaysConstantFarFromTheEdges() {
        int side = 40;
        float[] ones = new float[side * side];
        java.util.Arrays.fill(ones, 1);
        float[] blurred = new float[ones.length];
        new GaussianBlur(2, side).blur(ones, blurred);
        assertEquals(1, blurred[20 * side + 20], 1e-6, "the weights add up to 1");
        // At the left edge the taps to the left meet zeros: what remains is half the kernel and half its centre tap.
        double norm = 0;
        for (int k = -6; k <= 6; k++) {
            norm += Math.exp(-k * k / 8.0);
        }
        assertEquals(0.5 + 0.5 / norm, blurred[20 * side], 1e-6);
    }
}
