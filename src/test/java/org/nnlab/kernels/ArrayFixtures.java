package org.nnlab.kernels;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Shapes and contents for the kernel properties. Contents come from a seeded {@link Random}
 * rather than from jqwik generators: a 300×300 matrix is 90,000 numbers, too many to generate and
 * shrink one by one, and a failing seed reproduces the same arrays.
 */
final class ArrayFixtures {
    /** float32 machine epsilon, 2⁻²³: the gap between 1 and the next float. */
    static final double FLOAT_EPS = Math.ulp(1f);
    /** float64 machine epsilon, 2⁻⁵². */
    static final double DOUBLE_EPS = Math.ulp(1d);

    private ArrayFixtures() {
    }

    /**
     * Matrix dimensions that tend to break blocked code: 0, 1, primes, one below and above the
     * lane counts (16 floats with AVX-512, 8 with AVX2, 4 with 128-bit vectors) and the 8-row tile, and
     * anything up to 80.
     */
    static Arbitrary<Integer> smallDimension() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 1, 2, 3, 5, 7, 8, 9, 11, 13, 15, 16, 17, 31, 32, 33, 37, 47, 48, 49, 64, 65)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 80)));
    }

    /** Up to 600, past one 256-step block along k and one 256-row or 256-column work item of C. */
    static Arbitrary<Integer> largeDimension() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1, 255, 256, 257, 263, 512, 521)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 600)));
    }

    /**
     * Uniform in [−1, 1), times one power of two from 2⁻¹⁰ to 2¹⁰ for the whole array: scaling by
     * a power of two is exact, so the tolerances, which are relative, see several magnitudes.
     */
    static float[] randomFloats(Random random, int length) {
        float scale = (float) Math.scalb(1.0, random.nextInt(21) - 10);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return x;
    }

    /** The rows×cols row-major x, stored transposed (cols×rows). */
    static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}
