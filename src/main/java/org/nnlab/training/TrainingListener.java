package org.nnlab.training;

import org.nnlab.model.Network;

/** Hears about a training run as it goes, e.g. to draw a progress bar. Every method defaults to nothing. */
public interface TrainingListener {
    TrainingListener SILENT = new TrainingListener() { };

    /** Called after each minibatch: {@code done} of {@code total} batches of this epoch are trained. */
    default void batchFinished(int epoch, int done, int total) {
    }

    default void epochFinished(EpochResult result) {
    }

    /**
     * Called after each epoch with the network and the state needed to resume from here, e.g. to
     * write a checkpoint. Both are live objects: read them during the call, do not keep them.
     */
    default void checkpoint(Network network, TrainingState state) {
    }

    /** A listener that passes every event to {@code first}, then to {@code second}. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override
            public void batchFinished(int epoch, int done, int total) {
                first.batchFinished(epoch, done, total);
                second.batchFinished(epoch, done, total);
            }

            @Override
            public void epochFinished(EpochResult result) {
                first.epochFinished(result);
                second.epochFinished(result);
            }

            @Override
            public void checkpoint(Network network, TrainingState state) {
                first.checkpoint(network, state);
                second.checkpoint(network, state);
            }
        };
    }
}
