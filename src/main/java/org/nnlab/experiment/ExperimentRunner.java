package org.nnlab.experiment;

import java.util.Random;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.training.History;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingListener;
import org.nnlab.training.TrainingState;

/** Runs an {@link Experiment} on prepared data: a new network, trained, then scored on the test set. */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /** What a run produced: the trained network, its history, and its score on the test set of testSize images. */
    public record Outcome(Network network, History history, Evaluation.Score test, int testSize) {
    }

    /** A new float32 network initialised from the experiment's seed. */
    public static Network newNetwork(Experiment experiment) {
        return Network.create(experiment.network(), Precision.FLOAT32, new Random(experiment.training().seed()));
    }

    public static Outcome run(Experiment experiment, PreparedData data, TrainingListener listener) {
        return resume(experiment, data, newNetwork(experiment), TrainingState.start(experiment.training()), listener);
    }

    /** Continues from a checkpoint: {@code network} holds the saved parameters, {@code state} the rest. */
    public static Outcome resume(Experiment experiment, PreparedData data, Network network, TrainingState state,
                                 TrainingListener listener) {
        History history = new Trainer(experiment.training(), data.preprocessing())
                .resume(network, data.train(), data.validation(), listener, state);
        return new Outcome(network, history, Evaluation.of(network, data.test()), data.test().size());
    }
}
