package org.nnlab.bench;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.data.LabeledImages;
import org.nnlab.kernels.Tile;
import org.nnlab.kernels.VectorKernels;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two products of a training step that skip zeros, X·W1 ({@code HIDDEN_FORWARD}) and Xᵀ·dZ1
 * ({@code WEIGHT_GRADIENT}), with X a real minibatch of 64 training images, one thread,
 * zero-skipping on, for each micro-kernel tile of {@link Tile#SHAPES}: what
 * {@link MatmulTileBenchmark}'s random matrices, which have no zeros, cannot show. A tile walks only
 * the steps where one of its rows is non-zero, so how much it skips depends on its rows and on the
 * images; each invocation therefore multiplies {@value #BATCHES} different batches (drawn once, from
 * a shuffle seeded with {@value #SEED}), and one blank-rich batch cannot decide. W1 and dZ1 are
 * dense, uniform in [−1, 1). Score: microseconds per multiply, the mean over the batches. Each tile
 * runs in a JVM of its own; MNIST is read as {@code nnlab train} reads it ({@code data/mnist}, or
 * {@code $NNLAB_DATA/mnist}; fetched if missing), {@code -p dataset=fashion-mnist} for the less blank
 * Fashion-MNIST.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(ZeroSkippingTileBenchmark.BATCHES)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// Three warm-up iterations, not MatmulTileBenchmark's two: an invocation is 16 multiplies, and on
// the shared 2-core machine the second iteration of a fork was still 1.8 times the steady time.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ZeroSkippingTileBenchmark {
    static final int BATCHES = 16;
    static final long SEED = 1;

    /** The products whose A is a batch of images, as stored: 64×784 (X·W1), or 784×64 stored transposed (Xᵀ·dZ1). */
    @Param({"HIDDEN_FORWARD", "WEIGHT_GRADIENT"})
    public MatmulShape shape;

    /** Tile.SHAPES, as in MatmulTileBenchmark (ZeroSkippingTileBenchmarkTest keeps them equal). */
    @Param({"8x2", "6x2", "5x2", "4x2", "3x3", "2x4", "8x3", "6x4", "4x4"})
    public String tile;

    @Param({"mnist"})
    public String dataset;

    private VectorKernels kernels;
    /** The minibatches, each 64×784 as the trainer gathers them. */
    float[][] images;
    float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        if (!holdsImageBatch(shape)) {
            throw new IllegalArgumentException("shape: HIDDEN_FORWARD or WEIGHT_GRADIENT, whose A is a batch of "
                    + TrainingSetup.BATCH + " images, got " + shape);
        }
        System.setProperty(Tile.PROPERTY, tile); // so the log shows it
        prepare(DatasetLoader.standard(Dataset.parse(dataset)).load().train());
    }

    /** Kernels with this tile, skipping zeros and warmed up; the batches drawn from {@code train}; B and C. */
    void prepare(LabeledImages train) {
        kernels = new VectorKernels(1, Tile.parse(tile), true);
        kernels.warmUp();
        images = batches(train, BATCHES, TrainingSetup.BATCH, SEED);
        b = MatmulBenchmark.random(new Random(42), shape.k * shape.n);
        c = new float[shape.m * shape.n];
    }

    /** The multiplies of one invocation, C = op(X)·B for each batch X in turn; returns the last C. */
    @Benchmark
    public float[] multiply() {
        for (float[] x : images) {
            shape.multiply(kernels, x, b, c);
        }
        return c;
    }

    /** Whether op(A) of this shape is a minibatch X (64×784) or its transpose, X stored as gathered either way. */
    static boolean holdsImageBatch(MatmulShape shape) {
        int batch = TrainingSetup.BATCH;
        int pixels = TrainingSetup.INPUTS;
        return switch (shape.form) {
            case PLAIN -> shape.m == batch && shape.k == pixels;
            case TRANSPOSE_A -> shape.k == batch && shape.m == pixels;
            case TRANSPOSE_B -> false;
        };
    }

    /**
     * {@code count} minibatches of {@code size} different images, in the order of a shuffle of all
     * of them seeded with {@code seed}, each size×pixels and scaled to [0, 1] as {@code nnlab train}
     * scales them (InputScaling.UNIT): a blank pixel stays exactly zero.
     */
    static float[][] batches(LabeledImages images, int count, int size, long seed) {
        int[] order = Shuffle.identity(images.count());
        Shuffle.inPlace(order, new SplitMix64(seed));
        int[] chosen = Arrays.copyOf(order, Math.multiplyExact(count, size));
        float[] scaled = Examples.from(images.subset(chosen), InputScaling.UNIT).inputs().floats();
        int values = size * images.pixelsPerImage();
        float[][] batches = new float[count][];
        for (int i = 0; i < count; i++) {
            batches[i] = Arrays.copyOfRange(scaled, i * values, (i + 1) * values);
        }
        return batches;
    }
}
