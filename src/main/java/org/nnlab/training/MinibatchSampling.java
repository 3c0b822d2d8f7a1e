package org.nnlab.training;

import java.util.Arrays;
import java.util.Locale;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;

/**
 * How an epoch's minibatches are drawn from the N training examples.
 *
 * <ul>
 *   <li>{@link #SHUFFLED_EPOCHS}: a fresh random permutation each epoch, cut into ⌈N/B⌉ batches,
 *       the last one possibly smaller. Every example is used exactly once per epoch.</li>
 *   <li>{@link #WITH_REPLACEMENT}: cs231n's {@code Solver}: max(⌊N/B⌋, 1) batches per epoch, each
 *       of B examples drawn independently and uniformly ({@code np.random.choice(N, B)}), so an
 *       epoch sees about 63% of the examples, some more than once (report 004's code).</li>
 * </ul>
 */
public enum MinibatchSampling {
    SHUFFLED_EPOCHS("shuffle"),
    WITH_REPLACEMENT("replacement");

    private final String cliName;

    MinibatchSampling(String cliName) {
        this.cliName = cliName;
    }

    /** The minibatches of one epoch over {@code n} examples, drawn from {@code random}. */
    public EpochPlan plan(int n, int batchSize, SplitMix64 random) {
        int batch = Math.min(batchSize, n);
        return switch (this) {
            case SHUFFLED_EPOCHS -> {
                int[] order = Shuffle.identity(n);
                Shuffle.inPlace(order, random);
                yield new EpochPlan(order, batch);
            }
            case WITH_REPLACEMENT -> {
                int[] order = new int[Math.max(n / batch, 1) * batch];
                for (int i = 0; i < order.length; i++) {
                    order[i] = random.nextInt(n);
                }
                yield new EpochPlan(order, batch);
            }
        };
    }

    public String cliName() {
        return cliName;
    }

    public static MinibatchSampling parse(String name) {
        for (MinibatchSampling s : values()) {
            if (s.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sampling '" + name + "', expected one of "
                + Arrays.stream(values()).map(MinibatchSampling::cliName).toList());
    }

    /**
     * The example indices of one epoch in the order they are trained, cut into batches of
     * {@code batchSize}: batch b is {@code order[b·B .. min((b+1)·B, length))}.
     */
    public record EpochPlan(int[] order, int batchSize) {
        public int batchCount() {
            return (order.length + batchSize - 1) / batchSize;
        }

        public int start(int batch) {
            return batch * batchSize;
        }

        public int size(int batch) {
            return Math.min(batchSize, order.length - start(batch));
        }

        /** How many examples the epoch trains on (with replacement: counting repeats). */
        public int examples() {
            return order.length;
        }
    }
}
