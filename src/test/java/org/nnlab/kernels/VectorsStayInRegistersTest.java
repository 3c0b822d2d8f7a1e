package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnlab.testing.ChildProcess;

/**
 * Guards against the boxed-vector regime described in {@link VectorKernels}: when the JIT cannot
 * see a vector's class it keeps vectors as heap objects, and every kernel call then allocates
 * megabytes. This test measures allocation, not time: once the JIT has compiled a kernel, a call
 * must allocate next to nothing.
 *
 * <p>Before measuring, other vector shapes are used the way unrelated code in the same program
 * might, which is what used to tip the JIT into boxing. Each kernel is then called until a call
 * allocates less than {@link #MOST_BYTES_PER_CALL}; a kernel that never gets there within the
 * generous deadline (it takes well under a second when all is well) fails the test.
 *
 * <p>Whether the JIT boxes also depends on the order in which it inlines a large kernel's Vector
 * API calls, which varies from run to run: before every vector of the matrix-multiply kernels was
 * cast to its class, this test failed in one run in 8 to 30. {@link
 * #kernelsStayInRegistersWhenTheJitDecidesLate()} makes that order the worst one, every time: it
 * runs the same checks in a new JVM with -XX:-IncrementalInlineVirtual, under which a call whose
 * vector's class is not known as the JIT reads it stays a call. Without the casts it failed in
 * every such JVM but one of 8 on JDK 17 (JDK 25 passed it even then).
 */
class VectorsStayInRegistersTest {
    private static final long MOST_BYTES_PER_CALL = 1024;
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    /** The JVM options under which the JIT never revisits a call it could not resolve while reading a method. */
    private static final List<String> LATE_DECISIONS = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-IncrementalInlineVirtual");
    private static final String ALL_STAYED = "every kernel stopped allocating";

    private static final VectorKernels KERNELS = new VectorKernels(1);

    @BeforeAll
    static void warmUpAfterUsingOtherVectorShapes() {
        useOtherVectorShapes();
        KERNELS.warmUp();
    }

    @Test
    void matrixMultipliesDoNotAllocate() {
        // 3 full row tiles and a 5-row edge; a full two-vector strip and a narrow strip.
        int m = 29;
        int k = 70;
        int n = 2 * FloatVector.SPECIES_PREFERRED.length() + 7;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        assertStopsAllocating("matmul", () -> KERNELS.matmul(a, b, c, m, k, n, false));
        assertStopsAllocating("matmulTransposeA", () -> KERNELS.matmulTransposeA(a, b, c, m, k, n, true));
        assertStopsAllocating("matmulTransposeB", () -> KERNELS.matmulTransposeB(a, b, c, m, k, n, false));
        // An odd k: the unrolled rowA loops leave their last step to the …LastSteps kernels.
        int oddK = k + 1;
        float[] aOdd = new float[m * oddK];
        float[] bOdd = new float[oddK * n];
        assertStopsAllocating("matmul, odd k", () -> KERNELS.matmul(aOdd, bOdd, c, m, oddK, n, false));

        // A narrow Aᵀ·B tall enough for column tiles, and a group of 2 columns after one of 5.
        int tall = 2 * ColumnTileMatmul.TILE_ROWS + 3;
        int narrow = ColumnTileMatmul.TILE_COLUMNS + 2;
        float[] aTall = new float[k * tall];
        float[] bNarrow = new float[k * narrow];
        float[] cTall = new float[tall * narrow];
        assertStopsAllocating("column tiles", () -> KERNELS.matmulTransposeA(aTall, bNarrow, cTall, tall, k, narrow, false));
        assertStopsAllocating("column tiles, accumulating",
                () -> KERNELS.matmulTransposeA(aTall, bNarrow, cTall, tall, k, narrow, true));

        // Wide enough for A to be packed and its zeros skipped (every third step is zero).
        int wide = FloatMatmul.PACK_MIN_COLS + n;
        float[] sparse = new float[m * k];
        for (int i = 0; i < sparse.length; i++) {
            sparse[i] = i % 3 == 0 ? 0f : 0.5f;
        }
        float[] bWide = new float[k * wide];
        float[] cWide = new float[m * wide];
        assertStopsAllocating("packed sparse matmul", () -> KERNELS.matmul(sparse, bWide, cWide, m, k, wide, false));
        assertStopsAllocating("packed matmul", () -> KERNELS.matmul(a, bWide, cWide, m, k, wide, true));
        assertStopsAllocating("sparse matmulTransposeA", () -> KERNELS.matmulTransposeA(sparse, bWide, cWide, m, k, wide, false));
    }

    @Test
    void rowAndElementKernelsDoNotAllocate() {
        int rows = 9;
        int cols = 45;
        float[] x = new float[rows * cols];
        float[] y = new float[rows * cols];
        float[] v = new float[cols];
        assertStopsAllocating("axpy", () -> KERNELS.axpy(0.5f, x, y, rows * cols));
        assertStopsAllocating("axpy over +0 (skipped)", () -> KERNELS.axpy(-0.5f, x, y, rows * cols));
        assertStopsAllocating("dot", () -> KERNELS.dot(x, y, rows * cols));
        assertStopsAllocating("rowSoftmax", () -> KERNELS.rowSoftmax(x, y, rows, cols));
        assertStopsAllocating("columnSums", () -> KERNELS.columnSums(x, v, rows, cols));
        assertStopsAllocating("addRowVectorRelu", () -> KERNELS.addRowVectorRelu(x, v, y, rows, cols));
        // tag::lab-remove-relu[]
        assertStopsAllocating("reluBackward", () -> KERNELS.reluBackward(x, y, y, rows * cols));
        // end::lab-remove-relu[]
    }

    @Test
    void kernelsStayInRegistersWhenTheJitDecidesLate() throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("--add-modules=jdk.incubator.vector"));
        options.addAll(ChildProcess.hotSpotOptionsOfThisJvm());
        options.addAll(LATE_DECISIONS);
        String printed = ChildProcess.run(Duration.ofMinutes(10), ChildProcess.javaCommand(VectorsStayInRegistersTest.class, options))
                .requireSuccess();
        assertTrue(printed.contains(ALL_STAYED), printed);
    }

    /** This class's checks, for {@link #kernelsStayInRegistersWhenTheJitDecidesLate()}: a failed one throws. */
    public static void main(String[] args) {
        warmUpAfterUsingOtherVectorShapes();
        VectorsStayInRegistersTest checks = new VectorsStayInRegistersTest();
        checks.matrixMultipliesDoNotAllocate();
        checks.rowAndElementKernelsDoNotAllocate();
        System.out.println(ALL_STAYED);
    }

    private static void assertStopsAllocating(String kernel, Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        long bytes = Long.MAX_VALUE;
        int calls = 0;
        while (bytes > MOST_BYTES_PER_CALL && System.nanoTime() < deadline) {
            long before = threads.getCurrentThreadAllocatedBytes();
            call.run();
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
            calls++;
        }
        long last = bytes;
        int tried = calls;
        assertTrue(last <= MOST_BYTES_PER_CALL,
                () -> kernel + " still allocates " + last + " bytes per call after " + tried + " calls: vectors are boxed");
    }

    /** Stores, reductions and fused multiply-adds on 256- and 128-bit float vectors, in loops. */
    private static void useOtherVectorShapes() {
        float[] x = new float[64];
        float sum = 0;
        for (VectorSpecies<Float> species : new VectorSpecies[] {FloatVector.SPECIES_256, FloatVector.SPECIES_128}) {
            FloatVector acc = FloatVector.zero(species);
            for (int i = 0; i < 20_000; i++) {
                int at = (i % 4) * species.length();
                acc = FloatVector.fromArray(species, x, at).fma(acc, acc);
                acc.intoArray(x, at);
                sum += acc.reduceLanes(VectorOperators.ADD);
            }
        }
        if (sum == 42) {
            System.out.println(sum); // keeps the loop from being optimised away
        }
    }
}
