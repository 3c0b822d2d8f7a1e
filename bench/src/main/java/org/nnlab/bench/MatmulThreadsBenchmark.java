package org.nnlab.bench;

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
 * The vector float32 multiply at 1024×1024·1024×1024 on 1 and on 2 threads (the calling thread
 * plus one worker), and at the two big MNIST shapes. Score: microseconds per multiply, as in
 * {@link MatmulBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class MatmulThreadsBenchmark {

    @Param({"SQUARE_1024", "HIDDEN_FORWARD", "WEIGHT_GRADIENT"})
    public MatmulShape shape;

    @Param({"1", "2"})
    public int threads;

    private Kernels vector;
    private MatmulShape.Operands operands;

    @Setup
    public void setUp() {
        vector = MatmulBenchmark.create("vector", threads);
        operands = shape.operands();
    }

    @Benchmark
    public float[] multiply() {
        return operands.multiply(vector);
    }
}
