package org.nnlab.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The flat roof of the book's roofline, measured: vector fused multiply-adds on values that never
 * leave the registers, as many per cycle as one core can start. Twelve independent accumulators,
 * because an FMA takes about 4 cycles to finish and a core with two FMA units can start two per
 * cycle, so at least 8 chains must be in flight to keep both busy.
 *
 * <p>Flops per call: {@value #STEPS} steps × 12 FMAs × lanes × 2 (a multiply and an add). With
 * 16 float lanes: 3,072,000 flops. GFLOP/s = flops per call / score / 1000.
 *
 * <p>{@link #chain} does the opposite: one accumulator, so each FMA waits for the one before. It
 * measures the FMA's latency, and through it the clock a guest cannot read: Intel documents 4
 * cycles for a 512-bit FMA on the cores with AVX-512 since Skylake-SP, so the clock is
 * 4 × {@value #STEPS} cycles / score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class FmaPeakBenchmark {
    static final int STEPS = 8000;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final Class<? extends Vector<Float>> EXACT_CLASS = SPECIES.vectorType();

    private float x;
    private float y;

    @Setup
    public void setUp() {
        // Close to 1, so that thousands of multiply-adds neither overflow nor vanish.
        x = 0.999999f;
        y = 1e-7f;
    }

    /** For bench/report.py, which turns the fma score into the peak its %peak columns use. */
    @TearDown(Level.Trial)
    public void printFlops() {
        System.out.printf("nnlab fma: %d flops per call of fma, %d-bit vectors%n",
                (long) STEPS * 12 * SPECIES.length() * 2, SPECIES.vectorBitSize());
    }

    @Benchmark
    public float fma() {
        FloatVector m = FloatVector.broadcast(SPECIES, x);
        FloatVector add = FloatVector.broadcast(SPECIES, y);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.0f);
        FloatVector c1 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c2 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector c3 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector c4 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector c5 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector c6 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector c7 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector c8 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector c9 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector c10 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector c11 = FloatVector.broadcast(SPECIES, 1.1f);
        // Each accumulator is an argument of m.fma, never the receiver: m's class is known, while a
        // vector carried around the loop may be boxed when a method is called on it (VectorKernels).
        // It is the addend, c = m·add + c, as in the kernels' loops. As the multiplicand,
        // c = m·c + add, the JIT copied the loop-invariant addend into a fresh register before each
        // FMA (the instruction overwrites its addend); on an AMD EPYC with AVX2 (16 registers) that
        // loop ran at 0.76 (JDK 17) and 0.84 (JDK 25) of this one's speed, side by side in one JVM,
        // and understated the core's peak (bench/README.adoc, session 33).
        for (int step = 0; step < STEPS; step++) {
            c0 = m.fma(add, c0);
            c1 = m.fma(add, c1);
            c2 = m.fma(add, c2);
            c3 = m.fma(add, c3);
            c4 = m.fma(add, c4);
            c5 = m.fma(add, c5);
            c6 = m.fma(add, c6);
            c7 = m.fma(add, c7);
            c8 = m.fma(add, c8);
            c9 = m.fma(add, c9);
            c10 = m.fma(add, c10);
            c11 = m.fma(add, c11);
        }
        FloatVector sum = ((FloatVector) EXACT_CLASS.cast(c0)).add(c1).add(c2).add(c3)
                .add(((FloatVector) EXACT_CLASS.cast(c4)).add(c5).add(c6).add(c7))
                .add(((FloatVector) EXACT_CLASS.cast(c8)).add(c9).add(c10).add(c11));
        return sum.reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    public float chain() {
        FloatVector m = FloatVector.broadcast(SPECIES, x);
        FloatVector add = FloatVector.broadcast(SPECIES, y);
        FloatVector c = FloatVector.broadcast(SPECIES, 0.5f);
        for (int step = 0; step < STEPS; step++) {
            c = m.fma(c, add);
        }
        return ((FloatVector) EXACT_CLASS.cast(c)).reduceLanes(VectorOperators.ADD);
    }
}
