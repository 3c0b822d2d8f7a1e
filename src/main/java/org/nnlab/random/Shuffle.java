package org.nnlab.random;

/** The Fisher–Yates shuffle, spelled out so that a seed gives the same order on every JDK. */
public final class Shuffle {
    private Shuffle() {
    }

    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Permutes the array uniformly at random: each position swaps with a random earlier one. */
    // tag::shuffle[]
    public static void inPlace(int[] order, SplitMix64 random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
    // end::shuffle[]
}
