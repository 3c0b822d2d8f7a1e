package org.nnlab.training;

/** Hears about a training run as it goes, e.g. to draw a progress bar. Both methods default to nothing. */
public interface TrainingListener {
    TrainingListener SILENT = new TrainingListener() { };

    /** Called after each minibatch: {@code done} of {@code total} batches of this epoch are trained. */
    default void batchFinished(int epoch, int done, int total) {
    }

    default void epochFinished(EpochResult result) {
    }
}
