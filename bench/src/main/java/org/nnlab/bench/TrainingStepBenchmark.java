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
 * forward, loss, backward, SGD update. Scalar against vector kernels, on one thread. Score:
 * microseconds per step.
 *
 * <p>Run it with {@code -prof gc}: {@code gc.alloc.rate.norm} should be about 0 B/op, since a step
 * at a fixed batch size allocates nothing once compiled. That figure counts every thread of the
 * fork, JMH's own included, which allocate a few kilobytes per second whatever the benchmark does;
 * with steps of milliseconds that alone makes tens of bytes per step. So the benchmark also counts
 * the bytes its own thread allocates during each iteration (ThreadMXBean, in the iteration's setup
 * and teardown, which JMH runs on that thread) and prints those of the last measured iteration at
 * the end of the fork: "nnlab step: ... bytes per step".
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

    @Setup
    public void setUp() {
        TrainingSetup.useKernels(kernels, 1);
        Network network = TrainingSetup.newNetwork(1);
        Examples examples = TrainingSetup.randomExamples(BATCHES * TrainingSetup.BATCH, 2);
        TrainingConfig config = TrainingConfig.builder().batchSize(TrainingSetup.BATCH).learningRate(LEARNING_RATE).build();
        step = new TrainingStep(network, examples, config, config.optimizer().create());
        order = Shuffle.identity(examples.size());
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        steps = 0;
        bytesBefore = threadBean.getCurrentThreadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void stopCounting() {
        bytesPerStep = (double) (threadBean.getCurrentThreadAllocatedBytes() - bytesBefore) / steps;
        stepsInIteration = steps;
    }

    @TearDown(Level.Trial)
    public void printAllocation() {
        System.out.printf("nnlab step: %s kernels, last iteration: %.2f bytes per step allocated by the benchmark"
                + " thread over %d steps%n", kernels, bytesPerStep, stepsInIteration);
    }

    @Benchmark
    public void step(Blackhole blackhole) {
        steps++;
        int from = batch * TrainingSetup.BATCH;
        batch = (batch + 1) % BATCHES;
        blackhole.consume(step.computeGradients(order, from, TrainingSetup.BATCH));
        step.update(LEARNING_RATE);
    }
}
