package org.nnlab.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceSequenceForSeedZero() {
        // The first outputs of Vigna's reference splitmix64.c started from state 0.
        SplitMix64 g = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, g.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, g.nextLong());
        assertEquals(0x06C45D188009454FL, g.nextLong());
    }

    @Test
    void aGeneratorRebuiltFromItsStateContinuesTheSameSequence() {
        SplitMix64 original = new SplitMix64(42);
        for (int i = 0; i < 5; i++) {
            original.nextInt(1000);
        }
        SplitMix64 copy = new SplitMix64(original.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(original.nextInt(60_000), copy.nextInt(60_000));
        }
    }

    @Test
    void nextIntCoversTheWholeRangeEvenly() {
        SplitMix64 g = new SplitMix64(7);
        int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) {
            counts[g.nextInt(6)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10_000) < 400, "each of 6 values about 10000 times, got " + c);
        }
    }
}
