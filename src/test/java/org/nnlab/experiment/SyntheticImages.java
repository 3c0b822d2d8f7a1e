package org.nnlab.experiment;

import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.random.SplitMix64;

/**
 * A tiny stand-in for MNIST with the same kind of data, grey-scale bytes and digit labels, that a
 * small network learns in a few epochs: a 4×4 image of digit d has a bright pixel d (plus pixel
 * d + 6 for digits 0..9 so that no two classes share their pattern) on a noisy dark background.
 */
public final class SyntheticImages {
    public static final int ROWS = 4;
    public static final int COLS = 4;

    private SyntheticImages() {
    }

    public static TrainTest of(int trainCount, int testCount, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        return new TrainTest(images(trainCount, random), images(testCount, random));
    }

    private static LabeledImages images(int count, SplitMix64 random) {
        int pixels = ROWS * COLS;
        byte[] data = new byte[count * pixels];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int digit = i % 10;
            labels[i] = (byte) digit;
            for (int j = 0; j < pixels; j++) {
                int value = random.nextInt(60);
                if (j == digit || j == digit + 6) {
                    value += 150 + random.nextInt(40);
                }
                data[i * pixels + j] = (byte) value;
            }
        }
        return new LabeledImages(count, ROWS, COLS, data, labels);
    }
}
