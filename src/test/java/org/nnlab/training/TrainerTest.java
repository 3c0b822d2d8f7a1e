package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;

class TrainerTest {

    private static NetworkSpec spec(int inputs, int hidden, int classes, Activation activation, OutputLoss head) {
        return new NetworkSpec(inputs, hidden, classes, activation, head,
                NetworkSpec.defaultInitialization(activation), 0);
    }

    private static History train(NetworkSpec spec, Examples train, Examples validation, TrainingConfig config) {
        Network network = Network.create(spec, Precision.FLOAT32, new Random(config.seed()));
        return new Trainer(config).train(network, train, validation, TrainingListener.SILENT);
    }

    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void learnsSeparableBlobsWithEveryOutputAndLoss(OutputLoss head) {
        Examples data = SyntheticProblems.blobs(600, 8, 4, 1);
        Examples.Split split = data.split(100, 2);
        TrainingConfig config = TrainingConfig.sgd(15, 16, head == OutputLoss.SOFTMAX_CROSS_ENTROPY ? 0.1 : 0.5, 1.0, 3);
        History history = train(spec(8, 16, 4, Activation.RELU, head), split.train(), split.validation(), config);

        List<EpochResult> epochs = history.epochs();
        assertTrue(epochs.get(epochs.size() - 1).trainLoss() < 0.5 * epochs.get(0).trainLoss(),
                head + ": loss should fall by half, went " + epochs.get(0).trainLoss() + " → " + history.last().trainLoss());
        assertTrue(history.last().validationAccuracy() >= 0.97,
                head + ": validation accuracy " + history.last().validationAccuracy());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void learnsXorThroughTheHiddenLayer(Activation activation) {
        Examples train = SyntheticProblems.xor(400, 5);
        Examples validation = SyntheticProblems.xor(200, 6);
        TrainingConfig config = TrainingConfig.sgd(60, 8, 0.3, 1.0, 7);
        History history = train(spec(2, 8, 2, activation, OutputLoss.SOFTMAX_CROSS_ENTROPY), train, validation, config);
        assertTrue(history.last().validationAccuracy() >= 0.98,
                activation + ": XOR validation accuracy " + history.last().validationAccuracy());
    }

    @Test
    void theSameSeedGivesAnIdenticalHistory() {
        Examples data = SyntheticProblems.blobs(300, 6, 3, 11);
        Examples.Split split = data.split(60, 12);
        NetworkSpec spec = spec(6, 10, 3, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        TrainingConfig config = TrainingConfig.sgd(4, 32, 0.05, 0.9, 42);
        List<EpochResult> first = train(spec, split.train(), split.validation(), config).epochs();
        List<EpochResult> second = train(spec, split.train(), split.validation(), config).epochs();
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).trainLoss(), second.get(i).trainLoss(), 0, "train loss, epoch " + (i + 1));
            assertEquals(first.get(i).validationLoss(), second.get(i).validationLoss(), 0, "validation loss, epoch " + (i + 1));
            assertEquals(first.get(i).trainAccuracy(), second.get(i).trainAccuracy(), 0);
        }
        TrainingConfig otherSeed = TrainingConfig.sgd(4, 32, 0.05, 0.9, 43);
        double other = train(spec, split.train(), split.validation(), otherSeed).epochs().get(0).trainLoss();
        assertTrue(other != first.get(0).trainLoss(), "a different seed should give a different run");
    }

    @Test
    void learningRateDecaysByTheFactorEachEpoch() {
        Examples data = SyntheticProblems.blobs(100, 4, 2, 3);
        Examples.Split split = data.split(20, 4);
        History history = train(spec(4, 4, 2, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY),
                split.train(), split.validation(), TrainingConfig.sgd(3, 10, 0.2, 0.5, 1));
        assertEquals(0.2, history.epochs().get(0).learningRate(), 1e-15);
        assertEquals(0.1, history.epochs().get(1).learningRate(), 1e-15);
        assertEquals(0.05, history.epochs().get(2).learningRate(), 1e-15);
    }

    @Test
    void aHugeLearningRateStopsWithAMessageNamingTheEpoch() {
        Examples data = SyntheticProblems.blobs(200, 8, 4, 9);
        Examples.Split split = data.split(40, 10);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(spec(8, 32, 4, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY),
                        split.train(), split.validation(), TrainingConfig.sgd(20, 8, 1e6, 1.0, 1)));
        assertTrue(e.getMessage().contains("epoch " + e.epoch()), e.getMessage());
        assertTrue(e.getMessage().contains("smaller"), e.getMessage());
    }

    @Test
    void splitKeepsEveryExampleExactlyOnce() {
        Examples data = SyntheticProblems.blobs(50, 3, 5, 1);
        Examples.Split split = data.split(12, 99);
        assertEquals(38, split.train().size());
        assertEquals(12, split.validation().size());
        double total = 0;
        double parts = 0;
        for (int i = 0; i < data.size(); i++) {
            total += data.inputs().get(i, 0);
        }
        for (Examples part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                parts += part.inputs().get(i, 0);
            }
        }
        assertEquals(total, parts, 1e-4);
    }
}
