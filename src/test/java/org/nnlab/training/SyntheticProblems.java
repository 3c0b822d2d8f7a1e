package org.nnlab.training;

import java.util.Random;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.preprocessing.Examples;

/** Small problems with known answers, for tests that train. */
public final class SyntheticProblems {
    private SyntheticProblems() {
    }

    /**
     * Gaussian blobs: {@code classes} well-separated centres in {@code features} dimensions, each
     * example its centre plus noise of std 0.3. A good network reaches accuracy near 1.
     */
    public static Examples blobs(int count, int features, int classes, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] centre : centres) {
            for (int j = 0; j < features; j++) {
                centre[j] = 2 * random.nextGaussian();
            }
        }
        Matrix inputs = Matrix.zeros(Precision.FLOAT32, count, features);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < features; j++) {
                inputs.set(i, j, centres[labels[i]][j] + 0.3 * random.nextGaussian());
            }
        }
        return new Examples(inputs, labels, classes);
    }

    /** XOR of two inputs: not linearly separable, so it needs the hidden layer. */
    public static Examples xor(int count, long seed) {
        Random random = new Random(seed);
        Matrix inputs = Matrix.zeros(Precision.FLOAT32, count, 2);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(2);
            int b = random.nextInt(2);
            inputs.set(i, 0, a + 0.1 * random.nextGaussian());
            inputs.set(i, 1, b + 0.1 * random.nextGaussian());
            labels[i] = a ^ b;
        }
        return new Examples(inputs, labels, 2);
    }
}
