package org.nnlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nnlab.kernels.Kernels;
import org.nnlab.kernels.ScalarKernels;
import org.nnlab.kernels.VectorKernels;
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
 * Single-threaded float32 matrix multiply, scalar reference against vector kernels, at the shapes
 * of {@link MatmulShape}. The two implementations are constructed here, not chosen through the
 * system property, so one run measures both; the vector kernels get one thread, to compare with
 * single-threaded OpenBLAS.
 *
 * <p>The score is microseconds per multiply; GFLOP/s = 2·m·k·n / (score · 1000). bench/run does
 * that conversion. Three forks, because the boxed-vector regime (see VectorKernels) used to strike
 * some JVMs and not others: a fork much slower than its siblings, or a vector benchmark that
 * allocates (run with {@code -prof gc}), is the sign.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class MatmulBenchmark {

    @Param({"HIDDEN_FORWARD", "WEIGHT_GRADIENT", "HIDDEN_GRADIENT", "OUTPUT_FORWARD", "OUTPUT_WEIGHT_GRADIENT", "SQUARE_512", "SQUARE_1024"})
    public MatmulShape shape;

    @Param({"scalar", "vector"})
    public String kernels;

    private Kernels implementation;
    private MatmulShape.Operands operands;

    @Setup
    public void setUp() {
        implementation = create(kernels, 1);
        operands = shape.operands();
    }

    @Benchmark
    public float[] multiply() {
        return operands.multiply(implementation);
    }

    /** The kernels by name, warmed up as {@link org.nnlab.kernels.KernelSelection} does for real runs. */
    static Kernels create(String name, int threads) {
        switch (name) {
            case "scalar":
                return new ScalarKernels();
            case "vector":
                VectorKernels vector = new VectorKernels(threads);
                vector.warmUp();
                return vector;
            default:
                throw new IllegalArgumentException("kernels: scalar or vector, got " + name);
        }
    }

    /** Uniform in [−1, 1). */
    static float[] random(Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }
}
