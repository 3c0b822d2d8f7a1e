package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nnlab.testing.Requirements;

/**
 * The real MNIST, through the real loader and sources. The first run fetches the files into
 * {@code <project>/data/mnist/} (or {@code $NNLAB_DATA/mnist/}), which is git-ignored, so later runs
 * only verify them. Every source failing (no files, no network access to a mirror, no npm) skips
 * it, or fails it under CI ({@link Requirements#mnist}).
 */
class RealMnistTest {
    // Images per digit 0..9, as published with the dataset.
    private static final int[] TRAIN_HISTOGRAM = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    private static final int[] TEST_HISTOGRAM = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    @Test
    void loadsSixtyThousandTrainingAndTenThousandTestImages() {
        TrainTest mnist = Requirements.mnist();

        assertShape(mnist.train(), 60_000);
        assertShape(mnist.test(), 10_000);
        assertArrayEquals(TRAIN_HISTOGRAM, histogram(mnist.train()));
        assertArrayEquals(TEST_HISTOGRAM, histogram(mnist.test()));
        assertEquals(5, mnist.train().label(0));
        assertEquals(7, mnist.test().label(0));
    }

    private static void assertShape(LabeledImages images, int count) {
        assertEquals(count, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.cols());
    }

    private static int[] histogram(LabeledImages images) {
        int[] counts = new int[LabeledImages.LABEL_LIMIT];
        for (int i = 0; i < images.count(); i++) {
            counts[images.label(i)]++;
        }
        return counts;
    }
}
