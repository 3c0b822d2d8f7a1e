package org.nnlab.training;

import java.util.Random;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;

/** Shorthands for tests that train small networks. */
public final class TrainingRuns {
    private TrainingRuns() {
    }

    public static NetworkSpec softmaxSpec(int inputs, int hidden, int classes) {
        return new NetworkSpec(inputs, hidden, classes, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, 0);
    }

    public static Network network(NetworkSpec spec, long seed) {
        return Network.create(spec, Precision.FLOAT32, new Random(seed));
    }

    public static History train(NetworkSpec spec, Examples.Split split, TrainingConfig config) {
        return new Trainer(config).train(network(spec, config.seed()), split.train(), split.validation(),
                TrainingListener.SILENT);
    }
}
