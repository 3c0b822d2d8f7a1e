package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.Examples;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;

/** Each training option, and each of the reports' "faithful" behaviours, on a tiny synthetic problem. */
class TrainingOptionsTest {
    private static final NetworkSpec SPEC = TrainingRuns.softmaxSpec(6, 8, 3);

    private static Examples.Split blobs() {
        return SyntheticProblems.blobs(240, 6, 3, 31).split(60, 32);
    }

    private static Map<String, float[]> trainedWeights(NetworkSpec spec, Examples.Split split, TrainingConfig config) {
        Network network = TrainingRuns.network(spec, 9);
        new Trainer(config).train(network, split.train(), split.validation(), TrainingListener.SILENT);
        return values(network);
    }

    private static Map<String, float[]> values(Network network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            values.put(p.name(), p.value().floats().clone());
        }
        return values;
    }

    private static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
        expected.forEach((name, v) -> assertArrayEquals(v, actual.get(name), name));
    }

    @Test
    void shuffledEpochsUseEveryExampleOnce() {
        MinibatchSampling.EpochPlan plan = MinibatchSampling.SHUFFLED_EPOCHS.plan(10, 4, new SplitMix64(1));
        assertEquals(3, plan.batchCount());
        assertEquals(2, plan.size(2));
        int[] sorted = plan.order().clone();
        Arrays.sort(sorted);
        assertArrayEquals(Shuffle.identity(10), sorted);
    }

    @Test
    void samplingWithReplacementDrawsFloorNOverBBatchesThatRepeatExamples() {
        MinibatchSampling.EpochPlan plan = MinibatchSampling.WITH_REPLACEMENT.plan(1000, 200, new SplitMix64(1));
        assertEquals(5, plan.batchCount()); // cs231n: max(N // B, 1) iterations per epoch
        assertEquals(1000, plan.examples());
        long distinct = Arrays.stream(plan.order()).distinct().count();
        // Drawing 1000 of 1000 with replacement leaves about 1 − 1/e ≈ 63% distinct.
        assertTrue(distinct > 580 && distinct < 680, "distinct examples: " + distinct);
        assertTrue(Arrays.stream(plan.order()).allMatch(i -> i >= 0 && i < 1000));
        assertEquals(1, MinibatchSampling.WITH_REPLACEMENT.plan(50, 200, new SplitMix64(1)).batchCount());
    }

    @Test
    void summedGradientsAreBatchSizeTimesTheMean() {
        Examples data = SyntheticProblems.blobs(12, 6, 3, 1);
        int[] order = Shuffle.identity(12);
        Network mean = TrainingRuns.network(SPEC, 2);
        Network sum = TrainingRuns.network(SPEC, 2);
        new BatchGradient(mean, data, TargetEncoding.ZERO_ONE, GradientReduction.MEAN).compute(order, 0, 12);
        new BatchGradient(sum, data, TargetEncoding.ZERO_ONE, GradientReduction.SUM).compute(order, 0, 12);
        for (int p = 0; p < mean.parameters().size(); p++) {
            Matrix m = mean.parameters().get(p).gradient();
            Matrix s = sum.parameters().get(p).gradient();
            for (int i = 0; i < m.size(); i++) {
                assertEquals(12 * m.getFlat(i), s.getFlat(i), 1e-5 * Math.max(1, Math.abs(s.getFlat(i))));
            }
        }
    }

    @Test
    void aBatchLargerThanOneChunkGetsExactlyTheMeanGradient() {
        int n = BatchGradient.CHUNK_ROWS * 2 + 123;
        Examples data = SyntheticProblems.blobs(n, 6, 3, 4);
        Network chunked = Network.create(SPEC, Precision.FLOAT64, new Random(3));
        Network whole = Network.create(SPEC, Precision.FLOAT64, new Random(3));
        BatchGradient gradient = new BatchGradient(chunked, data, TargetEncoding.ZERO_ONE, GradientReduction.MEAN);
        gradient.compute(Shuffle.identity(n), 0, n);
        Matrix x = Matrix.zeros(Precision.FLOAT64, n, 6);
        Matrix targets = Matrix.zeros(Precision.FLOAT64, n, 3);
        int[] labels = new int[n];
        data.gather(Shuffle.identity(n), 0, n, x, labels);
        Evaluation.encodeTargets(TargetEncoding.ZERO_ONE, labels, targets);
        double loss = whole.lossAndGradients(x, targets);
        assertEquals(loss * n, gradient.lossSum(), 1e-9 * n);
        for (int p = 0; p < whole.parameters().size(); p++) {
            Matrix expected = whole.parameters().get(p).gradient();
            Matrix actual = chunked.parameters().get(p).gradient();
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.getFlat(i), actual.getFlat(i), 1e-12, whole.parameters().get(p).name());
            }
        }
    }

    @Test
    void fullBatchGradientDescentTrains() {
        TrainingConfig config = TrainingConfig.builder().epochs(30).batchSize(Integer.MAX_VALUE).learningRate(0.5)
                .schedule(new LearningRateSchedule.Constant()).build();
        History history = TrainingRuns.train(SPEC, blobs(), config);
        assertTrue(history.last().validationAccuracy() >= 0.95, "accuracy " + history.last().validationAccuracy());
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
    }

    @Test
    void perExampleUpdatesWithinABatchEqualBatchSizeOne() {
        TrainingConfig perExample = TrainingConfig.builder().epochs(2).batchSize(8)
                .updates(UpdateGranularity.PER_EXAMPLE).learningRate(0.05).build();
        TrainingConfig batchOfOne = perExample.toBuilder().batchSize(1).updates(UpdateGranularity.PER_BATCH).build();
        TrainingConfig batchOfEight = perExample.toBuilder().updates(UpdateGranularity.PER_BATCH).build();
        Map<String, float[]> a = trainedWeights(SPEC, blobs(), perExample);
        assertSameWeights(trainedWeights(SPEC, blobs(), batchOfOne), a);
        assertNotEquals(a.get("W1")[0], trainedWeights(SPEC, blobs(), batchOfEight).get("W1")[0]);
    }

    @Test
    void weightShrinkScalesWeightsByOneMinusLambdaAndLeavesBiases() {
        Network network = TrainingRuns.network(SPEC, 4);
        network.parameter("b1").value().fill(0.5);
        double w = network.parameter("W1").value().getFlat(3);
        new WeightShrink(0.1).apply(network.parameters());
        assertEquals(0.9 * w, network.parameter("W1").value().getFlat(3), 1e-7);
        assertEquals(0.5, network.parameter("b1").value().getFlat(0), 0);
    }

    @Test
    void shrinkIsNotScaledByTheLearningRateButThePenaltyIs() {
        // With a tiny learning rate the data gradient barely matters: the penalty hardly moves
        // the weights (η·λ), the shrink still takes λ of them away at every update.
        Examples.Split split = blobs();
        TrainingConfig base = TrainingConfig.builder().epochs(1).batchSize(180).learningRate(1e-9).build();
        NetworkSpec penalized = new NetworkSpec(6, 8, 3, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0.1);
        float before = TrainingRuns.network(SPEC, 9).parameter("W2").value().floats()[0];
        float shrunk = trainedWeights(SPEC, split, base.toBuilder().weightShrink(new WeightShrink(0.1)).build()).get("W2")[0];
        float penalty = trainedWeights(penalized, split, base).get("W2")[0];
        assertEquals(0.9 * before, shrunk, 1e-6);
        assertEquals(before, penalty, 1e-6);
    }

    @Test
    void frozenBiasesKeepTheirInitialValues() {
        NetworkSpec spec = new NetworkSpec(6, 8, 3, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.gaussian(0.1).withBiasesLikeWeights(true), 0);
        Map<String, float[]> initial = values(TrainingRuns.network(spec, 9));
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(16).freezeBiases(true).build();
        Map<String, float[]> trained = trainedWeights(spec, blobs(), config);
        assertArrayEquals(initial.get("b1"), trained.get("b1"));
        assertArrayEquals(initial.get("b2"), trained.get("b2"));
        assertNotEquals(initial.get("W1")[0], trained.get("W1")[0]);
        assertNotEquals(0f, initial.get("b1")[0], "biases drawn like the weights are not zero");
    }

    @Test
    void earlyStoppingEndsAfterPatienceEpochsWithoutImprovement() {
        List<EpochResult> h = new ArrayList<>();
        double[] accuracies = {0.5, 0.7, 0.69, 0.7, 0.68};
        EarlyStopping stopping = new EarlyStopping(3);
        for (int i = 0; i < accuracies.length; i++) {
            h.add(new EpochResult(i + 1, 0, 0, 0, 0, accuracies[i], 1, 1));
            assertEquals(i == 4, stopping.shouldStop(h), "after epoch " + (i + 1));
        }
        assertEquals(2, EarlyStopping.bestEpoch(h));
        assertTrue(!EarlyStopping.NEVER.shouldStop(h));
    }

    @Test
    void keepBestEndsWithTheParametersOfTheBestValidationEpoch() {
        Examples.Split split = blobs();
        TrainingConfig config = TrainingConfig.builder().epochs(6).batchSize(16).learningRate(0.3)
                .schedule(new LearningRateSchedule.Constant()).keepBest(true).build();
        List<Map<String, float[]>> perEpoch = new ArrayList<>();
        Network network = TrainingRuns.network(SPEC, 9);
        History history = new Trainer(config).train(network, split.train(), split.validation(), new TrainingListener() {
            @Override
            public void checkpoint(Network n, TrainingState state) {
                perEpoch.add(values(n));
            }
        });
        int best = EarlyStopping.bestEpoch(history.epochs());
        assertEquals(best, history.keptEpoch());
        assertSameWeights(perEpoch.get(best - 1), values(network));
        assertEquals(history.epochs().get(best - 1).validationAccuracy(),
                Evaluation.of(network, split.validation()).accuracy(), 1e-12);
    }

    @Test
    void aSingleSigmoidNeuronLearnsALinearYesNoQuestion() {
        Examples data = SyntheticProblems.blobs(300, 5, 2, 8);
        NetworkSpec neuron = new NetworkSpec(5, 0, 1, Activation.RELU, OutputLoss.SIGMOID_BCE, Initialization.gaussian(0.01), 0);
        TrainingConfig fullBatch = TrainingConfig.builder().epochs(100).batchSize(Integer.MAX_VALUE).learningRate(1.0)
                .schedule(new LearningRateSchedule.Constant()).build();
        History history = TrainingRuns.train(neuron, data.split(60, 9), fullBatch);
        assertTrue(history.last().validationAccuracy() >= 0.98, "accuracy " + history.last().validationAccuracy());
    }

    @Test
    void oneOutputWithAHiddenLayerLearnsXor() {
        NetworkSpec spec = new NetworkSpec(2, 8, 1, Activation.SIGMOID, OutputLoss.SIGMOID_BCE, Initialization.XAVIER, 0);
        TrainingConfig config = TrainingConfig.builder().epochs(150).batchSize(8).learningRate(1.0)
                .schedule(new LearningRateSchedule.Constant()).seed(3).build();
        Network network = TrainingRuns.network(spec, 3);
        new Trainer(config).train(network, SyntheticProblems.xor(400, 5), SyntheticProblems.xor(100, 6), TrainingListener.SILENT);
        assertTrue(Evaluation.of(network, SyntheticProblems.xor(200, 7)).accuracy() >= 0.97);
    }

    @Test
    void tanhWithPlusMinusOneTargetsLearns() {
        NetworkSpec spec = new NetworkSpec(6, 8, 3, Activation.TANH, OutputLoss.TANH_MSE, Initialization.gaussian(0.01), 0,
                TargetEncoding.PLUS_MINUS_ONE);
        TrainingConfig config = TrainingConfig.builder().epochs(20).batchSize(8).learningRate(0.1).build();
        History history = TrainingRuns.train(spec, blobs(), config);
        assertTrue(history.last().validationAccuracy() >= 0.95, "accuracy " + history.last().validationAccuracy());
    }

    @Test
    void yesNoTargetsPutTheOnValueOnLabelOne() {
        Matrix targets = Matrix.zeros(Precision.FLOAT64, 2, 1);
        TargetEncoding.PLUS_MINUS_ONE.encode(1, targets, 0);
        TargetEncoding.PLUS_MINUS_ONE.encode(0, targets, 1);
        assertEquals(1, targets.get(0, 0));
        assertEquals(-1, targets.get(1, 0));
    }
}
