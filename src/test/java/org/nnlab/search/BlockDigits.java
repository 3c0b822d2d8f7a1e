package org.nnlab.search;

import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.random.SplitMix64;

/**
 * A stand-in for MNIST of its real size, 28×28, so that the train options apply unchanged, but
 * small and quick to learn: digit d is a bright 5×5 block at its own place on a noisy background,
 * with a little noise in the block too. 300 images train a small network in milliseconds.
 */
public final class BlockDigits {
    public static final int SIDE = 28;

    private BlockDigits() {
    }

    public static TrainTest of(int trainCount, int testCount, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        return new TrainTest(images(trainCount, random), images(testCount, random));
    }

    private static LabeledImages images(int count, SplitMix64 random) {
        int pixels = SIDE * SIDE;
        byte[] data = new byte[count * pixels];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int digit = i % 10;
            labels[i] = (byte) digit;
            int top = 2 + 5 * (digit / 5) + 8 * (digit / 5);
            int left = 1 + 5 * (digit % 5);
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    boolean inBlock = r >= top && r < top + 5 && c >= left && c < left + 5;
                    int value = random.nextInt(90) + (inBlock ? 100 + random.nextInt(60) : 0);
                    data[i * pixels + r * SIDE + c] = (byte) value;
                }
            }
        }
        return new LabeledImages(count, SIDE, SIDE, data, labels);
    }
}
