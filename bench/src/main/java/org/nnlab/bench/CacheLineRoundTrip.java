package org.nnlab.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far apart two threads' cores are: the time a cache line takes to go from one thread to
 * another and back. Two threads take turns incrementing one counter, each waiting until the other
 * has made it odd or even; every turn moves the counter's line from one core's cache to the other's.
 * On one chip that is some tens of nanoseconds; between cores that share no cache, or are far
 * apart in a virtual machine's host, several hundred, and then everything two threads share is
 * that slow to pass. The figure includes the spin-wait's pause and the atomic's fences (some tens of
 * nanoseconds), and the threads are not pinned: on a machine with more than two CPUs it is the
 * distance between wherever the scheduler put them.
 */
final class CacheLineRoundTrip {
    /** Round trips per sample: about 10 ms at 500 ns each. */
    private static final int ROUND_TRIPS = 20_000;
    private static final int SAMPLES = 3;
    /** Spins before a waiting thread yields its CPU, so that two threads sharing one CPU still take turns. */
    private static final int SPINS_BEFORE_YIELD = 1_000;

    private CacheLineRoundTrip() {
    }

    /**
     * The shortest of a few samples of the round trip between the calling thread and a new one, in
     * nanoseconds: other work on the CPUs (the JIT, the collector) can only lengthen a sample.
     */
    static double nanos() {
        double shortest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < SAMPLES; i++) {
            shortest = Math.min(shortest, sample());
        }
        return shortest;
    }

    private static double sample() {
        AtomicLong turn = new AtomicLong();
        Thread partner = new Thread(() -> {
            for (long odd = 1; odd < 2L * ROUND_TRIPS; odd += 2) {
                waitFor(turn, odd);
                turn.set(odd + 1);
            }
        }, "nnlab-round-trip");
        partner.setDaemon(true);
        partner.start();
        // The first round trip, which also waits for the partner to start, is not timed.
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
        for (int spins = 0; turn.get() != value; spins++) {
            if (spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
