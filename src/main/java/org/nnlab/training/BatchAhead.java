package org.nnlab.training;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.preprocessing.Examples;

/**
 * The next minibatch of an epoch, gathered before its step. While the hidden units are shared out
 * among the kernel threads (HiddenUnitParts), the calling thread computes the layers above H by
 * itself and the other threads would wait for dZ2; one of them usually gathers the next batch
 * meanwhile. Gathered by the calling thread at the start of its step, a batch of 64 shuffled rows
 * had kept it busy for 7–8% of a two-thread step (bench/README.adoc, To do, session 22).
 *
 * <p>An epoch's batches are consecutive slices of its order (MinibatchSampling.EpochPlan), so
 * the batch after order[from, from + count) is taken to be the next slice of as many examples.
 * The rows gathered ahead are used only for a batch of exactly the examples they hold
 * ({@link #holds}), and the examples themselves never change while a TrainingStep uses them:
 * whatever the caller asks for next, it gets the bits a gather then would give.
 */
final class BatchAhead implements Runnable {
    private final Examples examples;
    private final Precision precision;
    /** The slice to gather when {@link #run} is called. */
    private int[] order;
    private int from;
    private int count;
    /** The examples whose rows x and labels hold: the first heldCount of heldExamples. */
    private final int[] heldExamples = new int[BatchGradient.CHUNK_ROWS];
    private int heldCount;
    private Matrix x;
    private int[] labels = new int[BatchGradient.CHUNK_ROWS];

    BatchAhead(Examples examples, Precision precision) {
        this.examples = examples;
        this.precision = precision;
    }

    /**
     * Plans the gather of the slice of {@code order} after [from, from + count), as many examples
     * or as many as are left; returns false when none are left, and then nothing is to be gathered.
     * Whatever was gathered before is forgotten.
     */
    boolean planNextSlice(int[] order, int from, int count) {
        heldCount = 0;
        int next = from + count;
        this.order = order;
        this.from = next;
        this.count = Math.min(Math.min(count, order.length - next), BatchGradient.CHUNK_ROWS);
        return this.count > 0;
    }

    /**
     * Gathers the planned slice, on whichever thread runs it: usually a kernel thread that would
     * otherwise wait. If the gather fails (an index outside the examples), nothing is held, and the
     * step that asks for that batch gathers it itself and reports the failure for its own batch.
     */
    @Override
    public void run() {
        try {
            x = Matrix.reuse(x, precision, count, examples.features());
            examples.gather(order, from, count, x, labels);
            System.arraycopy(order, from, heldExamples, 0, count);
            heldCount = count;
        } catch (RuntimeException e) {
            heldCount = 0;
        } finally {
            order = null; // not to keep an epoch's order alive after it
        }
    }

    /** Whether the rows gathered ahead are those of examples order[from], …, order[from + count − 1], in that order. */
    boolean holds(int[] order, int from, int count) {
        if (count != heldCount) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (heldExamples[i] != order[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The inputs gathered ahead, rows 0..count−1. */
    Matrix inputs() {
        return x;
    }

    /** The labels gathered ahead, 0..count−1. */
    int[] labels() {
        return labels;
    }

    /**
     * Takes the caller's arrays for the next gather, after the caller has taken {@link #inputs}
     * and {@link #labels} for its batch: two sets of arrays, traded, so that nothing is copied
     * twice. What was held is forgotten.
     */
    void tradeBuffers(Matrix spareInputs, int[] spareLabels) {
        if (spareLabels.length < BatchGradient.CHUNK_ROWS) {
            throw new IllegalArgumentException("labels for " + BatchGradient.CHUNK_ROWS + " rows needed, got " + spareLabels.length);
        }
        x = spareInputs;
        labels = spareLabels;
        heldCount = 0;
    }
}
