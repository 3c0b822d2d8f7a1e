package org.nnlab.bench;

import java.util.concurrent.TimeUnit;
import org.nnlab.kernels.Tile;
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
 * The vector float32 multiply, one thread, dense (no zero-skipping), with each micro-kernel tile
 * of {@link Tile#SHAPES}: with {@link ZeroSkippingTileBenchmark}, which times the two products that
 * skip zeros on MNIST, the experiment behind {@code MachineTile}'s plan. Each tile runs in a
 * JVM of its own, as it would in a real run (only that tile's kernels are compiled). Score:
 * microseconds per multiply, as in {@link MatmulBenchmark}. Run it with {@code -prof
 * org.nnlab.bench.CpuTimeProfiler} on a shared machine, and on every JDK: which tile is fastest
 * depends on the JIT as well as on the CPU.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class MatmulTileBenchmark {

    @Param({"HIDDEN_FORWARD", "WEIGHT_GRADIENT", "HIDDEN_GRADIENT", "OUTPUT_FORWARD", "OUTPUT_WEIGHT_GRADIENT", "SQUARE_512"})
    public MatmulShape shape;

    /** Tile.SHAPES, every tile that has micro-kernels (MatmulTileBenchmarkTest keeps them equal). */
    @Param({"8x2", "6x2", "5x2", "4x2", "3x3", "2x4", "8x3", "6x4", "4x4"})
    public String tile;

    private VectorKernels kernels;
    private MatmulShape.Operands operands;

    @Setup
    public void setUp() {
        System.setProperty(Tile.PROPERTY, tile); // for the warm-up's shapes, and so the log shows it
        kernels = new VectorKernels(1, Tile.parse(tile), false);
        kernels.warmUp();
        operands = shape.operands();
    }

    @Benchmark
    public float[] multiply() {
        return operands.multiply(kernels);
    }
}
