package org.nnlab.gradcheck;

import java.util.Random;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/** Seeded random matrices for the gradient-check tests. */
final class MatrixFixtures {
    private MatrixFixtures() {
    }

    /** Standard normal entries times {@code scale}. */
    static Matrix gaussian(Precision precision, int rows, int cols, double scale, long seed) {
        Random random = new Random(seed);
        Matrix m = Matrix.zeros(precision, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, scale * random.nextGaussian());
        }
        return m;
    }

    static Matrix gaussian(int rows, int cols, long seed) {
        return gaussian(Precision.FLOAT64, rows, cols, 1, seed);
    }

    /** Uniform entries in [low, high). */
    static Matrix uniform(int rows, int cols, double low, double high, long seed) {
        Random random = new Random(seed);
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, low + (high - low) * random.nextDouble());
        }
        return m;
    }

    /** One row per example, 1 in a random column and 0 elsewhere. */
    static Matrix oneHot(int rows, int cols, long seed) {
        Random random = new Random(seed);
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int r = 0; r < rows; r++) {
            m.set(r, random.nextInt(cols), 1);
        }
        return m;
    }

    /** Entries 0 or 1 at random. */
    static Matrix zerosAndOnes(int rows, int cols, long seed) {
        Random random = new Random(seed);
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, random.nextBoolean() ? 1 : 0);
        }
        return m;
    }
}
