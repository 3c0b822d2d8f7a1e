package org.nnlab.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * How many bytes per second one thread moves between a level of the memory hierarchy and the
 * core: the slanted roofs of the book's roofline (chapter 7). Two loops in the manner of STREAM,
 * over float arrays of {@code kib} KiB each:
 *
 * <ul>
 *   <li>{@link #triad}: a[i] = b[i] + s·c[i], reads two arrays and writes one. Bytes per call, as
 *       STREAM counts them: 3 × the array size. (The hardware also reads a before writing it, the
 *       write-allocate, so the true traffic is a third larger; STREAM and this book don't count it.)</li>
 *   <li>{@link #sum}: the sum of all elements of b and c, reads only. Bytes per call: 2 × the array size.</li>
 * </ul>
 *
 * <p>The sizes are chosen against this machine's caches ({@code lscpu}: L1d 48 KiB, L2 2 MiB per
 * core, L3 480 MiB shared): 8 KiB arrays stay in L1, 256 KiB in L2, 32 MiB in L3, and 1 GiB
 * arrays (2–3 GiB per call) come from main memory. Score: microseconds per call; GB/s = bytes
 * per call / score / 1000.
 *
 * <p>The triad is a plain loop, which C2 compiles to AVX-512 instructions by itself; the sum uses
 * the Vector API with four accumulators, because C2 does not reorder a float sum to vectorise it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx4g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class BandwidthBenchmark {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The accumulators' exact class: see FloatMatmul's EXACT_CLASS for why the cast keeps them in registers. */
    private static final Class<? extends Vector<Float>> EXACT_CLASS = SPECIES.vectorType();

    /** KiB per array: L1, L2, L3 and main memory on this machine. */
    @Param({"8", "256", "32768", "1048576"})
    public int kib;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        int n = kib * 1024 / Float.BYTES;
        a = new float[n];
        b = new float[n];
        c = new float[n];
        // Touch every page before timing, so that the first iteration does not pay for page faults.
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Arrays.fill(c, 0.5f);
    }

    @Benchmark
    public float[] triad() {
        float s = 3f;
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
        return a;
    }

    @Benchmark
    public float sum() {
        FloatVector sum0 = FloatVector.zero(SPECIES);
        FloatVector sum1 = FloatVector.zero(SPECIES);
        FloatVector sum2 = FloatVector.zero(SPECIES);
        FloatVector sum3 = FloatVector.zero(SPECIES);
        int bound = b.length - b.length % (2 * LANES);
        for (int i = 0; i < bound; i += 2 * LANES) {
            // The loaded vector is the receiver and the accumulator the argument, as in nnlab's kernels.
            sum0 = load(b, i).add(sum0);
            sum1 = load(b, i + LANES).add(sum1);
            sum2 = load(c, i).add(sum2);
            sum3 = load(c, i + LANES).add(sum3);
        }
        FloatVector total = ((FloatVector) EXACT_CLASS.cast(sum0)).add(sum1)
                .add(((FloatVector) EXACT_CLASS.cast(sum2)).add(sum3));
        float sum = total.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < b.length; i++) {
            sum += b[i] + c[i];
        }
        return sum;
    }

    /** A vector from x[i], cast to its exact class so that the JIT keeps it in a register (VectorKernels.load). */
    private static FloatVector load(float[] x, int i) {
        return (FloatVector) EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, x, i));
    }
}
