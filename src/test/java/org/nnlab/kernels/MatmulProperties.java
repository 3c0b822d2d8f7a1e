package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.Provide;

/**
 * The vector float32 matrix multiply against the scalar reference, in all three forms, with and
 * without accumulate, on shapes from 0×0 to several work items.
 *
 * <h2>The float32 tolerance</h2>
 *
 * <p>Both implementations add the same k products (plus the old C when accumulating) in the same
 * order; the reference rounds each product and each sum, the vector code rounds once per fused
 * multiply-add. The classic bound for a sum of products computed in floating point, |ŝ − s| ≤
 * γₜ·Σ|aᵢ||bᵢ| with t terms and γₜ = t·u/(1 − t·u), u = eps/2, holds for each of them, so they
 * differ by at most 2γₜ·Σ|aᵢ||bᵢ| ≈ t·eps·Σ|aᵢ||bᵢ|. The test allows
 *
 * <pre>|c_vector − c_reference| ≤ γ · t · eps · (|c_old| + Σₚ |a_ip|·|b_pj|),  γ = 2,</pre>
 *
 * with t = k (+1 when accumulating) and eps = 2⁻²³, which leaves a factor of two for the
 * 1/(1 − t·u). The magnitude sum, not |c|, sets the scale: c itself may cancel to almost zero.
 */
class MatmulProperties implements ShapeProviders {
    /** The γ of the float32 bound in the class comment. */
    static final double GAMMA = 2;
    /** Written after the used part of every array: must never be read into a result or overwritten. */
    private static final float FLOAT_SENTINEL = Float.NaN;

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static final VectorKernels ONE_THREAD = new VectorKernels(1);
    private static final VectorKernels TWO_THREADS = new VectorKernels(2);
    private static final VectorKernels THREE_THREADS = new VectorKernels(3);

    /** The three forms of {@link Kernels}' matrix multiply. A test builds op(A) m×k and op(B) k×n, then stores them as the form expects. */
    enum Form {
        PLAIN, TRANSPOSE_A, TRANSPOSE_B;

        void run(Kernels kernels, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
            switch (this) {
                case PLAIN -> kernels.matmul(a, b, c, m, k, n, accumulate);
                case TRANSPOSE_A -> kernels.matmulTransposeA(a, b, c, m, k, n, accumulate);
                case TRANSPOSE_B -> kernels.matmulTransposeB(a, b, c, m, k, n, accumulate);
            }
        }


        /** op(A), m×k row-major, stored as this form reads A. */
        float[] storeA(float[] opA, int m, int k) {
            return this == TRANSPOSE_A ? ArrayFixtures.transpose(opA, m, k) : opA;
        }

        /** op(B), k×n row-major, stored as this form reads B. */
        float[] storeB(float[] opB, int k, int n) {
            return this == TRANSPOSE_B ? ArrayFixtures.transpose(opB, k, n) : opB;
        }

    }

    /** Widths of C on both sides of FloatMatmul.PACK_MIN_COLS: A read in place, and A packed. */
    @Provide
    Arbitrary<Integer> wide() {
        return Arbitraries.oneOf(ArrayFixtures.smallDimension(),
                Arbitraries.integers().between(FloatMatmul.PACK_MIN_COLS, 3 * FloatMatmul.PACK_MIN_COLS));
    }

    /** One-thread kernels for every tile shape, made once. */
    private static final Map<Tile, VectorKernels> BY_TILE = new ConcurrentHashMap<>();

    static VectorKernels kernelsFor(Tile tile, boolean skipZeros) {
        return skipZeros ? BY_TILE.computeIfAbsent(tile, t -> new VectorKernels(1, t, true)) : new VectorKernels(1, tile, false);
    }

    // ---- every tile shape ----

    /**
     * Every micro-kernel tile the machine might choose, on arbitrary shapes: within the bound of
     * the scalar reference, and exactly the documented chain of fused multiply-adds, in place
     * (C narrower than FloatMatmul.PACK_MIN_COLS) and with A packed.
     */
    // tag::tile-property[]
    @Property(tries = 200)
    void everyTileShapeMatchesTheReference(@ForAll("tiles") Tile tile, @ForAll Form form, @ForAll("small") int m,
                                           @ForAll("large") int k, @ForAll("wide") int n, @ForAll boolean accumulate,
                                           @ForAll long seed) {
        VectorKernels kernels = kernelsFor(tile, true);
        checkFloat32AgainstScalar(kernels, form, m, Math.min(k, 300), n, accumulate, seed);
        checkFmaChain(kernels, form, m, Math.min(k, 300), n, accumulate, seed);
    }
    // end::tile-property[]

    /**
     * C's bottom edge, for every tile and every number of rows fewer than its own (with kernels of
     * that many rows, FloatMatmul.multiplyBottomEdge, or without, its scratch copies): each
     * element is its chain, in every form, with A read in place and packed (n on both sides of
     * PACK_MIN_COLS), C whole vectors wide and ragged, one pass along k and two, dense and with
     * every third step of A zero, so that the zero-skipping kernels list steps: in every row (the
     * edge skips steps too, through the scratch copies) and in the whole tiles' rows only (the
     * edge lists all its steps and runs on its own kernel, from PackedA's copy).
     */
    @Example
    void everyBottomEdgeIsTheChain() {
        Random random = new Random(31);
        for (Tile tile : Tile.SHAPES) {
            VectorKernels dense = new VectorKernels(1, tile, false);
            VectorKernels skipping = kernelsFor(tile, true);
            for (int edgeRows = 1; edgeRows < tile.rows(); edgeRows++) {
                int m = 2 * tile.rows() + edgeRows;
                for (Form form : Form.values()) {
                    for (int k : new int[] {10, FloatMatmul.BLOCK_K + 44}) {
                        for (int n : new int[] {10, 2 * FloatVector.SPECIES_PREFERRED.length(), FloatMatmul.PACK_MIN_COLS + 6, 2 * FloatMatmul.PACK_MIN_COLS}) {
                            float[] opA = ArrayFixtures.randomFloats(random, m * k);
                            float[] opB = ArrayFixtures.randomFloats(random, k * n);
                            float[] oldC = ArrayFixtures.randomFloats(random, m * n);
                            boolean accumulate = random.nextBoolean();
                            assertIsTheChain(dense, form, opA, opB, oldC, m, k, n, accumulate);
                            for (int zeroRows : new int[] {m - edgeRows, m}) {
                                for (int i = 0; i < zeroRows; i++) {
                                    for (int p = 0; p < k; p += 3) {
                                        opA[i * k + p] = 0f;
                                    }
                                }
                                assertIsTheChain(skipping, form, opA, opB, oldC, m, k, n, false);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Kernels with a tile per form of product give, in every form, the bits of kernels with one tile
     * everywhere, whichever of the plan's tiles: each product goes to its form's tile, and every
     * tile runs the same chain of fused multiply-adds per element. Every third step of A is zero
     * in all rows, so the zero-skipping kernels run too.
     */
    @Property(tries = 150)
    void aTilePerFormGivesTheBitsOfOneTile(@ForAll("tiles") Tile wide, @ForAll("tiles") Tile transposedA,
                                           @ForAll("tiles") Tile transposedB, @ForAll("tiles") Tile narrow,
                                           @ForAll Form form, @ForAll("small") int m, @ForAll("large") int k,
                                           @ForAll("wide") int n, @ForAll boolean accumulate, @ForAll long seed) {
        TilePlan plan = new TilePlan(wide, transposedA, transposedB, narrow);
        int kk = Math.min(k, 300);
        Random random = new Random(seed);
        float[] opA = ArrayFixtures.randomFloats(random, m * kk);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < kk; p += 3) {
                opA[i * kk + p] = 0f;
            }
        }
        float[] a = form.storeA(opA, m, kk);
        float[] b = form.storeB(ArrayFixtures.randomFloats(random, kk * n), kk, n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] planned = oldC.clone();
        form.run(new VectorKernels(1, plan, true), a, b, planned, m, kk, n, accumulate);
        for (Tile tile : plan.distinct()) {
            float[] oneTile = oldC.clone();
            form.run(kernelsFor(tile, true), a, b, oneTile, m, kk, n, accumulate);
            assertArrayEquals(oneTile, planned, () -> plan + ", " + form + " " + m + "×" + kk + "×" + n + " against " + tile + " everywhere");
        }
    }

    // ---- vector equals scalar ----

    @Property(tries = 250)
    void float32MatchesScalarWithinBound(@ForAll Form form, @ForAll("small") int m, @ForAll("large") int k,
                                         @ForAll("small") int n, @ForAll boolean accumulate, @ForAll long seed) {
        checkFloat32AgainstScalar(ONE_THREAD, form, m, k, n, accumulate, seed);
    }

    /** Fewer tries: shapes of several work items, computed on two threads. */
    @Property(tries = 12)
    void float32MatchesScalarOnLargeShapes(@ForAll Form form, @ForAll("large") int m, @ForAll("large") int k,
                                           @ForAll("large") int n, @ForAll boolean accumulate, @ForAll long seed) {
        checkFloat32AgainstScalar(TWO_THREADS, form, m, Math.min(k, 300), n, accumulate, seed);
    }

    @Example
    void emptyShapesWriteNothingOrZeros() {
        for (Form form : Form.values()) {
            for (int[] shape : new int[][] {{0, 0, 0}, {0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {1, 0, 1}}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    checkFloat32AgainstScalar(ONE_THREAD, form, shape[0], shape[1], shape[2], accumulate, 7);
                }
            }
        }
    }

    static void checkFloat32AgainstScalar(Kernels vector, Form form, int m, int k, int n, boolean accumulate, long seed) {
        Random random = new Random(seed);
        float[] opA = ArrayFixtures.randomFloats(random, m * k);
        float[] opB = ArrayFixtures.randomFloats(random, k * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] a = withSentinels(form.storeA(opA, m, k));
        float[] b = withSentinels(form.storeB(opB, k, n));
        float[] expected = withSentinels(oldC);
        float[] actual = withSentinels(oldC);

        form.run(SCALAR, a, b, expected, m, k, n, accumulate);
        form.run(vector, a, b, actual, m, k, n, accumulate);

        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = accumulate ? Math.abs(oldC[i * n + j]) : 0;
                for (int p = 0; p < k; p++) {
                    magnitude += Math.abs((double) opA[i * k + p] * opB[p * n + j]);
                }
                int terms = k + (accumulate ? 1 : 0);
                double bound = GAMMA * terms * ArrayFixtures.FLOAT_EPS * magnitude;
                double error = Math.abs((double) actual[i * n + j] - expected[i * n + j]);
                int row = i;
                int col = j;
                assertTrue(error <= bound, () -> form + " " + m + "×" + k + "×" + n + " C[" + row + "][" + col + "] = "
                        + actual[row * n + col] + ", reference " + expected[row * n + col] + ": error " + error + " > bound " + bound);
            }
        }
        assertSentinelsUntouched(actual, m * n);
    }

    // ---- the transposed forms are the plain form on transposed storage ----

    /**
     * Bit for bit: both forms run the same chain of fused multiply-adds per element, only reading
     * A or B from elsewhere.
     */
    @Property(tries = 100)
    void transposedFormsEqualPlainFormOnTransposedCopies(@ForAll("small") int m, @ForAll("large") int k,
                                                         @ForAll("small") int n, @ForAll boolean accumulate,
                                                         @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = ArrayFixtures.randomFloats(random, m * k);
        float[] b = ArrayFixtures.randomFloats(random, k * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] plain = oldC.clone();
        ONE_THREAD.matmul(a, b, plain, m, k, n, accumulate);
        for (Form form : new Form[] {Form.TRANSPOSE_A, Form.TRANSPOSE_B}) {
            float[] transposed = oldC.clone();
            form.run(ONE_THREAD, form.storeA(a, m, k), form.storeB(b, k, n), transposed, m, k, n, accumulate);
            assertArrayEquals(plain, transposed, form + " " + m + "×" + k + "×" + n);
        }

    }

    // ---- accumulate ----

    /** C += A·B ends within one more rounding of (old C) + (A·B computed alone). */
    @Property(tries = 100)
    void accumulateAddsToExistingC(@ForAll Form form, @ForAll("small") int m, @ForAll("large") int k,
                                   @ForAll("small") int n, @ForAll long seed) {
        Random random = new Random(seed);
        float[] opA = ArrayFixtures.randomFloats(random, m * k);
        float[] opB = ArrayFixtures.randomFloats(random, k * n);
        float[] a = form.storeA(opA, m, k);
        float[] b = form.storeB(opB, k, n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] accumulated = oldC.clone();
        form.run(ONE_THREAD, a, b, accumulated, m, k, n, true);
        float[] product = ArrayFixtures.randomFloats(random, m * n); // overwritten, whatever it held
        form.run(ONE_THREAD, a, b, product, m, k, n, false);

        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = Math.abs(oldC[i * n + j]);
                for (int p = 0; p < k; p++) {
                    magnitude += Math.abs((double) opA[i * k + p] * opB[p * n + j]);
                }
                double bound = GAMMA * (k + 1) * ArrayFixtures.FLOAT_EPS * magnitude;
                double error = Math.abs((double) accumulated[i * n + j] - (oldC[i * n + j] + (double) product[i * n + j]));
                assertTrue(error <= bound, form + " C[" + i + "][" + j + "]: error " + error + " > bound " + bound);
            }
        }
    }

    // ---- the documented evaluation order ----

    /**
     * Each element of C is exactly the chain c = fma(A[i][p], B[p][j], c) for p = 0 … k−1, from the
     * old C or from zero: the property that makes results independent of blocking and threads.
     */
    // tag::fma-chain-property[]
    @Property(tries = 100)
    void everyElementIsOneChainOfFusedMultiplyAdds(@ForAll Form form, @ForAll("small") int m, @ForAll("large") int k,
                                                   @ForAll("wide") int n, @ForAll boolean accumulate, @ForAll long seed) {
        checkFmaChain(ONE_THREAD, form, m, k, n, accumulate, seed);
    }

    static void checkFmaChain(Kernels kernels, Form form, int m, int k, int n, boolean accumulate, long seed) {
        Random random = new Random(seed);
        float[] opA = ArrayFixtures.randomFloats(random, m * k);
        float[] opB = ArrayFixtures.randomFloats(random, k * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        assertIsTheChain(kernels, form, opA, opB, oldC, m, k, n, accumulate);
    }

    /** op(A)·op(B) (m×k, k×n, row-major), computed by {@code kernels} in {@code form}, is every element's chain. */
    static void assertIsTheChain(Kernels kernels, Form form, float[] opA, float[] opB, float[] oldC,
                                 int m, int k, int n, boolean accumulate) {
        float[] actual = oldC.clone();
        form.run(kernels, form.storeA(opA, m, k), form.storeB(opB, k, n), actual, m, k, n, accumulate);
        assertIsTheChain(actual, form, opA, opB, oldC, m, k, n, accumulate);
    }

    /** {@code actual} is op(A)·op(B) (m×k, k×n, row-major) as every element's chain, from oldC or zero. */
    static void assertIsTheChain(float[] actual, Form form, float[] opA, float[] opB, float[] oldC,
                                 int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float chain = accumulate ? oldC[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    chain = Math.fma(opA[i * k + p], opB[p * n + j], chain);
                }
                assertEquals(chain, actual[i * n + j], 0f, form + " " + m + "×" + k + "×" + n + " C[" + i + "][" + j + "]");
            }
        }
    }
    // end::fma-chain-property[]

    // ---- one thread: the order and size of its work items ----

    /**
     * On one thread, a C of one row block and several column blocks, whole vectors wide, with more
     * than one pass along k, is computed pass by pass through all its blocks
     * (FloatMatmul.multiplyOnCaller): still every element's chain, with A dense and with A's zeros
     * skipped, and the bits of two threads, which compute it block by block.
     */
    @Property(tries = 30)
    void passByPassOnOneThreadIsStillTheChain(@ForAll Form form,
                                              @ForAll @IntRange(min = 1, max = FloatMatmul.BLOCK_ROWS) int m,
                                              @ForAll @IntRange(min = FloatMatmul.BLOCK_K + 1, max = 3 * FloatMatmul.BLOCK_K) int k,
                                              @ForAll @IntRange(min = 1, max = 3 * FloatMatmul.BLOCK_COLS) int extraColumns,
                                              @ForAll boolean withZeros, @ForAll boolean accumulate,
                                              @ForAll long seed) {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        int n = (FloatMatmul.BLOCK_COLS + extraColumns + lanes - 1) / lanes * lanes;
        checkOneThreadAgainstChainAndTwoThreads(form, m, k, n, withZeros, accumulate, seed);
    }

    /**
     * On one thread, a C of more than one row block whose A is short along k (a pass of all of A no
     * larger than one of a block's rows) is one work item per column block
     * (FloatMatmul.rowsPerItem): still every element's chain, dense and skipping zeros, and the
     * bits of two threads, which cut it into row blocks.
     */
    @Property(tries = 30)
    void allRowsInOneItemOnOneThreadIsStillTheChain(@ForAll Form form,
                                                    @ForAll @IntRange(min = 1, max = 3 * FloatMatmul.BLOCK_ROWS) int extraRows,
                                                    @ForAll @IntRange(min = 1, max = 64) int k,
                                                    @ForAll("wide") int n, @ForAll boolean withZeros,
                                                    @ForAll boolean accumulate, @ForAll long seed) {
        int m = FloatMatmul.BLOCK_ROWS + extraRows;
        int shortK = Math.min(k, FloatMatmul.BLOCK_ROWS * FloatMatmul.BLOCK_K / m);
        checkOneThreadAgainstChainAndTwoThreads(form, m, shortK, n, withZeros, accumulate, seed);
    }

    /**
     * B read where it lies rather than packed into panels (FloatMatmul.readsBInPlace: on one thread,
     * for panels larger than L1, such as X·W1's with AVX-512), here for panels of any size, so
     * that every machine runs it: every tile shape, strips of every width (the narrower last one
     * packed), A dense and with zeros, the edge tiles of C; each element is its chain.
     */
    @Property(tries = 150)
    void readingBInPlaceIsStillTheChain(@ForAll("tiles") Tile tile, @ForAll("small") int m, @ForAll("large") int k,
                                        @ForAll @IntRange(min = FloatMatmul.PACK_MIN_COLS, max = 3 * FloatMatmul.PACK_MIN_COLS) int n,
                                        @ForAll boolean withZeros, @ForAll boolean accumulate, @ForAll long seed) {
        WorkerPool pool = new WorkerPool(1);
        FloatMatmul inPlace = FloatMatmul.skippingZeros(pool, tile, new FloatMatmul(pool, tile)).readingBInPlaceWhereItCan();
        int kk = Math.min(k, 300);
        Random random = new Random(seed);
        float[] opA = randomA(random, m, kk, withZeros);
        float[] opB = ArrayFixtures.randomFloats(random, kk * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] actual = oldC.clone();
        inPlace.multiply(opA, false, opB, false, actual, m, kk, n, accumulate);
        assertIsTheChain(actual, Form.PLAIN, opA, opB, oldC, m, kk, n, accumulate);
    }

    /**
     * A product that overwrites C in one pass along k, on one thread, from a transposed A in place
     * or a packed A of a few steps, walked row band by row band across all of B's panels
     * (FloatMatmul.walksRowsFirst, the colABand and packedSparseBand kernels; Xᵀ·dZ1 as a product,
     * and dZ2·W2ᵀ), and the other one-pass products beside them: every tile shape, every form, C
     * a whole number of strips wide with and without a bottom edge, A dense and with zeros; each
     * element is its chain.
     */
    @Property(tries = 150)
    void oneOverwritingPassWalkedBandByBandIsStillTheChain(@ForAll("tiles") Tile tile, @ForAll Form form,
                                                           @ForAll @IntRange(min = 1, max = 40) int m,
                                                           @ForAll @IntRange(min = 1, max = FloatMatmul.BLOCK_K) int k,
                                                           @ForAll @IntRange(min = 0, max = 4) int extraStrips,
                                                           @ForAll boolean withZeros, @ForAll long seed) {
        WorkerPool pool = new WorkerPool(1);
        FloatMatmul multiply = FloatMatmul.skippingZeros(pool, tile, new FloatMatmul(pool, tile));
        int stripCols = tile.vectors() * FloatVector.SPECIES_PREFERRED.length();
        int n = ((FloatMatmul.PACK_MIN_COLS + stripCols - 1) / stripCols + extraStrips) * stripCols;
        Random random = new Random(seed);
        float[] opA = randomA(random, m, k, withZeros);
        float[] opB = ArrayFixtures.randomFloats(random, k * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] actual = oldC.clone();
        multiply.multiply(form.storeA(opA, m, k), form == Form.TRANSPOSE_A, form.storeB(opB, k, n),
                form == Form.TRANSPOSE_B, actual, m, k, n, false);
        assertIsTheChain(actual, form, opA, opB, oldC, m, k, n, false);
    }

    /** A random m×k A; with zeros: a blank step in every third, and half of the rest. */
    private static float[] randomA(Random random, int m, int k, boolean withZeros) {
        float[] opA = ArrayFixtures.randomFloats(random, m * k);
        if (withZeros) {
            for (int i = 0; i < opA.length; i++) {
                if (i % k % 3 == 0 || random.nextBoolean()) {
                    opA[i] = 0f;
                }
            }
        }
        return opA;
    }

    private static void checkOneThreadAgainstChainAndTwoThreads(Form form, int m, int k, int n, boolean withZeros,
                                                                boolean accumulate, long seed) {
        Random random = new Random(seed);
        float[] opA = randomA(random, m, k, withZeros);
        float[] opB = ArrayFixtures.randomFloats(random, k * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        assertIsTheChain(ONE_THREAD, form, opA, opB, oldC, m, k, n, accumulate);
        float[] one = oldC.clone();
        float[] two = oldC.clone();
        form.run(ONE_THREAD, form.storeA(opA, m, k), form.storeB(opB, k, n), one, m, k, n, accumulate);
        form.run(TWO_THREADS, form.storeA(opA, m, k), form.storeB(opB, k, n), two, m, k, n, accumulate);
        assertArrayEquals(one, two, form + " " + m + "×" + k + "×" + n + ": 2 threads");
    }

    // ---- threads ----

    /**
     * Shapes big enough to be split into several work items and over the threshold for going
     * parallel: 1, 2 and 3 threads must give the same bits.
     */
    @Property(tries = 12)
    void threadCountChangesNoBit(@ForAll Form form, @ForAll("large") int rows, @ForAll("large") int cols,
                                 @ForAll("large") int inner, @ForAll boolean tall, @ForAll boolean accumulate,
                                 @ForAll long seed) {
        int m = tall ? FloatMatmul.BLOCK_ROWS + 1 + rows % 300 : cols;
        int n = tall ? cols : FloatMatmul.BLOCK_COLS + 1 + rows % 300;
        long minimumK = FloatMatmul.PARALLEL_MIN_FLOPS / (2L * m * n) + 1;
        int k = (int) Math.max(Math.min(inner, 300), minimumK);
        assertSameBitsOnOneTwoAndThreeThreads(form, m, k, n, accumulate, seed);
    }

    /**
     * A C of a single column block (n = 10 in training) is cut by rows when there are more threads
     * than blocks: 1, 2 and 3 threads, the same bits.
     */
    @Property(tries = 12)
    void narrowProductsSplitByRowsChangeNoBit(@ForAll Form form, @ForAll("small") int rows, @ForAll("small") int cols,
                                              @ForAll boolean accumulate, @ForAll long seed) {
        int m = 2 * 8 + rows;
        int n = 1 + cols % FloatMatmul.BLOCK_COLS;
        int k = (int) (FloatMatmul.PARALLEL_MIN_FLOPS / (2L * m * n) + 1);
        assertSameBitsOnOneTwoAndThreeThreads(form, m, k, n, accumulate, seed);
    }

    // ---- column tiles (a narrow Aᵀ·B) ----

    /**
     * Aᵀ·B with a C narrower than {@value FloatMatmul#PACK_MIN_COLS} columns runs on column tiles
     * ({@link ColumnTileMatmul}): shapes from no whole tile to several, with rows left over and a
     * last column group of every width, are each element's chain of fused multiply-adds.
     */
    @Property(tries = 150)
    void columnTilesAreChainsOfFusedMultiplyAdds(@ForAll @IntRange(max = 1000) int rows,
                                                 @ForAll @IntRange(min = 1, max = FloatMatmul.PACK_MIN_COLS - 1) int n,
                                                 @ForAll @IntRange(max = 100) int k, @ForAll boolean accumulate,
                                                 @ForAll long seed) {
        int m = rows % (4 * ColumnTileMatmul.TILE_ROWS + 8);
        checkFmaChain(ONE_THREAD, Form.TRANSPOSE_A, m, k, n, accumulate, seed);
    }

    /** Column tiles split between threads by rows: 1, 2 and 3 threads, the same bits. */
    @Property(tries = 12)
    void columnTilesOnAnyThreadCountGiveTheSameBits(@ForAll @IntRange(min = 2, max = 6) int tiles,
                                                    @ForAll @IntRange(max = 31) int leftOver,
                                                    @ForAll @IntRange(min = 1, max = FloatMatmul.PACK_MIN_COLS - 1) int n,
                                                    @ForAll boolean accumulate, @ForAll long seed) {
        int m = tiles * ColumnTileMatmul.TILE_ROWS + leftOver % ColumnTileMatmul.TILE_ROWS;
        int k = (int) (FloatMatmul.PARALLEL_MIN_FLOPS / (2L * m * n) + 1);
        assertSameBitsOnOneTwoAndThreeThreads(Form.TRANSPOSE_A, m, k, n, accumulate, seed);
    }

    // ---- helpers ----

    private static void assertSameBitsOnOneTwoAndThreeThreads(Form form, int m, int k, int n, boolean accumulate, long seed) {
        Random random = new Random(seed);
        float[] a = ArrayFixtures.randomFloats(random, m * k);
        float[] b = ArrayFixtures.randomFloats(random, k * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        float[] one = oldC.clone();
        float[] two = oldC.clone();
        float[] three = oldC.clone();
        form.run(ONE_THREAD, a, b, one, m, k, n, accumulate);
        form.run(TWO_THREADS, a, b, two, m, k, n, accumulate);
        form.run(THREE_THREADS, a, b, three, m, k, n, accumulate);
        assertArrayEquals(one, two, form + " " + m + "×" + k + "×" + n + ": 2 threads");
        assertArrayEquals(one, three, form + " " + m + "×" + k + "×" + n + ": 3 threads");
    }

    /** A copy of x with three sentinels appended: kernels must read and write only the leading part. */
    private static float[] withSentinels(float[] x) {
        float[] longer = Arrays.copyOf(x, x.length + 3);
        Arrays.fill(longer, x.length, longer.length, FLOAT_SENTINEL);
        return longer;
    }

    private static void assertSentinelsUntouched(float[] c, int used) {
        for (int i = used; i < c.length; i++) {
            assertEquals(Float.floatToRawIntBits(FLOAT_SENTINEL), Float.floatToRawIntBits(c[i]), "element " + i + " past the shape was written");
        }
    }
}
