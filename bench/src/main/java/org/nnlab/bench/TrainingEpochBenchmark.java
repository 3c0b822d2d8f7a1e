package org.nnlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.training.History;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingListener;
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

/**
 * One epoch of training, as {@code nnlab train} runs it, over the 60,000 training images of MNIST
 * ({@code data/mnist} under the current directory, or {@code $NNLAB_DATA/mnist}; fetched if
 * missing): 784-512-10, ReLU, softmax cross-entropy, float32, plain SGD with learning rate 0.5,
 * minibatches of 64 in a shuffled order (937 of 64 and one of 32), no validation. The vector
 * kernels on 1 and 2 threads, skipping the zeros of the images in the matrix multiply or not
 * ({@code sparse}). Score: milliseconds per epoch, one epoch per iteration. {@code -p
 * dataset=fashion-mnist} trains on Fashion-MNIST instead (whose images are less blank), to see
 * what skipping saves there.
 *
 * <p>Every iteration starts from the same initial weights and the same seed, so each does the same
 * work; bench/numpy_epoch.py does the same epoch in numpy. The mean training loss of the epoch is
 * printed at the end of each fork ("nnlab epoch: ..."), for comparison with numpy's: the two should
 * be in the same range, and it must be the same for 1 and 2 threads (the kernels give the same bits
 * for any thread count).
 *
 * <p>Eight epochs of warm-up: the methods called once per step (the layers' forward and backward,
 * the optimizer's update, the step itself) are called 938 times an epoch and reach C2 only after
 * several epochs. Counted per epoch on the Xeon of session 17 (JDK 17 and 25, one thread), the JIT
 * still compiled for 8–101 ms in each of epochs 3 to 7, which the process's CPU time (bench/run's
 * basis for one thread) counted, and less than 2 ms an epoch from epoch 7 on. Seven of them run in
 * the trial's set-up, not as JMH warm-up iterations, so that {@code -wi} (1 under {@code bench/run
 * --quick}) cannot cut them short: on an AMD EPYC (family 26, session 19, JDK 17, two threads) the
 * second epoch of a JVM took 1.2–1.3 times as long as the settled ones. Each starts from the
 * initial weights, as a measured epoch does. The set-up's CPU time is counted in the first JMH
 * warm-up iteration ({@code CpuTimeProfiler} starts before the set-up runs), so keep {@code -wi} at
 * 1 or more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class TrainingEpochBenchmark {
    private static final double LEARNING_RATE = 0.5;
    /** Epochs trained in the trial's set-up, before JMH's own warm-up iterations (see the class comment). */
    private static final int SET_UP_EPOCHS = 7;

    @Param({"1", "2"})
    public int threads;

    @Param({"true", "false"})
    public boolean sparse;

    @Param({"mnist"})
    public String dataset;

    private Examples train;
    private Examples noValidation;
    private Network network;
    private List<Matrix> initialWeights;
    private Trainer trainer;
    private double loss = Double.NaN;

    @Setup(Level.Trial)
    public void setUp() {
        TrainingSetup.useKernels("vector", threads, sparse);
        train = Examples.from(DatasetLoader.standard(Dataset.parse(dataset)).load().train(), InputScaling.UNIT);
        noValidation = train.subset(new int[0]);
        network = TrainingSetup.newNetwork(1);
        initialWeights = network.parameters().stream().map(p -> p.value().copy()).toList();
        trainer = new Trainer(TrainingConfig.sgd(1, TrainingSetup.BATCH, LEARNING_RATE, 1.0, 1));
        for (int e = 0; e < SET_UP_EPOCHS; e++) {
            resetWeights();
            trainer.train(network, train, noValidation, TrainingListener.SILENT);
        }
    }

    @Setup(Level.Iteration)
    public void resetWeights() {
        for (int i = 0; i < initialWeights.size(); i++) {
            network.parameters().get(i).value().copyFrom(initialWeights.get(i));
        }
    }

    @Benchmark
    public History epoch() {
        History history = trainer.train(network, train, noValidation, TrainingListener.SILENT);
        loss = history.last().trainLoss();
        return history;
    }

    @TearDown(Level.Trial)
    public void printLoss() {
        System.out.printf("nnlab epoch: %s, %d training images, %d thread(s), %s, mean training loss %.4f%n",
                dataset, train.size(), threads, MatrixOps.kernelDescription(), loss);
    }
}
