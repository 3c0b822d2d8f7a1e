package org.nnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.kernels.KernelSelection;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingListener;

/**
 * Training epochs on one thread and on several, in turn, in one JVM: the two-thread speed-up of
 * {@link TrainingEpochBenchmark}'s epoch (MNIST, 784-512-10, batches of 64, the vector kernels),
 * measured so that a change in the machine's speed hits both alike.
 *
 * <p>Why not JMH alone. JMH runs the one-thread and the two-thread epochs in forks of their own,
 * minutes apart. On the AMD EPYC of session 20 (a 2-vCPU virtual machine), one JVM's one-thread
 * epochs moved between about 0.46 and 0.60 s and back within a minute, and the two-thread speed-up
 * of one build was 1.5–1.65 in some periods and 0.74–0.98 in most: a ratio of two forks measured
 * minutes apart mixes those states. Here each pair runs one epoch on the calling
 * thread alone ({@link KernelSelection#singleThreaded}) and one on all threads, in alternating order,
 * from the same initial weights; the result is the median of the pairs' ratios. Run it in several
 * JVMs (bench/run does) to see how much the JVMs differ.
 *
 * <p>Before each pair it also times how long a cache line takes to go from one thread to another
 * and back ({@link CacheLineRoundTrip}), so that a result names the state of the machine it was
 * taken in: on that machine the round trip took about 440–570 ns in most of the session, when two
 * threads slowed the epoch, and 175 ns in two measurements near the period in which they sped it
 * up 1.46–1.65 times (probably the host placing its two vCPUs nearer; bench/README.adoc).
 *
 * <p><b>The machine's ceiling.</b> After each pair, unless {@code --no-twins}, it trains as many
 * one-thread epochs at once as the run has threads, each on a network and a thread of its own, the
 * training set shared (read only). Nothing passes between those threads, so their time says what
 * the machine itself gives two busy threads: if two such epochs at once take 1.2 times as long as
 * one alone, two threads sharing one epoch can expect at most about 2 / 1.2 = 1.67 times its
 * speed. About, not exactly: a pair can beat it now and then, by noise, or because two threads
 * sharing one epoch each hold only half of W1 in their caches (HiddenUnitParts), where a lone epoch
 * holds all of it. The report gives that ceiling (threads × the pair's one-thread time ÷ the twins'
 * time) beside the speed-up, so that a missed speed-up can be told apart from a machine that does
 * not allow it, and the share of it the threads reached: the speed-up over the ceiling, which is
 * the twins' time over threads × the all-threads time, the one-thread time cancelling. On the
 * 2-vCPU AMD EPYC of session 24 a lone thread sometimes ran 1.2–1.45 times as fast as each of two
 * busy ones (the host's doing, probably), which moved the speed-up and the ceiling together; the
 * share's median hardly moved (bench/README.adoc, session 24).
 *
 * <p>All epochs of a pair, and the twins, must end with the same training loss, to the bit: the
 * kernels give the same numbers for any thread count. If they do not, the run fails.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.nnlab.bench.ThreadsSideBySide \
 *     [--pairs 12] [--warm-up 4] [--threads 2] [--dense] [--no-twins]
 * </pre>
 */
public final class ThreadsSideBySide {
    private static final double LEARNING_RATE = 0.5;

    private ThreadsSideBySide() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ThreadsSideBySide: " + e.getMessage());
            System.exit(2);
            return;
        }
        TrainingSetup.useKernels("vector", options.threads(), !options.dense());
        Examples train = Examples.from(DatasetLoader.standard(Dataset.MNIST).load().train(), InputScaling.UNIT);
        Pairs pairs = new Pairs(options);
        Epochs epochs = new Epochs(train);
        try (Twins twins = options.twins() ? new Twins(train, options.threads()) : null) {
            runPairs(options, epochs, twins, pairs);
        }
        System.out.print(pairs.report(MatrixOps.kernelDescription()));
    }

    /** The warm-up pairs, then the measured ones, each followed by the twins when there are any. */
    private static void runPairs(Options options, Epochs epochs, Twins twins, Pairs pairs) {
        for (int pair = -options.warmUp(); pair < options.pairs(); pair++) {
            double roundTrip = CacheLineRoundTrip.nanos();
            double[] seconds = new double[2];
            double[] losses = new double[2];
            for (int turn = 0; turn < 2; turn++) {
                boolean oneThread = turn == 0 ? oneThreadFirst(pair) : !oneThreadFirst(pair);
                int slot = oneThread ? 0 : 1;
                long start = System.nanoTime();
                losses[slot] = oneThread ? KernelSelection.singleThreaded(epochs::train) : epochs.train();
                seconds[slot] = (System.nanoTime() - start) / 1e9;
            }
            requireSameLoss(losses[0], losses[1], options.threads() + " threads",
                    "the kernels must give the same bits for any thread count");
            double twinSeconds = twins == null ? Double.NaN : timeTwins(twins, losses[0], options.threads());
            if (pair >= 0) {
                pairs.record(pair, seconds[0], seconds[1], twinSeconds, roundTrip);
                String twinsText = twins == null ? "" : String.format(Locale.ROOT,
                        "; %d one-thread epochs at once %.3f s, ceiling %.2f×, share %.2f", options.threads(), twinSeconds,
                        options.threads() * seconds[0] / twinSeconds, twinSeconds / (options.threads() * seconds[1]));
                System.out.printf(Locale.ROOT, "pair %d: 1 thread %.3f s, %d threads %.3f s, speed-up %.2f×%s; a cache line's"
                        + " round trip between two threads before it: %.0f ns%n", pair, seconds[0], options.threads(), seconds[1],
                        seconds[0] / seconds[1], twinsText, roundTrip);
            }
        }
    }

    /** Trains the twins' epochs at once and returns how long they took; exits with a message if one fails or differs. */
    private static double timeTwins(Twins twins, double oneThreadLoss, int threads) {
        long start = System.nanoTime();
        double[] twinLosses;
        try {
            twinLosses = twins.train();
        } catch (IllegalStateException e) {
            System.err.println("ThreadsSideBySide: " + e.getMessage() + ": " + e.getCause());
            System.exit(1);
            return Double.NaN;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (double twinLoss : twinLosses) {
            requireSameLoss(oneThreadLoss, twinLoss, threads + " one-thread epochs at once",
                    "epochs on networks of their own must share no state that training writes");
        }
        return seconds;
    }

    /**
     * Exits with a message unless {@code loss}, of the epoch(s) on {@code what}, is the one-thread
     * epoch's to the bit; {@code rule} says what a difference breaks.
     */
    private static void requireSameLoss(double oneThreadLoss, double loss, String what, String rule) {
        if (Double.doubleToLongBits(oneThreadLoss) != Double.doubleToLongBits(loss)) {
            System.err.printf(Locale.ROOT, "ThreadsSideBySide: the epoch on 1 thread ended with loss %s, on %s"
                    + " with %s: %s%n", oneThreadLoss, what, loss, rule);
            System.exit(1);
        }
    }

    /**
     * Whether pair {@code pair} (negative: warm-up) trains its one-thread epoch first. The order
     * alternates, so that neither kind of epoch always runs on caches the other has just warmed.
     */
    static boolean oneThreadFirst(int pair) {
        return Math.floorMod(pair, 2) == 0;
    }

    /** The benchmark's epoch, each from the same initial weights. */
    private static final class Epochs {
        private final Examples train;
        private final Examples noValidation;
        private final Network network;
        private final List<Matrix> initialWeights;
        private final Trainer trainer;

        Epochs(Examples train) {
            this.train = train;
            this.noValidation = train.subset(new int[0]);
            this.network = TrainingSetup.newNetwork(1);
            this.initialWeights = network.parameters().stream().map(p -> p.value().copy()).toList();
            // One epoch, batches of 64, no learning-rate decay, shuffled with seed 1: TrainingEpochBenchmark's.
            this.trainer = new Trainer(TrainingConfig.sgd(1, TrainingSetup.BATCH, LEARNING_RATE, 1.0, 1));
        }

        /**
         * Trains one epoch from the initial weights and returns its mean training loss (boxed:
         * KernelSelection.singleThreaded takes a Supplier).
         */
        Double train() {
            for (int i = 0; i < initialWeights.size(); i++) {
                network.parameters().get(i).value().copyFrom(initialWeights.get(i));
            }
            return trainer.train(network, train, noValidation, TrainingListener.SILENT).last().trainLoss();
        }
    }

    /**
     * One-thread epochs at once, each on a network of its own and on a thread of its own (see the
     * class comment): every one of them runs its kernels on its thread alone, so the threads share
     * only the training set, which nothing writes.
     */
    private static final class Twins implements AutoCloseable {
        private final List<Epochs> epochs = new ArrayList<>();
        private final ExecutorService threads;

        Twins(Examples train, int count) {
            for (int i = 0; i < count; i++) {
                epochs.add(new Epochs(train));
            }
            threads = Executors.newFixedThreadPool(count, work -> {
                Thread thread = new Thread(work, "nnlab-twin-epoch");
                thread.setDaemon(true);
                return thread;
            });
        }

        /** Trains every twin's epoch at once and returns their losses when all have finished. */
        double[] train() {
            List<Future<Double>> running = new ArrayList<>();
            for (Epochs twin : epochs) {
                running.add(threads.submit(() -> KernelSelection.singleThreaded(twin::train)));
            }
            double[] losses = new double[running.size()];
            try {
                for (int i = 0; i < losses.length; i++) {
                    losses[i] = running.get(i).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the one-thread epochs ran at once", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a one-thread epoch run at once with others failed", e.getCause());
            }
            return losses;
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }

    /** The measured pairs' times and the summary of their ratios. */
    static final class Pairs {
        private final Options options;
        private final double[] oneThread;
        private final double[] allThreads;
        /** The twins' time after each pair (see {@link Twins}), NaN without them. */
        private final double[] twinSeconds;
        private final double[] roundTrips;

        Pairs(Options options) {
            this.options = options;
            this.oneThread = new double[options.pairs()];
            this.allThreads = new double[options.pairs()];
            this.twinSeconds = new double[options.pairs()];
            this.roundTrips = new double[options.pairs()];
        }

        void record(int pair, double oneThreadSeconds, double allThreadsSeconds, double twinEpochsSeconds, double roundTripNanos) {
            oneThread[pair] = oneThreadSeconds;
            allThreads[pair] = allThreadsSeconds;
            twinSeconds[pair] = twinEpochsSeconds;
            roundTrips[pair] = roundTripNanos;
        }

        /** Each pair's speed-up: its one-thread time over its all-threads time. */
        double[] speedUps() {
            double[] speedUps = new double[oneThread.length];
            for (int i = 0; i < speedUps.length; i++) {
                speedUps[i] = oneThread[i] / allThreads[i];
            }
            return speedUps;
        }

        /**
         * Each pair's ceiling: how many times one thread's work the twins after it did in the same
         * time (threads × the one-thread time ÷ the twins' time).
         */
        double[] ceilings() {
            double[] ceilings = new double[oneThread.length];
            for (int i = 0; i < ceilings.length; i++) {
                ceilings[i] = options.threads() * oneThread[i] / twinSeconds[i];
            }
            return ceilings;
        }

        /**
         * Each pair's share of the ceiling: its speed-up over its ceiling, that is, the twins' time
         * over threads × the all-threads time.
         */
        double[] sharesOfCeiling() {
            double[] shares = new double[oneThread.length];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = twinSeconds[i] / (options.threads() * allThreads[i]);
            }
            return shares;
        }

        /**
         * The summary; bench/report.py reads its "speed-up N× (median of the pairs", "ceiling N×
         * (median of the pairs" and "share of it reached N (median of the pairs" under the targets.
         */
        String report(String kernels) {
            return speedUpReport(kernels) + (options.twins() ? ceilingReport() : "");
        }

        private String ceilingReport() {
            double[] ceilings = ceilings();
            double[] shares = sharesOfCeiling();
            return String.format(Locale.ROOT,
                    "%d one-thread epochs at once, each on a network and a thread of its own, after each pair: %.3f s"
                            + " (median); the machine's ceiling %.2f× (median of the pairs; range %.2f–%.2f),"
                            + " %d × the one-thread time over theirs; the share of it reached %.2f (median of the pairs;"
                            + " range %.2f–%.2f)%n",
                    options.threads(), TilesSideBySide.quantile(twinSeconds, 0.5), TilesSideBySide.quantile(ceilings, 0.5),
                    TilesSideBySide.quantile(ceilings, 0), TilesSideBySide.quantile(ceilings, 1), options.threads(),
                    TilesSideBySide.quantile(shares, 0.5), TilesSideBySide.quantile(shares, 0),
                    TilesSideBySide.quantile(shares, 1));
        }

        private String speedUpReport(String kernels) {
            double[] speedUps = speedUps();
            return String.format(Locale.ROOT,
                    "%s%n%d pairs of epochs in turn (after %d pairs of warm-up): 1 thread %.3f s, %d threads %.3f s"
                            + " (medians); speed-up %.2f× (median of the pairs; quartiles %.2f–%.2f, range %.2f–%.2f);"
                            + " cache-line round trip %.0f ns (median; range %.0f–%.0f)%n",
                    kernels, speedUps.length, options.warmUp(), TilesSideBySide.quantile(oneThread, 0.5), options.threads(),
                    TilesSideBySide.quantile(allThreads, 0.5), TilesSideBySide.quantile(speedUps, 0.5),
                    TilesSideBySide.quantile(speedUps, 0.25), TilesSideBySide.quantile(speedUps, 0.75),
                    TilesSideBySide.quantile(speedUps, 0), TilesSideBySide.quantile(speedUps, 1),
                    TilesSideBySide.quantile(roundTrips, 0.5), TilesSideBySide.quantile(roundTrips, 0),
                    TilesSideBySide.quantile(roundTrips, 1));
        }
    }

    /** The command line: {@code --pairs}, {@code --warm-up}, {@code --threads}, {@code --dense}, {@code --no-twins}. */
    record Options(int pairs, int warmUp, int threads, boolean dense, boolean twins) {
        static Options parse(String[] args) {
            int pairs = 12;
            int warmUp = 4;
            int threads = 2;
            boolean dense = false;
            boolean twins = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--pairs" -> pairs = atLeast(args, ++i, "--pairs", 1);
                    case "--warm-up" -> warmUp = atLeast(args, ++i, "--warm-up", 0);
                    case "--threads" -> threads = atLeast(args, ++i, "--threads", 2);
                    case "--dense" -> dense = true;
                    case "--no-twins" -> twins = false;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return new Options(pairs, warmUp, threads, dense, twins);
        }

        private static int atLeast(String[] args, int i, String option, int least) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            try {
                int value = Integer.parseInt(args[i]);
                if (value >= least) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a whole number of at least " + least + ", got '" + args[i] + "'");
        }
    }
}
