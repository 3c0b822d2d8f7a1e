package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.optimizers.OptimizerSettings;
import org.nnlab.preprocessing.Examples;
import org.nnlab.random.Shuffle;
import org.nnlab.testing.Requirements;

/**
 * A training step at a fixed batch size allocates nothing once the JIT has compiled it: every
 * matrix it writes is a buffer kept from the step before. This counts bytes allocated by this
 * thread (ThreadMXBean), it does not time anything.
 *
 * <p>Right after start-up a step does allocate (buffers on the first step, then objects that the
 * JIT's escape analysis removes only once it has compiled the step), so rounds of steps run until
 * one allocates less than {@value #MOST_BYTES_PER_STEP} bytes per step on average, within a
 * generous deadline. Every Java object takes at least 16 bytes, so a step that creates even one
 * object each time (an iterator, a boxed number, a lambda, a result record) never gets there and
 * fails the test.
 *
 * <p>Escape analysis can remove an object only where the JIT inlines every call that touches it,
 * and a call site that has seen several classes (several layers, losses, optimisers) is inlined
 * less. A test that trained only this network would let the JIT see one class everywhere and
 * could pass where the real program allocates; so other networks train first, as other code in
 * the same program would.
 *
 * <p>The hidden layer has 16 units so that no multiply is large enough to be shared out over
 * threads (see FloatMatmul's PARALLEL_MIN_FLOPS): the claim is about the single-threaded step.
 * One test trains 784-128-10 in an epoch that shares the hidden units out among the kernel
 * threads (HiddenUnitParts) and counts the bytes of the calling thread and of the kernels' workers,
 * which run the parts and gather the next batch (BatchAhead).
 * bench/'s TrainingStepBenchmark measures the full 784-512-10 step with JMH's -prof gc.
 */
class TrainingStepAllocationTest {
    private static final double MOST_BYTES_PER_STEP = 16;
    private static final int STEPS_PER_ROUND = 200;
    private static final long DEADLINE_NANOS = 60_000_000_000L;
    private static final int BATCH = 64;
    /** Whether this JVM has run {@link #trainOtherNetworks} (once is enough: the JIT keeps what it saw). */
    private static boolean othersTrained;

    @Test
    void aStepOfMinibatchSgdAllocatesNothingOnceCompiled() {
        assertAStepAllocatesNothing(TrainingConfig.builder(), 0);
    }

    /**
     * The same with every option that changes what a step computes: the other optimisers (their
     * state is looked up per parameter on every step), gradients summed instead of averaged (report
     * 000), the weight shrink after the update (reports 000 and 003) and an L2 penalty in the loss.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("trainingOptions")
    void aStepAllocatesNothingOnceCompiledWhateverTheOptions(String option, TrainingConfig.Builder config, double l2) {
        assertAStepAllocatesNothing(config, l2);
    }

    static Stream<Arguments> trainingOptions() {
        return Stream.of(
                Arguments.of("momentum", TrainingConfig.builder().optimizer(OptimizerSettings.Kind.MOMENTUM), 0.0),
                Arguments.of("Nesterov momentum", TrainingConfig.builder().optimizer(OptimizerSettings.Kind.NESTEROV), 0.0),
                Arguments.of("Adam", TrainingConfig.builder().optimizer(OptimizerSettings.Kind.ADAM), 0.0),
                Arguments.of("--gradient sum", TrainingConfig.builder().reduction(GradientReduction.SUM), 0.0),
                Arguments.of("--weight-shrink", TrainingConfig.builder().weightShrink(new WeightShrink(1e-4)), 0.0),
                Arguments.of("--l2", TrainingConfig.builder(), 1e-4));
    }

    /**
     * A step of an epoch that shares the hidden units out among the kernel threads
     * (HiddenUnitParts), at 784-128-10: the calling thread allocates nothing either.
     */
    @Test
    void aStepWithTheHiddenUnitsSharedOutAllocatesNothingOnceCompiled() {
        Requirements.kernelThreads(2);
        TrainingStep step = assertAStepAllocatesNothing(TrainingConfig.builder(), 0, 2 * HiddenUnitParts.MIN_UNITS_PER_PART, true);
        assertEquals(!TrainingStep.isLabKit(), step.sharesHiddenUnits(), "the steps shared the hidden units out");
        step.finishEpoch();
    }

    private static void assertAStepAllocatesNothing(TrainingConfig.Builder options, double l2) {
        assertAStepAllocatesNothing(options, l2, 16, false);
    }

    /** Trains until a step allocates nothing, or fails after the deadline; returns the step (its epoch still open when {@code inAnEpoch}). */
    private static TrainingStep assertAStepAllocatesNothing(TrainingConfig.Builder options, double l2, int hidden,
                                                            boolean inAnEpoch) {
        trainOtherNetworks();
        NetworkSpec spec = new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, l2);
        Network network = Network.create(spec, Precision.FLOAT32, new Random(1));
        Examples examples = randomExamples(10 * BATCH, 784, 10, new Random(2));
        TrainingConfig config = options.batchSize(BATCH).learningRate(0.01).build();
        TrainingStep step = new TrainingStep(network, examples, config, config.optimizer().create());
        int[] order = Shuffle.identity(examples.size());
        if (inAnEpoch) {
            step.startEpoch();
        }

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        double bytesPerStep = Double.POSITIVE_INFINITY;
        int rounds = 0;
        while (bytesPerStep >= MOST_BYTES_PER_STEP && System.nanoTime() < deadline) {
            long[] workers = inAnEpoch ? kernelWorkers() : new long[0];
            long before = allocatedBytes(threads, workers);
            for (int s = 0; s < STEPS_PER_ROUND; s++) {
                int from = (s % 10) * BATCH;
                step.computeGradients(order, from, BATCH);
                step.update(0.01);
            }
            bytesPerStep = (double) (allocatedBytes(threads, workers) - before) / STEPS_PER_ROUND;
            rounds++;
        }
        double last = bytesPerStep;
        int tried = rounds * STEPS_PER_ROUND;
        assertTrue(last < MOST_BYTES_PER_STEP,
                () -> "a training step still allocates " + last + " bytes on average after " + tried + " steps");
        return step;
    }

    /** The ids of the kernels' worker threads that have started (WorkerPool names them). */
    private static long[] kernelWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("nnlab-kernels-worker-"))
                .mapToLong(Thread::getId)
                .toArray();
    }

    /** The bytes this thread and the given threads have allocated so far. */
    private static long allocatedBytes(com.sun.management.ThreadMXBean threads, long[] others) {
        long bytes = threads.getCurrentThreadAllocatedBytes();
        for (long b : threads.getThreadAllocatedBytes(others)) {
            bytes += Math.max(b, 0); // -1: the thread has ended
        }
        return bytes;
    }

    /** A few steps of networks with other activations, outputs and optimisers than the one measured. */
    private static void trainOtherNetworks() {
        if (othersTrained) {
            return;
        }
        othersTrained = true;
        Examples examples = randomExamples(4 * BATCH, 784, 10, new Random(3));
        int[] order = Shuffle.identity(examples.size());
        NetworkSpec[] specs = {
            new NetworkSpec(784, 8, 10, Activation.SIGMOID, OutputLoss.SIGMOID_MSE, Initialization.XAVIER, 1e-4),
            new NetworkSpec(784, 8, 10, Activation.TANH, OutputLoss.SOFTMAX_MSE, Initialization.XAVIER, 0),
            new NetworkSpec(784, 0, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0),
        };
        OptimizerSettings[] optimizers = {OptimizerSettings.SGD, OptimizerSettings.of(OptimizerSettings.Kind.ADAM),
            OptimizerSettings.of(OptimizerSettings.Kind.MOMENTUM)};
        for (int i = 0; i < specs.length; i++) {
            Network network = Network.create(specs[i], Precision.FLOAT32, new Random(i));
            TrainingConfig config = TrainingConfig.builder().batchSize(BATCH).optimizer(optimizers[i]).build();
            TrainingStep step = new TrainingStep(network, examples, config, config.optimizer().create());
            for (int s = 0; s < 2000; s++) {
                step.computeGradients(order, (s % 4) * BATCH, BATCH);
                step.update(1e-3);
            }
        }
    }

    private static Examples randomExamples(int count, int features, int classes, Random random) {
        Matrix inputs = Matrix.zeros(Precision.FLOAT32, count, features);
        for (int i = 0; i < inputs.size(); i++) {
            inputs.setFlat(i, random.nextFloat());
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new Examples(inputs, labels, classes);
    }
}
