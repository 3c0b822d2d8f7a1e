package org.nnlab.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingListener;

/**
 * nnlab's side of {@code bench/in_turn.py}: a JVM that trains one epoch each time it is asked, so
 * that the driver can run it in turn with numpy's epoch (numpy_epoch.py --worker) and with other
 * builds of nnlab, each round in a new random order.
 *
 * <p>Why. On a shared virtual machine the speed of a core can change by half from one minute to the
 * next (the AMD EPYC of session 26: the same epoch 1.06 s, then 1.72 s two rounds later). JMH runs
 * nnlab's epochs in forks of their own and bench/run numpy's before and after them, minutes
 * apart, so a ratio of the two mixes the machine's states. Workers that stay up, each asked for
 * one epoch per round, put both sides of a ratio in the same minute. (Each JVM is still a draw of
 * its own: the driver starts its workers again every few rounds; see bench/in_turn.py.)
 *
 * <p>The protocol, one line each way: the worker prints {@code ready <the kernels>}; then for every
 * line it reads it trains one epoch (TrainingEpochBenchmark's: MNIST, 784-512-10, batches of 64,
 * learning rate 0.5, the same initial weights and order each time) and prints
 * {@code <wall seconds> <CPU seconds> <mean training loss>}, the CPU time being the whole process's,
 * as numpy's worker reports its own, the loss in full ({@link Double#toString}): every epoch must
 * end at the same loss, to the bit.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.nnlab.bench.EpochWorker skip|dense [threads]
 * </pre>
 */
public final class EpochWorker {
    private static final double LEARNING_RATE = 0.5;

    private final Network network;
    private final List<Matrix> initialWeights;
    private final Trainer trainer;
    private final Examples train;
    private final Examples noValidation;

    EpochWorker(Network network, Examples train) {
        this.network = network;
        this.initialWeights = network.parameters().stream().map(p -> p.value().copy()).toList();
        this.trainer = new Trainer(TrainingConfig.sgd(1, TrainingSetup.BATCH, LEARNING_RATE, 1.0, 1));
        this.train = train;
        this.noValidation = train.subset(new int[0]);
    }

    public static void main(String[] args) throws IOException {
        if (!validArguments(args)) {
            System.err.println("usage: EpochWorker skip|dense [threads]: zero-skipping on or off; threads a whole"
                    + " number from 1 (the default) to 999, got '" + String.join(" ", args) + "'");
            System.exit(2);
        }
        int threads = args.length == 2 ? Integer.parseInt(args[1]) : 1;
        TrainingSetup.useKernels("vector", threads, args[0].equals("skip"));
        Examples train = Examples.from(DatasetLoader.standard(Dataset.MNIST).load().train(), InputScaling.UNIT);
        EpochWorker worker = new EpochWorker(TrainingSetup.newNetwork(1), train);
        worker.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                MatrixOps.kernelDescription());
    }

    /** skip or dense, then optionally a thread count from 1 to 999. */
    static boolean validArguments(String[] args) {
        return args.length >= 1 && args.length <= 2 && (args[0].equals("skip") || args[0].equals("dense"))
                && (args.length == 1 || args[1].matches("[1-9][0-9]{0,2}"));
    }

    /** Answers every line of {@code in} with one epoch's times and loss, until {@code in} ends. */
    void serve(BufferedReader in, PrintStream out, String kernels) throws IOException {
        out.println("ready " + kernels);
        out.flush();
        while (in.readLine() != null) {
            out.println(epoch());
            out.flush();
        }
    }

    /** One epoch from the initial weights: "wall CPU loss". */
    String epoch() {
        for (int i = 0; i < initialWeights.size(); i++) {
            network.parameters().get(i).value().copyFrom(initialWeights.get(i));
        }
        long cpu = processCpuNanos();
        long wall = System.nanoTime();
        double loss = trainer.train(network, train, noValidation, TrainingListener.SILENT).last().trainLoss();
        return String.format(Locale.ROOT, "%.4f %.4f %s", (System.nanoTime() - wall) / 1e9,
                (processCpuNanos() - cpu) / 1e9, Double.toString(loss));
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
