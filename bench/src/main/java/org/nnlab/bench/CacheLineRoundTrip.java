package org.nnlab.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far apart two threads' cores are: the time a cache line takes to go from one thread to
 * another and back. Two threads take turns incrementing one counter, each waiting until the other
 * has made it odd or even; every turn moves the counter's line from one core's cache to the other's.
 * On one chip that is some tens of nanoseconds; between cores that share no cache, or are far
 * apart in a virtual machine's host, several hundred, and then everything two threads share is
 * that slow to pass.
 */
final class CacheLineRoundTrip {
    /** Round trips per sample: about 10 ms at 500 ns each. */
    private static final int ROUND_TRIPS = 20_000;
    private static final int SAMPLES = 3;

    private CacheLineRoundTrip() {
    }

    /** The median of a few samples of the round trip between the calling thread and a new one, in nanoseconds. */
    static double nanos() {
        double[] samples = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = sample();
        }
        Arrays.sort(samples);
        return samples[SAMPLES / 2];
    }

    private static double sample() {
        AtomicLong turn = new AtomicLong();
        Thread partner = new Thread(() -> {
            for (long odd = 1; odd < 2L * ROUND_TRIPS; odd += 2) {
                while (turn.get() != odd) {
                    Thread.onSpinWait();
                }
                turn.set(odd + 1);
            }
        }, "nnlab-round-trip");
        partner.setDaemon(true);
        partner.start();
        // The partner's first turn also waits for it to start: measure from the first round trip on.
        waitFor(turn, 0);
        turn.set(1);
        waitFor(turn, 2);
        long start = System.nanoTime();
        for (long even = 2; even < 2L * ROUND_TRIPS; even += 2) {
            turn.set(even + 1);
            waitFor(turn, even + 2);
        }
        long elapsed = System.nanoTime() - start;
        try {
            partner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (double) elapsed / (ROUND_TRIPS - 1);
    }

    private static void waitFor(AtomicLong turn, long value) {
        while (turn.get() != value) {
            Thread.onSpinWait();
        }
    }
}
