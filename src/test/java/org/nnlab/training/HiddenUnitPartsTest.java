package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnlab.augment.Augmentation;
import org.nnlab.kernels.KernelSelection;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.Examples;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;
import org.nnlab.testing.Requirements;

/**
 * The hidden units shared out in parts (HiddenUnitParts) train the same bits as the whole
 * network: for any number of parts, batch size and width, step by step (the loss, every gradient
 * but dW1, and W1 after its step), and over whole epochs on the kernel threads; a batch that needs
 * dW1 in the middle of such an epoch gets an up-to-date W1. In a student's lab kit, where the
 * parts' ReLU and Linear lines are withheld, no step shares the hidden units out.
 */
class HiddenUnitPartsTest {
    private static final boolean IN_KIT = TrainingStep.isLabKit();
    private static final double LEARNING_RATE = 0.05;

    // An output layer with an activation (sigmoid, tanh, softmax before MSE) puts a layer between
    // the loss and W2's Linear layer, whose dZ2 the parts then take from that layer's backward pass.
    @ParameterizedTest(name = "{0} parts, batch {1}, {2} hidden units, {3}")
    @CsvSource({"2, 64, 512, SOFTMAX_CROSS_ENTROPY", "3, 64, 512, SOFTMAX_CROSS_ENTROPY", "2, 1, 128, SOFTMAX_CROSS_ENTROPY",
            "4, 37, 256, SOFTMAX_CROSS_ENTROPY", "3, 70, 200, SOFTMAX_CROSS_ENTROPY", "2, 64, 130, SOFTMAX_CROSS_ENTROPY",
            "2, 300, 256, SOFTMAX_CROSS_ENTROPY", "2, 64, 256, SIGMOID_MSE", "3, 37, 200, TANH_MSE", "2, 64, 128, SOFTMAX_MSE",
            "2, 16, 256, SIGMOID_BCE"})
    void anyNumberOfPartsComputesTheBitsOfTheWholeNetwork(int partCount, int batch, int hidden, OutputLoss output) {
        if (IN_KIT) {
            assertNoStepSharesTheHiddenUnits();
            return;
        }
        Random random = new Random(31L * partCount + batch + hidden);
        Network inParts = Network.create(spec(hidden, output), Precision.FLOAT32, new Random(3));
        Network whole = Network.create(spec(hidden, output), Precision.FLOAT32, new Random(3));
        HiddenUnitParts parts = HiddenUnitParts.forNetwork(inParts);
        assertNotNull(parts, "a float32 Linear-ReLU layer of " + hidden + " units");
        parts.takeW1(partCount);
        for (int step = 0; step < 5; step++) {
            Matrix x = sparseImages(batch, random);
            Matrix targets = oneHot(batch, random);
            double expectedLoss = whole.lossAndGradientsExceptFirstWeights(x, targets);
            double loss = parts.lossAndGradientsExceptFirstWeights(x, targets);
            assertEquals(Double.doubleToLongBits(expectedLoss), Double.doubleToLongBits(loss), "the loss at step " + step);
            for (int i = 1; i < whole.parameters().size(); i++) { // every gradient but W1's
                assertArrayEquals(whole.parameters().get(i).gradient().floats(), inParts.parameters().get(i).gradient().floats(),
                        "d" + whole.parameters().get(i).name() + " at step " + step);
            }
            // tag::lab-remove-linear[]
            whole.descendFirstWeights(LEARNING_RATE);
            // end::lab-remove-linear[]
            parts.stepW1(LEARNING_RATE);
            stepTheOthers(whole);
            stepTheOthers(inParts);
        }
        parts.returnW1();
        assertSameParameters(whole, inParts, partCount + " parts");
    }

    /**
     * Whole epochs as the trainer runs them, on the kernel threads, against the same epochs on one
     * thread, where nothing is shared out; one batch in the middle is larger than a chunk, so it
     * needs dW1 and the network's W1 up to date.
     */
    @Test
    void epochsOnTheKernelThreadsTrainTheBitsOfOneThread() {
        Requirements.kernelThreads(2);
        Examples examples = new Examples(sparseImages(BatchGradient.CHUNK_ROWS + 200, new Random(5)),
                labels(BatchGradient.CHUNK_ROWS + 200, new Random(6)), 10);
        Network threads = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        Network oneThread = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        double[] lossesOnThreads = train(threads, examples, !IN_KIT);
        double[] lossesOnOne = KernelSelection.singleThreaded(() -> train(oneThread, examples, false));
        assertArrayEquals(lossesOnOne, lossesOnThreads, "the batches' losses");
        assertSameParameters(oneThread, threads, "after two epochs");
    }

    /**
     * With the hidden units shared out, a batch is gathered during the step before it (BatchAhead)
     * when it is the next slice of the order, and used only for the very same examples: a batch
     * elsewhere in the order, or the guessed slice of an order changed in between, is gathered
     * afresh. The bits are one thread's either way.
     */
    @Test
    void theNextSliceIsGatheredAheadAndUsedOnlyForTheSameExamples() {
        Requirements.kernelThreads(2);
        Examples examples = new Examples(sparseImages(640, new Random(5)), labels(640, new Random(6)), 10);
        // Slices 1-4 after slice 0, and slice 9 after slice 8; not slice 7 (a jump) nor slice 8 (its order changed).
        assertEquals(IN_KIT ? 0 : 5, batchesGatheredAheadOnTheKernelThreads(examples, step -> stepThroughSlices(step, examples)),
                "batches gathered ahead on two threads");
    }

    /** A shorter last batch (600 = 9 × 64 + 24) is gathered ahead at its own size, in every epoch; the next epoch's first batch is not. */
    @Test
    void theShortLastSliceIsGatheredAheadAtItsOwnSize() {
        Requirements.kernelThreads(2);
        Examples examples = new Examples(sparseImages(600, new Random(7)), labels(600, new Random(8)), 10);
        assertEquals(IN_KIT ? 0 : 2 * 9, batchesGatheredAheadOnTheKernelThreads(examples, step -> epochsOfSlices(step, examples.size())),
                "all but each epoch's first batch");
    }

    /**
     * Runs {@code steps} (returning each batch's loss) on the kernel threads and on one thread, from
     * the same weights; checks that they give the same losses and weights, and that one thread
     * gathers nothing ahead; returns how many batches were gathered ahead on the kernel threads.
     */
    private static int batchesGatheredAheadOnTheKernelThreads(Examples examples, Function<TrainingStep, double[]> steps) {
        Network threads = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        Network oneThread = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        TrainingStep stepOnThreads = step(threads, examples);
        TrainingStep stepOnOne = step(oneThread, examples);
        double[] lossesOnThreads = steps.apply(stepOnThreads);
        double[] lossesOnOne = KernelSelection.singleThreaded(() -> steps.apply(stepOnOne));
        assertArrayEquals(lossesOnOne, lossesOnThreads, "the batches' losses");
        assertSameParameters(oneThread, threads, "after the steps");
        assertEquals(0, stepOnOne.batchesGatheredAhead(), "batches gathered ahead on one thread");
        return stepOnThreads.batchesGatheredAhead();
    }

    /** Two epochs, each over a new shuffle of the examples in batches of 64 and a last, shorter one. */
    private static double[] epochsOfSlices(TrainingStep step, int examples) {
        SplitMix64 random = new SplitMix64(13);
        int batches = (examples + 63) / 64;
        double[] losses = new double[2 * batches];
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = Shuffle.identity(examples);
            Shuffle.inPlace(order, random);
            step.startEpoch();
            try {
                for (int b = 0; b < batches; b++) {
                    losses[epoch * batches + b] = step.computeGradients(order, b * 64, Math.min(64, examples - b * 64));
                    step.update(LEARNING_RATE);
                }
            } finally {
                step.finishEpoch();
            }
        }
        return losses;
    }

    /**
     * Whole runs through the Trainer, with the options that change which rows a step takes: images
     * distorted after the gather, one example per update, batches drawn with replacement. On the
     * kernel threads, where batches are gathered ahead, every epoch's loss and the final weights
     * are one thread's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"augmented", "per-example", "with replacement"})
    void trainerRunsOnTheKernelThreadsTrainTheBitsOfOneThread(String option) {
        Requirements.kernelThreads(2);
        int size = option.equals("per-example") ? 150 : 600;
        Examples examples = new Examples(sparseImages(size, new Random(9)), labels(size, new Random(10)), 10);
        TrainingConfig.Builder config = TrainingConfig.builder().epochs(2).batchSize(64).learningRate(LEARNING_RATE);
        switch (option) {
            case "augmented" -> config.augmentation(Augmentation.parse("affine"));
            case "per-example" -> config.updates(UpdateGranularity.PER_EXAMPLE);
            default -> config.sampling(MinibatchSampling.WITH_REPLACEMENT);
        }
        Network threads = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        Network oneThread = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        History onThreads = new Trainer(config.build()).train(threads, examples, examples.subset(new int[0]), TrainingListener.SILENT);
        History onOne = KernelSelection.singleThreaded(() -> new Trainer(config.build()).train(oneThread, examples,
                examples.subset(new int[0]), TrainingListener.SILENT));
        for (int e = 0; e < 2; e++) {
            assertEquals(Double.doubleToLongBits(onOne.epochs().get(e).trainLoss()),
                    Double.doubleToLongBits(onThreads.epochs().get(e).trainLoss()), "epoch " + (e + 1) + "'s loss");
        }
        assertSameParameters(oneThread, threads, option);
    }

    /** One epoch of batches of 64: slices 0 to 4 of a shuffled order, slice 7, then slices 8 and 9 after two of slice 8's examples trade places. */
    private static double[] stepThroughSlices(TrainingStep step, Examples examples) {
        int[] order = Shuffle.identity(examples.size());
        Shuffle.inPlace(order, new SplitMix64(11));
        int[] slices = {0, 1, 2, 3, 4, 7, 8, 9};
        double[] losses = new double[slices.length];
        step.startEpoch();
        try {
            for (int b = 0; b < slices.length; b++) {
                if (slices[b] == 8) {
                    int t = order[8 * 64];
                    order[8 * 64] = order[8 * 64 + 5];
                    order[8 * 64 + 5] = t;
                }
                losses[b] = step.computeGradients(order, slices[b] * 64, 64);
                step.update(LEARNING_RATE);
            }
        } finally {
            step.finishEpoch();
        }
        return losses;
    }

    /**
     * An epoch that fails (the loss no longer a number) still gives W1 back to the network, which
     * then holds the W1 that one thread's run holds when it fails at the same step.
     */
    @Test
    void anEpochThatDivergesGivesW1BackFirst() {
        Requirements.kernelThreads(2);
        Examples examples = new Examples(sparseImages(640, new Random(5)), labels(640, new Random(6)), 10);
        Network threads = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        Network oneThread = Network.create(spec(256), Precision.FLOAT32, new Random(3));
        float[] initialW1 = threads.firstWeights().value().floats().clone();
        TrainingDivergedException onThreads = assertThrows(TrainingDivergedException.class, () -> trainToDivergence(threads, examples));
        TrainingDivergedException onOne = KernelSelection.singleThreaded(
                () -> assertThrows(TrainingDivergedException.class, () -> trainToDivergence(oneThread, examples)));
        assertEquals(onOne.getMessage(), onThreads.getMessage());
        assertFalse(java.util.Arrays.equals(initialW1, oneThread.firstWeights().value().floats()), "W1 moved before the loss ran away");
        assertSameParameters(oneThread, threads, "when the epoch failed");
    }

    private static void trainToDivergence(Network network, Examples examples) {
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(64).learningRate(1e30).build();
        new Trainer(config).train(network, examples, examples.subset(new int[0]), TrainingListener.SILENT);
    }

    @Test
    void onlyAPlainReluLayerOfAtLeastTwoPartsIsShared() {
        assertNotNull(HiddenUnitParts.forNetwork(Network.create(spec(2 * HiddenUnitParts.MIN_UNITS_PER_PART),
                Precision.FLOAT32, new Random(1))));
        assertNull(HiddenUnitParts.forNetwork(Network.create(spec(2 * HiddenUnitParts.MIN_UNITS_PER_PART - 1),
                Precision.FLOAT32, new Random(1))), "too narrow for two parts");
        assertNull(HiddenUnitParts.forNetwork(Network.create(spec(256), Precision.FLOAT64, new Random(1))), "float64");
        NetworkSpec sigmoid = new NetworkSpec(784, 256, 10, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.XAVIER, 0);
        assertNull(HiddenUnitParts.forNetwork(Network.create(sigmoid, Precision.FLOAT32, new Random(1))), "sigmoid");
        NetworkSpec dropout = new NetworkSpec(784, 256, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, 0, TargetEncoding.ZERO_ONE, SigmoidDerivative.AT_INPUT, 0.5, 0);
        assertNull(HiddenUnitParts.forNetwork(Network.create(dropout, Precision.FLOAT32, new Random(1))), "hidden dropout");
        NetworkSpec noHidden = new NetworkSpec(784, 0, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, 0);
        assertNull(HiddenUnitParts.forNetwork(Network.create(noHidden, Precision.FLOAT32, new Random(1))), "no hidden layer");
    }

    @Test
    void theSwitchTurnsTheSharingOffAndABadValueIsNamed() {
        Requirements.kernelThreads(2);
        Network network = Network.create(spec(256), Precision.FLOAT32, new Random(1));
        Examples examples = new Examples(sparseImages(128, new Random(2)), labels(128, new Random(3)), 10);
        TrainingStep on = withSwitch("true", () -> step(network, examples));
        int[] order = Shuffle.identity(examples.size());
        on.startEpoch();
        on.computeGradients(order, 0, 64);
        assertEquals(!IN_KIT, on.sharesHiddenUnits(), IN_KIT ? "a lab kit's plain SGD computes dW1" : "switch on");
        on.finishEpoch();
        assertFalse(on.sharesHiddenUnits(), "after the epoch");
        TrainingStep off = withSwitch("false", () -> step(network, examples));
        off.startEpoch();
        off.computeGradients(order, 0, 64);
        assertFalse(off.sharesHiddenUnits(), TrainingStep.HIDDEN_UNIT_PARTS_PROPERTY + "=false");
        off.finishEpoch();
        IllegalArgumentException bad = withSwitch("maybe", () -> assertThrows(IllegalArgumentException.class,
                () -> step(network, examples)));
        assertEquals("system property nnlab.hiddenUnitParts must be true or false, got 'maybe'", bad.getMessage());
    }

    @Test
    void holdingW1TwiceOrStepingWithoutItIsRefused() {
        HiddenUnitParts parts = HiddenUnitParts.forNetwork(Network.create(spec(256), Precision.FLOAT32, new Random(1)));
        IllegalStateException notHeld = assertThrows(IllegalStateException.class,
                () -> parts.lossAndGradientsExceptFirstWeights(Matrix.zeros(Precision.FLOAT32, 2, 784),
                        Matrix.zeros(Precision.FLOAT32, 2, 10)));
        assertEquals("the hidden units' parts do not hold W1: call takeW1 first", notHeld.getMessage());
        parts.takeW1(2);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> parts.takeW1(2));
        assertEquals("the hidden units' parts already hold W1", twice.getMessage());
    }

    /** Two epochs of steps over the examples in batches of 64, one batch of more than a chunk in between; returns each batch's loss. */
    private static double[] train(Network network, Examples examples, boolean expectShared) {
        TrainingStep step = step(network, examples);
        int[] order = Shuffle.identity(examples.size());
        int[] batches = {64, 64, BatchGradient.CHUNK_ROWS + 1, 64, 64};
        double[] losses = new double[2 * batches.length];
        int b = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            step.startEpoch();
            try {
                int from = 0;
                for (int size : batches) {
                    losses[b++] = step.computeGradients(order, from % (examples.size() - size), size);
                    boolean chunked = size > BatchGradient.CHUNK_ROWS;
                    assertEquals(expectShared && !chunked, step.sharesHiddenUnits(), "after a batch of " + size);
                    step.update(LEARNING_RATE);
                    from += size;
                }
            } finally {
                step.finishEpoch();
            }
        }
        return losses;
    }

    /** In a kit, plain SGD never leaves dW1 out, and only such steps share the hidden units out. */
    private static void assertNoStepSharesTheHiddenUnits() {
        Network network = Network.create(spec(256), Precision.FLOAT32, new Random(1));
        TrainingStep step = step(network, new Examples(sparseImages(64, new Random(2)), labels(64, new Random(3)), 10));
        assertFalse(step.stepsFirstWeightsDirectly(), "a lab kit's plain SGD computes dW1 with the student's backward pass");
    }

    /** Plain SGD on every parameter but W1, as TrainingStep's optimiser moves them. */
    private static void stepTheOthers(Network network) {
        List<Parameter> parameters = network.parameters();
        for (int i = 1; i < parameters.size(); i++) {
            MatrixOps.addScaled(-LEARNING_RATE, parameters.get(i).gradient(), parameters.get(i).value());
        }
    }

    private static void assertSameParameters(Network expected, Network actual, String what) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            assertArrayEquals(expected.parameters().get(i).value().floats(), actual.parameters().get(i).value().floats(),
                    what + ": " + expected.parameters().get(i).name());
        }
    }

    private static TrainingStep step(Network network, Examples examples) {
        TrainingConfig config = TrainingConfig.builder().batchSize(64).learningRate(LEARNING_RATE).build();
        return new TrainingStep(network, examples, config, config.optimizer().create());
    }

    private static NetworkSpec spec(int hidden) {
        return spec(hidden, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    }

    private static NetworkSpec spec(int hidden, OutputLoss output) {
        return new NetworkSpec(784, hidden, 10, Activation.RELU, output, Initialization.HE, 0);
    }

    /** Images that are 80% blank, as MNIST's are, so that X·W1 skips. */
    private static Matrix sparseImages(int count, Random random) {
        Matrix images = Matrix.zeros(Precision.FLOAT32, count, 784);
        for (int i = 0; i < images.size(); i++) {
            images.setFlat(i, random.nextDouble() < 0.8 ? 0 : random.nextFloat());
        }
        return images;
    }

    private static int[] labels(int count, Random random) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
        }
        return labels;
    }

    private static Matrix oneHot(int count, Random random) {
        Matrix targets = Matrix.zeros(Precision.FLOAT32, count, 10);
        for (int i = 0; i < count; i++) {
            targets.set(i, random.nextInt(10), 1);
        }
        return targets;
    }

    private static <T> T withSwitch(String value, Supplier<T> body) {
        String before = System.getProperty(TrainingStep.HIDDEN_UNIT_PARTS_PROPERTY);
        System.setProperty(TrainingStep.HIDDEN_UNIT_PARTS_PROPERTY, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(TrainingStep.HIDDEN_UNIT_PARTS_PROPERTY);
            } else {
                System.setProperty(TrainingStep.HIDDEN_UNIT_PARTS_PROPERTY, before);
            }
        }
    }
}
