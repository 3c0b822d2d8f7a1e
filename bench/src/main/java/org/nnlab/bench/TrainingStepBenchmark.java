package org.nnlab.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.random.Shuffle;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingStep;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One training step of the 784-512-10 network (ReLU, softmax cross-entropy, float32) on a
 * minibatch of 64, exactly as the trainer takes it ({@link TrainingStep}): gather the batch,
 * forward, loss, backward, SGD update. Scalar against vector kernels, on one thread (where the
 * trainer's epochs run the network whole too: the hidden units are shared out in parts only on
 * several threads, TrainingStep.startEpoch). Score: microseconds per step.
 *
 * <p>Run it with {@code -prof gc}: {@code gc.alloc.rate.norm} should be about 0 B/op, since a step
 * at a fixed batch size allocates nothing once compiled. That figure counts every thread of the
 * fork, JMH's own included, which allocate a few kilobytes per second whatever the benchmark does;
 * with steps of milliseconds that alone makes tens of bytes per step. So the benchmark also counts
 * the bytes its own thread allocates during each iteration (ThreadMXBean, in the iteration's setup
 * and teardown, which JMH runs on that thread) and prints those of the last measured iteration at
 * the end of the fork: "nnlab step: ... bytes per step", with how many of those steps allocated
 * anything and the most one of them did: a step that allocates every time shows in every step, a
 * one-off in one.
 *
 * <p><b>Why the scalar step first trains a small network.</b> Before HotSpot's C2 compiles its
 * first method of a class, the thread that asked for the compilation resolves every string
 * constant of that class (CompileBroker::compile_method, resolve_string_constants): the error
 * messages of cold branches, never run, become String objects then, on that thread, once per class
 * and JVM. The vector step reaches those first compilations within JMH's warm-up (about 7,000
 * steps). The scalar step, 25–35 ms each, runs 170–240 steps in the same warm-up, and its classes
 * reach C2 one by one over minutes: MatrixOps at about step 320 (704 bytes), Examples at about 770
 * (416 bytes), inside the measured iterations (bench/README.adoc, session 15). So the scalar fork
 * first trains a 784-16-10 network for {@value #SCALAR_PREWARM_STEPS} steps, through the same
 * TrainingStep and kernels, about 7 s, after which every class of the step has been compiled by C2;
 * a step that allocates on every call would still show, as it would in any fork.
 *
 * <p>The inputs are random pixels (a step's cost does not depend on them), 16 batches' worth,
 * trained in turn.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class TrainingStepBenchmark {
    private static final int BATCHES = 16;
    private static final double LEARNING_RATE = 0.01;
    /** Steps of the small network that the scalar fork trains before JMH's warm-up (see the class comment). */
    static final int SCALAR_PREWARM_STEPS = 8_000;

    @Param({"scalar", "vector"})
    public String kernels;

    private final com.sun.management.ThreadMXBean threadBean =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private TrainingStep step;
    private int[] order;
    private int batch;
    private long steps;
    private long bytesBefore;
    private double bytesPerStep = Double.NaN;
    private long stepsInIteration;
    private long allocatingSteps;
    private long mostBytesInAStep;
    private long allocatingStepsInIteration;
    private long mostBytesInIteration;

    @Setup
    public void setUp() {
        TrainingSetup.useKernels(kernels, 1);
        if (kernels.equals("scalar")) {
            trainSmallNetwork();
        }
        Network network = TrainingSetup.newNetwork(1);
        Examples examples = TrainingSetup.randomExamples(BATCHES * TrainingSetup.BATCH, 2);
        TrainingConfig config = TrainingConfig.builder().batchSize(TrainingSetup.BATCH).learningRate(LEARNING_RATE).build();
        step = new TrainingStep(network, examples, config, config.optimizer().create());
        order = Shuffle.identity(examples.size());
    }

    /** The scalar fork's first steps, on a 784-16-10 network of its own (see the class comment). */
    private static void trainSmallNetwork() {
        Network small = TrainingSetup.newNetwork(3, 16);
        Examples examples = TrainingSetup.randomExamples(4 * TrainingSetup.BATCH, 4);
        TrainingConfig config = TrainingConfig.builder().batchSize(TrainingSetup.BATCH).learningRate(LEARNING_RATE).build();
        TrainingStep smallStep = new TrainingStep(small, examples, config, config.optimizer().create());
        int[] order = Shuffle.identity(examples.size());
        for (int s = 0; s < SCALAR_PREWARM_STEPS; s++) {
            smallStep.computeGradients(order, s % 4 * TrainingSetup.BATCH, TrainingSetup.BATCH);
            smallStep.update(LEARNING_RATE);
        }
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        steps = 0;
        allocatingSteps = 0;
        mostBytesInAStep = 0;
        bytesBefore = threadBean.getCurrentThreadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void stopCounting() {
        bytesPerStep = (double) (threadBean.getCurrentThreadAllocatedBytes() - bytesBefore) / steps;
        stepsInIteration = steps;
        allocatingStepsInIteration = allocatingSteps;
        mostBytesInIteration = mostBytesInAStep;
    }

    @TearDown(Level.Trial)
    public void printAllocation() {
        System.out.printf("nnlab step: %s kernels, last iteration: %.2f bytes per step allocated by the benchmark"
                + " thread over %d steps; %d of them allocated, at most %d bytes%n", kernels, bytesPerStep,
                stepsInIteration, allocatingStepsInIteration, mostBytesInIteration);
    }

    @Benchmark
    public void step(Blackhole blackhole) {
        // Reading the counter costs well under a microsecond, against 0.5–35 ms for the step.
        long before = threadBean.getCurrentThreadAllocatedBytes();
        steps++;
        int from = batch * TrainingSetup.BATCH;
        batch = (batch + 1) % BATCHES;
        blackhole.consume(step.computeGradients(order, from, TrainingSetup.BATCH));
        step.update(LEARNING_RATE);
        long bytes = threadBean.getCurrentThreadAllocatedBytes() - before;
        if (bytes > 0) {
            allocatingSteps++;
            mostBytesInAStep = Math.max(mostBytesInAStep, bytes);
        }
    }
}
