package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.optimizers.OptimizerSettings;
import org.nnlab.preprocessing.Examples;
import org.nnlab.random.Shuffle;

/**
 * Plain SGD's step for W1 straight from X and dZ1 (TrainingStep's class comment) trains the same
 * weights, bit for bit, as computing dW1 and then stepping; it is taken only where nothing else
 * needs dW1, and the switch that turns it off is checked. In a student's lab kit the step is never
 * taken, which the same tests check there.
 */
class DirectFirstWeightStepTest {
    private static final int BATCH = 64;
    /** Whether these tests run in a student's lab kit, where plain SGD always computes dW1. */
    private static final boolean IN_KIT = TrainingStep.isLabKit();

    @Test
    void theDirectStepTrainsTheSameBitsAsDw1ThenTheStep() {
        // 784-512-10 as trained (W1's product wide enough to be packed, its blank pixels skipped),
        // a narrow hidden layer (the column-tile multiply), no hidden layer (W1 is the output
        // layer's), input dropout (X is the dropped-out batch), and a batch of one example.
        assertSameWeights("784-512-10", spec(512, 0), BATCH);
        assertSameWeights("784-16-10", spec(16, 0), BATCH);
        assertSameWeights("784-0-10", spec(0, 0), BATCH);
        assertSameWeights("784-64-10, input dropout 0.2", spec(64, 0.2), BATCH);
        assertSameWeights("784-64-10, batches of 1", spec(64, 0), 1);
    }

    /** A batch of more than BatchGradient.CHUNK_ROWS goes through in chunks, and computes dW1. */
    @Test
    void aChunkedBatchStepsThroughDw1AndTrainsTheSameBits() {
        int batch = BatchGradient.CHUNK_ROWS + 37;
        Examples examples = sparseExamples(batch + 11, new Random(5));
        Network direct = Network.create(spec(16, 0), Precision.FLOAT32, new Random(3));
        Network throughDw1 = Network.create(spec(16, 0), Precision.FLOAT32, new Random(3));
        TrainingStep directStep = withProperty("true", () -> step(direct, examples, TrainingConfig.builder(), false));
        TrainingStep dw1Step = withProperty("false", () -> step(throughDw1, examples, TrainingConfig.builder(), false));
        int[] order = Shuffle.identity(examples.size());
        for (int s = 0; s < 3; s++) {
            directStep.computeGradients(order, s, batch);
            dw1Step.computeGradients(order, s, batch);
            assertArrayEquals(throughDw1.firstWeights().gradient().floats(), direct.firstWeights().gradient().floats(),
                    "the chunked batch computed dW1");
            directStep.update(0.05);
            dw1Step.update(0.05);
        }
        for (int i = 0; i < direct.parameters().size(); i++) {
            assertArrayEquals(throughDw1.parameters().get(i).value().floats(), direct.parameters().get(i).value().floats(),
                    direct.parameters().get(i).name());
        }
    }

    /**
     * With the vector kernels and a wide W1 (784-512-10), the direct step writes no dW1 at all:
     * W1's gradient matrix keeps the values it had. (The scalar kernels compute the product into
     * that matrix, as their definition does.)
     */
    @Test
    void theDirectStepLeavesDw1AsItWas() {
        Network network = Network.create(spec(512, 0), Precision.FLOAT32, new Random(3));
        Examples examples = sparseExamples(2 * BATCH, new Random(9));
        TrainingStep step = withProperty("true", () -> step(network, examples, TrainingConfig.builder(), false));
        float[] dW1 = network.firstWeights().gradient().floats();
        java.util.Arrays.fill(dW1, 42f);
        float[] before = network.firstWeights().value().floats().clone();
        int[] order = Shuffle.identity(examples.size());
        step.computeGradients(order, 0, BATCH);
        step.update(0.05);
        assertFalse(java.util.Arrays.equals(before, network.firstWeights().value().floats()), "W1 moved");
        boolean untouched = true;
        for (float g : dW1) {
            untouched &= g == 42f;
        }
        boolean expectUntouched = !IN_KIT && MatrixOps.kernelDescription().startsWith("vector");
        assertEquals(expectUntouched, untouched, MatrixOps.kernelDescription() + (IN_KIT ? ", in a lab kit" : ""));
    }

    @Test
    void onlyPlainSgdWithNothingElseReadingDw1StepsDirectly() {
        Network network = Network.create(spec(16, 0), Precision.FLOAT32, new Random(1));
        Examples examples = sparseExamples(4 * BATCH, new Random(2));
        assertEquals(!IN_KIT, step(network, examples, TrainingConfig.builder(), false).stepsFirstWeightsDirectly(),
                IN_KIT ? "plain SGD in a lab kit computes dW1 with the student's backward pass" : "plain SGD");
        assertFalse(step(network, examples, TrainingConfig.builder(), true).stepsFirstWeightsDirectly(),
                "diagnostics report ‖dW1‖");
        assertFalse(step(network, examples, TrainingConfig.builder().optimizer(OptimizerSettings.Kind.MOMENTUM), false)
                .stepsFirstWeightsDirectly(), "momentum keeps a velocity of dW1");
        assertFalse(step(network, examples, TrainingConfig.builder().reduction(GradientReduction.SUM), false)
                .stepsFirstWeightsDirectly(), "the sum reduction scales dW1");
        Network withL2 = Network.create(new NetworkSpec(784, 16, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, 1e-4), Precision.FLOAT32, new Random(1));
        assertFalse(step(withL2, examples, TrainingConfig.builder(), false).stepsFirstWeightsDirectly(), "L2 adds λ·W1 to dW1");
        withProperty("false", () -> {
            assertFalse(step(network, examples, TrainingConfig.builder(), false).stepsFirstWeightsDirectly(),
                    TrainingStep.DIRECT_STEP_PROPERTY + "=false");
            return null;
        });
    }

    @Test
    void theKitIsRecognisedByTheManifestTheKitWrites() {
        assertEquals("src/main/resources" + TrainingStep.LAB_KIT_MANIFEST, org.nnlab.lab.LabKit.MANIFEST);
    }

    @Test
    void aBadSwitchValueIsNamed() {
        Network network = Network.create(spec(16, 0), Precision.FLOAT32, new Random(1));
        Examples examples = sparseExamples(BATCH, new Random(2));
        IllegalArgumentException e = withProperty("yes", () -> assertThrows(IllegalArgumentException.class,
                () -> step(network, examples, TrainingConfig.builder(), false)));
        assertEquals("system property nnlab.directStep must be true or false, got 'yes'", e.getMessage());
    }

    @Test
    void theLayerTheNetworkAndTheProductRefuseWhatWouldStepWrongly() {
        // tag::lab-remove-linear[]
        Linear linear = new Linear("W1", Matrix.zeros(Precision.FLOAT32, 3, 2), "b1", Matrix.zeros(Precision.FLOAT32, 1, 2));
        IllegalStateException noBackward = assertThrows(IllegalStateException.class, () -> linear.descendWeights(0.1));
        assertTrue(noBackward.getMessage().startsWith("descendWeights needs a backward pass first"), noBackward.getMessage());
        // end::lab-remove-linear[]

        Matrix c = Matrix.zeros(Precision.FLOAT32, 3, 2);
        IllegalArgumentException sameScratch = assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.addScaledProductTransposeA(-0.1, Matrix.zeros(Precision.FLOAT32, 4, 3),
                        Matrix.zeros(Precision.FLOAT32, 4, 2), c, c));
        assertEquals("addScaledProductTransposeA: scratch must be another matrix than C", sameScratch.getMessage());

        Network withL2 = Network.create(new NetworkSpec(4, 3, 2, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, 1e-3), Precision.FLOAT32, new Random(1));
        Matrix x = Matrix.zeros(Precision.FLOAT32, 2, 4);
        Matrix targets = Matrix.zeros(Precision.FLOAT32, 2, 2);
        IllegalStateException l2 = assertThrows(IllegalStateException.class,
                () -> withL2.lossAndGradientsExceptFirstWeights(x, targets));
        assertTrue(l2.getMessage().startsWith("W1's gradient cannot be left out with an L2 penalty (λ = 0.001)"), l2.getMessage());
    }

    /** Trains two copies of one network for 30 steps, directly and through dW1, and compares every parameter. */
    private static void assertSameWeights(String what, NetworkSpec spec, int batch) {
        Examples examples = sparseExamples(6 * BATCH, new Random(7));
        Network direct = Network.create(spec, Precision.FLOAT32, new Random(3));
        Network throughDw1 = Network.create(spec, Precision.FLOAT32, new Random(3));
        TrainingStep directStep = withProperty("true", () -> step(direct, examples, TrainingConfig.builder(), false));
        TrainingStep dw1Step = withProperty("false", () -> step(throughDw1, examples, TrainingConfig.builder(), false));
        assertEquals(!IN_KIT, directStep.stepsFirstWeightsDirectly(), what);
        assertFalse(dw1Step.stepsFirstWeightsDirectly(), what);
        direct.startTraining(new Random(11)::nextLong);
        throughDw1.startTraining(new Random(11)::nextLong);
        int[] order = Shuffle.identity(examples.size());
        for (int s = 0; s < 30; s++) {
            int from = (s * batch) % (examples.size() - batch + 1);
            assertEquals(dw1Step.computeGradients(order, from, batch), directStep.computeGradients(order, from, batch), what);
            directStep.update(0.05);
            dw1Step.update(0.05);
        }
        List<Parameter> expected = throughDw1.parameters();
        List<Parameter> actual = direct.parameters();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).value().floats(), actual.get(i).value().floats(),
                    what + ": " + expected.get(i).name());
        }
    }

    private static TrainingStep step(Network network, Examples examples, TrainingConfig.Builder options, boolean diagnosed) {
        TrainingConfig config = options.batchSize(BATCH).learningRate(0.05).build();
        return new TrainingStep(network, examples, config, config.optimizer().create(), null, diagnosed);
    }

    private static NetworkSpec spec(int hidden, double inputDropout) {
        return new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0,
                TargetEncoding.ZERO_ONE, SigmoidDerivative.AT_INPUT, 0, inputDropout);
    }

    /** Images that are 80% blank, as MNIST's are, so that W1's product skips. */
    private static Examples sparseExamples(int count, Random random) {
        Matrix inputs = Matrix.zeros(Precision.FLOAT32, count, 784);
        for (int i = 0; i < inputs.size(); i++) {
            inputs.setFlat(i, random.nextDouble() < 0.8 ? 0 : random.nextFloat());
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
        }
        return new Examples(inputs, labels, 10);
    }

    private static <T> T withProperty(String value, Supplier<T> body) {
        String before = System.getProperty(TrainingStep.DIRECT_STEP_PROPERTY);
        System.setProperty(TrainingStep.DIRECT_STEP_PROPERTY, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(TrainingStep.DIRECT_STEP_PROPERTY);
            } else {
                System.setProperty(TrainingStep.DIRECT_STEP_PROPERTY, before);
            }
        }
    }
}
