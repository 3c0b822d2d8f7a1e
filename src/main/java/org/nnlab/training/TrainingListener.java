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

    /** Whether to measure {@link EpochDiagnostics} (a copy of the weights once per epoch); false by default. */
    default boolean wantsDiagnostics() {
        return false;
    }

    /** With diagnostics, before the first epoch: the loss on the validation set of the untrained network. */
    default void untrainedLoss(double validationLoss) {
    }

    /** With diagnostics, after each epoch's result. */
    default void diagnosed(EpochDiagnostics diagnostics) {
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
            public boolean wantsDiagnostics() {
                return first.wantsDiagnostics() || second.wantsDiagnostics();
            }

            @Override
            public void untrainedLoss(double validationLoss) {
                first.untrainedLoss(validationLoss);
                second.untrainedLoss(validationLoss);
            }

            @Override
            public void diagnosed(EpochDiagnostics diagnostics) {
                first.diagnosed(diagnostics);
                second.diagnosed(diagnostics);
            }

            @Override
            public void checkpoint(Network network, TrainingState state) {
                first.checkpoint(network, state);
                second.checkpoint(network, state);
            }
        };
    }
}
