package org.nnlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nnlab.kernels.Kernels;
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
 * Whether fusing pays: the hidden layer's bias and ReLU on a 64×512 float32 minibatch, as two
 * passes over the whole matrix (addRowVector, then relu: what Linear.forward and Relu.forward
 * did) or as one pass over its rows (addRowVectorRelu: each row's bias, then that row's ReLU while
 * the row is in L1; what Network.forward now does). Vector and scalar kernels, one thread.
 * Score: microseconds per call. The bias is tiny, so Z hardly drifts over millions of calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class FusedBiasReluBenchmark {
    private static final int ROWS = 64;
    private static final int COLS = 512;

    @Param({"vector", "scalar"})
    public String kernels;

    private Kernels implementation;
    private float[] z;
    private float[] bias;
    private float[] a;

    @Setup
    public void setUp() {
        implementation = MatmulBenchmark.create(kernels, 1);
        Random random = new Random(42);
        z = MatmulBenchmark.random(random, ROWS * COLS);
        bias = new float[COLS];
        for (int j = 0; j < COLS; j++) {
            bias[j] = (random.nextFloat() - 0.5f) * 1e-30f;
        }
        a = new float[ROWS * COLS];
    }

    @Benchmark
    public float[] twoPasses() {
        implementation.addRowVector(z, bias, ROWS, COLS);
        implementation.relu(z, a, ROWS * COLS);
        return a;
    }

    @Benchmark
    public float[] fused() {
        implementation.addRowVectorRelu(z, bias, a, ROWS, COLS);
        return a;
    }
}
