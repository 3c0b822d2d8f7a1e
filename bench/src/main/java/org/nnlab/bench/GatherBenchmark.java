package org.nnlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nnlab.kernels.Kernels;
import org.nnlab.random.Shuffle;
import org.nnlab.random.SplitMix64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gather of a minibatch as training does it: 64 rows of 784 floats, in the order of a
 * shuffled epoch, out of a training set of 60,000 rows (188 MB, far more than any cache holds).
 * Each call takes the next 64 rows of the shuffle, so that no row is read twice in 937 calls.
 * The scalar reference copies row after row; the vector kernels copy every row's two ends first
 * (VectorKernels.gatherRowsEndsFirst) and share the rows out among their threads. Score:
 * microseconds per minibatch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class GatherBenchmark {
    static final int EXAMPLES = 60_000;
    static final int FEATURES = 784;
    static final int BATCH = 64;

    @Param({"scalar", "vector"})
    public String kernels;

    /** The vector kernels' threads (the scalar reference has one whatever this says). */
    @Param({"1", "2"})
    public int threads;

    private Kernels implementation;
    private float[] trainingSet;
    private int[] order;
    private float[] batch;
    private int from;

    @Setup
    public void setUp() {
        implementation = MatmulBenchmark.create(kernels, threads);
        trainingSet = MatmulBenchmark.random(new Random(42), EXAMPLES * FEATURES);
        order = Shuffle.identity(EXAMPLES);
        Shuffle.inPlace(order, new SplitMix64(7));
        batch = new float[BATCH * FEATURES];
    }

    @Benchmark
    public float[] gather() {
        if (from + BATCH > EXAMPLES) {
            from = 0;
        }
        implementation.gatherRows(trainingSet, order, from, BATCH, FEATURES, batch);
        from += BATCH;
        return batch;
    }
}
