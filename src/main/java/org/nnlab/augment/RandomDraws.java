package org.nnlab.augment;

import org.nnlab.random.SplitMix64;

/** The few kinds of random number augmentation needs, each from a {@link SplitMix64}. */
final class RandomDraws {
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;
    private static final float TWO_TO_MINUS_24 = 0x1.0p-24f;

    private RandomDraws() {
    }

    /** Uniform in [−1, 1): 53 random bits spread over the interval. */
    static double symmetric(SplitMix64 random) {
        return 2 * ((random.nextLong() >>> 11) * TWO_TO_MINUS_53) - 1;
    }

    /** Heads or tails. */
    static boolean coin(SplitMix64 random) {
        return random.nextLong() < 0;
    }

    /**
     * Fills {@code values[0..count)} with numbers uniform in [−1, 1), in float32, two from each
     * 64-bit draw (24 bits each, a float's precision).
     */
    static void fillSymmetric(SplitMix64 random, float[] values, int count) {
        for (int i = 0; i < count; i += 2) {
            long bits = random.nextLong();
            values[i] = 2 * ((bits >>> 40) * TWO_TO_MINUS_24) - 1;
            if (i + 1 < count) {
                values[i + 1] = 2 * (((bits >>> 8) & 0xFFFFFF) * TWO_TO_MINUS_24) - 1;
            }
        }
    }
}
