package org.nnlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.data.LabeledImages;
import org.nnlab.kernels.Tile;
import org.nnlab.kernels.VectorKernels;

/**
 * Micro-kernel tiles timed side by side, in one JVM, one thread: the measurement behind the plans
 * of {@code MachineTile}.
 *
 * <p>Why not JMH. JMH times one configuration after another, each tile in a fork of its own. The
 * cores of the AMD EPYC machine this was written on switch between two speeds (about 59 and 91
 * GFLOP/s of fused multiply-adds) every few seconds, so two forks of the same tile differed by up
 * to 40%, and two sessions ordered tiles 20% apart differently. Here every round times every tile
 * for one short burst, in a new random order, and divides each tile's speed by the first tile's
 * in the same round: a change of the core's speed scales both and cancels. The median of those
 * ratios over the rounds, with the middle half of them, is the result.
 *
 * <p>The products are the five of a training step ({@link MatmulShape}'s MNIST shapes, or any of
 * its names). X·W1 and Xᵀ·dZ1 multiply real MNIST minibatches of 64 (as {@link
 * ZeroSkippingTileBenchmark}), skipping their zeros unless {@code --dense}; the others random
 * matrices without zeros. GFLOP/s count 2·m·k·n flops by the thread's CPU time.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.nnlab.bench.TilesSideBySide \
 *     [--dense] [--rounds 40] [--burst-ms 60] [--tiles 6x2,8x2,5x2,4x2,3x3,2x4] [SHAPE ...]
 * </pre>
 */
public final class TilesSideBySide {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<MatmulShape> TRAINING_PRODUCTS = List.of(MatmulShape.HIDDEN_FORWARD,
            MatmulShape.WEIGHT_GRADIENT, MatmulShape.HIDDEN_GRADIENT, MatmulShape.OUTPUT_FORWARD,
            MatmulShape.OUTPUT_WEIGHT_GRADIENT);
    /** CPU time each tile runs before the rounds begin, so that every kernel is compiled. */
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private TilesSideBySide() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("TilesSideBySide: " + e.getMessage());
            System.exit(2);
            return;
        }
        LabeledImages mnist = null;
        for (MatmulShape shape : options.shapes) {
            if (ZeroSkippingTileBenchmark.holdsImageBatch(shape) && mnist == null) {
                mnist = DatasetLoader.standard(Dataset.MNIST).load().train();
            }
            System.out.print(compare(shape, options, mnist, WARM_UP_NANOS));
        }
    }

    /**
     * Times every tile of the options at one shape and returns the table; {@code mnist} is needed
     * for the two products of images, and each tile first runs for {@code warmUpNanos}.
     */
    static String compare(MatmulShape shape, Options options, LabeledImages mnist, long warmUpNanos) {
        boolean images = ZeroSkippingTileBenchmark.holdsImageBatch(shape);
        float[][] as = images
                ? ZeroSkippingTileBenchmark.batches(mnist, ZeroSkippingTileBenchmark.BATCHES, TrainingSetup.BATCH, ZeroSkippingTileBenchmark.SEED)
                : new float[][] {MatmulBenchmark.random(new Random(41), shape.m * shape.k)};
        float[] b = MatmulBenchmark.random(new Random(42), shape.k * shape.n);
        float[] c = new float[shape.m * shape.n];
        List<VectorKernels> kernels = new ArrayList<>();
        for (Tile tile : options.tiles) {
            kernels.add(new VectorKernels(1, tile, !options.dense));
        }
        for (VectorKernels k : kernels) {
            nanosPerMultiply(shape, k, as, b, c, warmUpNanos);
        }
        Random order = new Random(1);
        List<Integer> tileOrder = new ArrayList<>();
        for (int t = 0; t < kernels.size(); t++) {
            tileOrder.add(t);
        }
        double[][] rates = new double[kernels.size()][options.rounds];
        for (int round = 0; round < options.rounds; round++) {
            Collections.shuffle(tileOrder, order);
            for (int t : tileOrder) {
                rates[t][round] = shape.flops() / nanosPerMultiply(shape, kernels.get(t), as, b, c, options.burstNanos);
            }
        }
        return table(shape, options, images, rates);
    }

    /** Multiplies again and again for about {@code nanos} of this thread's CPU time; returns CPU ns per multiply. */
    private static double nanosPerMultiply(MatmulShape shape, VectorKernels kernels, float[][] as, float[] b, float[] c, long nanos) {
        long start = THREADS.getCurrentThreadCpuTime();
        long now;
        long multiplies = 0;
        do {
            for (float[] a : as) {
                shape.multiply(kernels, a, b, c);
            }
            multiplies += as.length;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now - start < nanos);
        return (now - start) / (double) multiplies;
    }

    private static String table(MatmulShape shape, Options options, boolean images, double[][] rates) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s (%s %d×%d×%d), %s, A: %s; %d rounds of %d ms per tile; GFLOP/s by CPU time%n",
                shape, shape.form.symbol, shape.m, shape.k, shape.n, options.dense ? "dense" : "zero-skipping",
                images ? ZeroSkippingTileBenchmark.BATCHES + " MNIST minibatches of " + TrainingSetup.BATCH : "random, no zeros",
                options.rounds, options.burstNanos / 1_000_000));
        Tile first = options.tiles.get(0);
        out.append(String.format(Locale.ROOT, "  tile   GFLOP/s (middle half)      speed / %s's in the same round (middle half)%n", first));
        double[][] ratios = pairedRatios(rates);
        for (int t = 0; t < rates.length; t++) {
            out.append(String.format(Locale.ROOT, "  %-5s %6.1f (%5.1f–%5.1f)      %.3f (%.3f–%.3f)%n", options.tiles.get(t),
                    quantile(rates[t], 0.5), quantile(rates[t], 0.25), quantile(rates[t], 0.75),
                    quantile(ratios[t], 0.5), quantile(ratios[t], 0.25), quantile(ratios[t], 0.75)));
        }
        return out.toString();
    }

    /** rates[t][round] over rates[0][round]: each tile's speed against the first tile's in the same round. */
    static double[][] pairedRatios(double[][] rates) {
        double[][] ratios = new double[rates.length][];
        for (int t = 0; t < rates.length; t++) {
            ratios[t] = new double[rates[t].length];
            for (int round = 0; round < rates[t].length; round++) {
                ratios[t][round] = rates[t][round] / rates[0][round];
            }
        }
        return ratios;
    }

    /**
     * The q-quantile of the values, interpolated between the two nearest ranks (q = 0.5: the
     * median, the mean of the two middle values of an even count).
     */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** The command line. */
    record Options(boolean dense, int rounds, long burstNanos, List<Tile> tiles, List<MatmulShape> shapes) {
        static Options parse(String[] args) {
            boolean dense = false;
            int rounds = 40;
            long burstMillis = 60;
            List<Tile> tiles = Tile.SHAPES;
            List<MatmulShape> shapes = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dense" -> dense = true;
                    case "--rounds" -> rounds = positive("--rounds", value(args, ++i, "--rounds"));
                    case "--burst-ms" -> burstMillis = positive("--burst-ms", value(args, ++i, "--burst-ms"));
                    case "--tiles" -> tiles = tiles(value(args, ++i, "--tiles"));
                    default -> shapes.add(shape(args[i]));
                }
            }
            return new Options(dense, rounds, burstMillis * 1_000_000, tiles, shapes.isEmpty() ? TRAINING_PRODUCTS : shapes);
        }

        /** The tiles of {@code --tiles}: different shapes with kernels, separated by commas. */
        private static List<Tile> tiles(String text) {
            List<Tile> tiles = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                Tile tile;
                try {
                    tile = Tile.parse(part);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--tiles must be different tiles separated by commas, each one of "
                            + Tile.shapesAsTyped() + ", got '" + text + "'");
                }
                if (tiles.contains(tile)) {
                    throw new IllegalArgumentException("--tiles names " + tile + " twice, in '" + text + "'");
                }
                tiles.add(tile);
            }
            return List.copyOf(tiles);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int positive(String flag, String text) {
            try {
                int value = Integer.parseInt(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " must be a whole number above 0, got '" + text + "'");
        }

        private static MatmulShape shape(String name) {
            try {
                return MatmulShape.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown option or shape '" + name + "'; shapes: "
                        + Arrays.toString(MatmulShape.values()));
            }
        }
    }
}
