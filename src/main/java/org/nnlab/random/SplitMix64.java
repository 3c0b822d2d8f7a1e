package org.nnlab.random;

/**
 * A small random number generator whose whole state is one {@code long}, so that a checkpoint can
 * save it and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 *
 * <p>This is Steele, Lea and Flood's SplitMix64 (the generator behind {@code java.util.SplittableRandom}):
 * the state advances by a fixed odd constant, and each output is the new state passed through a
 * mixing function. Its sequence is fixed by this source file, not by the JDK version.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose first output depends only on {@code seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The generator's whole state: {@code new SplitMix64(g.state())} continues exactly where g is. */
    public long state() {
        return state;
    }

    // tag::next[]
    public long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniformly distributed int in [0, bound). Draws 31 random bits and rejects the few values
     * that would make the smaller remainders more likely, as {@code java.util.Random#nextInt} does.
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int bits = next31Bits();
        int max = bound - 1;
        if ((bound & max) == 0) {
            return (int) ((bound * (long) bits) >> 31);
        }
        int value = bits % bound;
        while (bits - value + max < 0) { // bits fell into the incomplete last block of size bound
            bits = next31Bits();
            value = bits % bound;
        }
        return value;
    }
    // end::next[]

    private int next31Bits() {
        return (int) (nextLong() >>> 33);
    }
}
