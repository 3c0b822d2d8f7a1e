package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadsSideBySideTest {
    @Test
    void eachPairIsItsOwnRatioSoThatADriftOfTheMachineCancels() {
        ThreadsSideBySide.Pairs pairs = new ThreadsSideBySide.Pairs(new ThreadsSideBySide.Options(3, 0, 2, false, false));
        // The machine slowed by 30% for the second pair: both epochs of it, so its ratio holds.
        pairs.record(0, 0.46, 0.30, Double.NaN, 180);
        pairs.record(1, 0.60, 0.40, Double.NaN, 470);
        pairs.record(2, 0.48, 0.30, Double.NaN, 450);
        assertArrayEquals(new double[] {0.46 / 0.30, 1.5, 1.6}, pairs.speedUps(), 1e-12);
        String report = pairs.report("vector kernels, test");
        assertTrue(report.startsWith("vector kernels, test"), report);
        assertTrue(report.contains("3 pairs of epochs in turn (after 0 pairs of warm-up): 1 thread 0.480 s, 2 threads 0.300 s"), report);
        assertTrue(report.contains("speed-up 1.53× (median of the pairs; quartiles 1.52–1.57, range 1.50–1.60);"
                + " cache-line round trip 450 ns (median; range 180–470)"), report);
        assertFalse(report.contains("ceiling"), report);
    }

    @Test
    void theCeilingIsTheThreadsTimesTheOneThreadTimeOverTheTwins() {
        ThreadsSideBySide.Pairs pairs = new ThreadsSideBySide.Pairs(new ThreadsSideBySide.Options(3, 0, 2, false, true));
        // Two one-thread epochs at once took 1.25, 1.0 and 1.6 times as long as one alone.
        pairs.record(0, 0.40, 0.30, 0.50, 180);
        pairs.record(1, 0.60, 0.40, 0.60, 470);
        pairs.record(2, 0.50, 0.30, 0.80, 450);
        assertArrayEquals(new double[] {1.6, 2.0, 1.25}, pairs.ceilings(), 1e-12);
        // The share of the ceiling is the speed-up over the ceiling: the one-thread time cancels.
        assertArrayEquals(new double[] {(0.40 / 0.30) / 1.6, 1.5 / 2.0, (0.5 / 0.3) / 1.25}, pairs.sharesOfCeiling(), 1e-12);
        String report = pairs.report("vector kernels, test");
        assertTrue(report.contains("speed-up 1.50× (median of the pairs"), report);
        assertTrue(report.contains("2 one-thread epochs at once, each on a network and a thread of its own, after each pair:"
                + " 0.600 s (median); the machine's ceiling 1.60× (median of the pairs; range 1.25–2.00),"
                + " 2 × the one-thread time over theirs; the share of it reached 0.83 (median of the pairs; range 0.75–1.33)"),
                report);
    }

    @Test
    void theOrderWithinAPairAlternatesThroughTheWarmUpAndAfter() {
        assertTrue(ThreadsSideBySide.oneThreadFirst(-4));
        assertFalse(ThreadsSideBySide.oneThreadFirst(-3));
        assertFalse(ThreadsSideBySide.oneThreadFirst(-1));
        assertTrue(ThreadsSideBySide.oneThreadFirst(0));
        assertFalse(ThreadsSideBySide.oneThreadFirst(1));
    }

    @Test
    void aRoundTripBetweenTwoThreadsTakesSomeTime() {
        double nanos = CacheLineRoundTrip.nanos();
        assertTrue(nanos > 0 && Double.isFinite(nanos), "round trip " + nanos + " ns");
    }

    @Test
    void theDefaultsAndTheOptions() {
        assertEquals(new ThreadsSideBySide.Options(12, 4, 2, false, true), ThreadsSideBySide.Options.parse(new String[0]));
        assertEquals(new ThreadsSideBySide.Options(5, 0, 3, true, false), ThreadsSideBySide.Options.parse(
                new String[] {"--pairs", "5", "--warm-up", "0", "--threads", "3", "--dense", "--no-twins"}));
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage("--pairs must be a whole number of at least 1, got '0'", "--pairs", "0");
        assertMessage("--threads must be a whole number of at least 2, got '1'", "--threads", "1");
        assertMessage("--warm-up must be a whole number of at least 0, got 'x'", "--warm-up", "x");
        assertMessage("--pairs needs a value", "--pairs");
        assertMessage("unknown option '--forks'", "--forks", "2");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadsSideBySide.Options.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
