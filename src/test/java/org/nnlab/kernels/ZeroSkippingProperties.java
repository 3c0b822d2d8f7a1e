package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.nnlab.data.LabeledImages;
import org.nnlab.testing.Requirements;

/**
 * Skipping the zeros of A changes no bit of C (see {@link PackedA} for why): on random sparse
 * matrices, with every tile shape, in both forms the training uses, and on real MNIST minibatches
 * in the two products where training skips them, X·W1 and Xᵀ·dZ1.
 */
class ZeroSkippingProperties implements ShapeProviders {
    private static final VectorKernels DENSE = new VectorKernels(1, MachineTile.chosen(false), false);
    private static final VectorKernels SKIPPING_TWO_THREADS = new VectorKernels(2, MachineTile.chosen(true), true);
    private static final WorkerPool ONE_THREAD_POOL = new WorkerPool(1);
    private static final WorkerPool TWO_THREAD_POOL = new WorkerPool(2);
    private static final int BATCH = 64;
    private static final int PIXELS = 784;
    private static final int HIDDEN = 512;

    /** At least FloatMatmul.PACK_MIN_COLS: the widths at which A is packed and its zeros skipped. */
    @Provide
    Arbitrary<Integer> wide() {
        return Arbitraries.integers().between(FloatMatmul.PACK_MIN_COLS, 3 * FloatMatmul.PACK_MIN_COLS);
    }

    /** The share of A's values that are zero, and the share of steps that are zero in every row. */
    @Provide
    Arbitrary<Double> share() {
        return Arbitraries.of(0.0, 0.3, 0.8, 0.95, 1.0);
    }

    // tag::sparse-property[]
    @Property(tries = 150)
    void skippingZerosGivesTheDenseBits(@ForAll("tiles") Tile tile, @ForAll boolean transposeA,
                                        @ForAll("small") int m, @ForAll("large") int k, @ForAll("wide") int n,
                                        @ForAll("share") double zeros, @ForAll("share") double blankSteps,
                                        @ForAll long seed) {
        Random random = new Random(seed);
        int kk = Math.min(k, 300);
        float[] opA = sparse(random, m, kk, zeros, blankSteps);
        float[] a = transposeA ? ArrayFixtures.transpose(opA, m, kk) : opA;
        float[] b = ArrayFixtures.randomFloats(random, kk * n);

        float[] dense = multiply(new VectorKernels(1, tile, false), a, transposeA, b, m, kk, n);
        float[] skipping = multiply(MatmulProperties.kernelsFor(tile, true), a, transposeA, b, m, kk, n);
        assertArrayEquals(dense, skipping, tile + (transposeA ? " Aᵀ·B " : " A·B ") + m + "×" + kk + "×" + n);
        assertArrayEquals(dense, multiply(SKIPPING_TWO_THREADS, a, transposeA, b, m, kk, n), "2 threads");
    }
    // end::sparse-property[]

    /**
     * Each list holds exactly the steps of its pass where a row of the tile is not zero (±0 count
     * as zero, NaN as not), in order, and the copy of A the tile's values of those steps (zero in
     * rows past A's end), whether A is stored row-major or transposed: fewer steps would change C,
     * more would only cost time, which the properties on C cannot see. For a row-major A, each pass's steps that some tile lists, the
     * rows of B that FloatMatmul copies into its panels, are those where any row of A is not zero.
     * Both storages of A, any tile rows and pass length, 1 or 2 threads.
     */
    @Property(tries = 200)
    void listsHoldExactlyTheStepsWhereATileIsNotZero(@ForAll boolean transposeA, @ForAll @IntRange(min = 1, max = 12) int tileRows,
                                                     @ForAll("small") int m, @ForAll("large") int k,
                                                     @ForAll @IntRange(min = 1, max = 300) int kStep,
                                                     @ForAll("share") double zeros, @ForAll("share") double blankSteps,
                                                     @ForAll boolean twoThreads, @ForAll long seed) {
        Random random = new Random(seed);
        int kk = Math.min(k, 300);
        float[] opA = sparse(random, m, kk, zeros, blankSteps);
        if (opA.length > 0 && random.nextBoolean()) {
            opA[random.nextInt(opA.length)] = Float.NaN;
        }
        float[] a = transposeA ? ArrayFixtures.transpose(opA, m, kk) : opA;
        PackedA packed = new PackedA().pack(twoThreads ? TWO_THREAD_POOL : ONE_THREAD_POOL, a, transposeA, m, kk, tileRows,
                kStep, true);
        int passes = (kk + kStep - 1) / kStep;
        for (int t = 0; t * tileRows < m; t++) {
            int i = t * tileRows;
            int rows = Math.min(tileRows, m - i);
            for (int pass = 0; pass < passes; pass++) {
                int p0 = pass * kStep;
                int[] expected = IntStream.range(0, Math.min(kStep, kk - p0))
                        .filter(p -> IntStream.range(0, rows).anyMatch(r -> Float.floatToRawIntBits(opA[(i + r) * kk + p0 + p]) << 1 != 0))
                        .toArray();
                int from = packed.from(t, pass);
                String where = (transposeA ? "Aᵀ " : "A ") + m + "×" + kk + ", tile " + t + " of " + tileRows + " rows, pass " + pass;
                assertArrayEquals(expected, Arrays.copyOfRange(packed.steps(), from, packed.to(t, pass)), where);
                for (int q = 0; q < expected.length; q++) {
                    for (int r = 0; r < tileRows; r++) {
                        float value = r < rows ? opA[(i + r) * kk + p0 + expected[q]] : 0f;
                        assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(packed.values()[(from + q) * tileRows + r]),
                                where + ", step " + expected[q] + ", row " + r);
                    }
                }
            }
        }
        assertEquals(!transposeA, packed.listsStepsOfAnyTile(), "the steps of any tile are listed for a row-major A");
        for (int pass = 0; !transposeA && pass < passes; pass++) {
            int p0 = pass * kStep;
            int[] expected = IntStream.range(0, Math.min(kStep, kk - p0))
                    .filter(p -> IntStream.range(0, m).anyMatch(i -> Float.floatToRawIntBits(opA[i * kk + p0 + p]) << 1 != 0))
                    .toArray();
            assertArrayEquals(expected, Arrays.copyOfRange(packed.stepsOfAnyTile(), packed.anyTileFrom(pass), packed.anyTileTo(pass)),
                    "A " + m + "×" + kk + ", the steps some tile of " + tileRows + " rows lists, pass " + pass);
        }
    }

    /**
     * Accumulating into C runs dense: a running sum that starts from −0 becomes +0 at a step
     * 0·b with b &gt; 0, which skipping would leave out. Row 0 of A is all zeros and row 0 of the
     * old C all −0, so skipping there would show.
     */
    @Property(tries = 40)
    void accumulatingIsNotChangedBySkipping(@ForAll("tiles") Tile tile, @ForAll("small") int m, @ForAll("large") int k,
                                            @ForAll("wide") int n, @ForAll long seed) {
        Random random = new Random(seed);
        int kk = Math.min(k, 300);
        float[] a = sparse(random, m, kk, 0.8, 0.5);
        float[] b = ArrayFixtures.randomFloats(random, kk * n);
        float[] oldC = ArrayFixtures.randomFloats(random, m * n);
        if (m > 0) {
            java.util.Arrays.fill(a, 0, kk, 0f);
            java.util.Arrays.fill(oldC, 0, n, -0f);
        }
        float[] dense = oldC.clone();
        new VectorKernels(1, tile, false).matmul(a, b, dense, m, kk, n, true);
        float[] skipping = oldC.clone();
        MatmulProperties.kernelsFor(tile, true).matmul(a, b, skipping, m, kk, n, true);
        assertArrayEquals(dense, skipping);
    }

    // ---- an A without zeros ----

    /**
     * An A without zeros has nothing to skip: a zero-skipping multiply hands it to its dense
     * multiply, whose tile may be another, and C has the dense bits, in all three forms.
     */
    @Property(tries = 60)
    void anAWithoutZerosGivesTheDenseBitsWithTheZeroFreeTile(@ForAll("tiles") Tile tile, @ForAll("tiles") Tile zeroFreeTile,
                                                             @ForAll("forms") String form, @ForAll("small") int m,
                                                             @ForAll("large") int k, @ForAll("wide") int n, @ForAll long seed) {
        Random random = new Random(seed);
        int kk = Math.min(k, 300);
        float[] opA = WarmUp.withoutZeros(ArrayFixtures.randomFloats(random, m * kk));
        float[] a = form.equals("Aᵀ·B") ? ArrayFixtures.transpose(opA, m, kk) : opA;
        float[] b = ArrayFixtures.randomFloats(random, kk * n); // k×n, or n×k for A·Bᵀ
        VectorKernels kernels = new VectorKernels(1, TilePlan.everywhere(tile), TilePlan.everywhere(zeroFreeTile), true);
        assertArrayEquals(multiply(new VectorKernels(1, tile, false), form, a, b, m, kk, n),
                multiply(kernels, form, a, b, m, kk, n), tile + " / " + zeroFreeTile + " " + form + " " + m + "×" + kk + "×" + n);
    }

    @Provide
    Arbitrary<String> forms() {
        return Arbitraries.of("A·B", "Aᵀ·B", "A·Bᵀ");
    }

    /**
     * Each form hands an A without zeros to the dense multiply with its own tile of the zero-free
     * plan, keeps its skipping tile for an A with a zero or a running sum, and the narrow form
     * always keeps its tile. Every tile differs from every other here, so a crossed wire shows.
     */
    @Example
    void eachFormHandsAnAWithoutZerosToItsZeroFreeTile() {
        TilePlan skippingPlan = new TilePlan(new Tile(2, 4), new Tile(3, 3), new Tile(5, 2), new Tile(8, 2));
        TilePlan zeroFreePlan = new TilePlan(new Tile(6, 2), new Tile(4, 2), new Tile(2, 4), new Tile(3, 3));
        VectorKernels kernels = new VectorKernels(1, skippingPlan, zeroFreePlan, true);
        int m = 9;
        int k = 20;
        int n = FloatMatmul.PACK_MIN_COLS;
        float[] noZero = WarmUp.withoutZeros(ArrayFixtures.randomFloats(new Random(5), m * k));
        float[] oneZero = noZero.clone();
        oneZero[k + 1] = 0f;
        assertEquals(new Tile(6, 2), kernels.tileFor(noZero, false, false, m, k, n, false), "A·B");
        assertEquals(new Tile(4, 2), kernels.tileFor(noZero, true, false, m, k, n, false), "Aᵀ·B");
        assertEquals(new Tile(2, 4), kernels.tileFor(noZero, false, true, m, k, n, false), "A·Bᵀ");
        assertEquals(new Tile(8, 2), kernels.tileFor(noZero, false, false, m, k, 10, false), "narrow A·B");
        assertEquals(new Tile(2, 4), kernels.tileFor(oneZero, false, false, m, k, n, false), "A·B, one zero");
        assertEquals(new Tile(3, 3), kernels.tileFor(oneZero, true, false, m, k, n, false), "Aᵀ·B, one zero");
        assertEquals(new Tile(5, 2), kernels.tileFor(oneZero, false, true, m, k, n, false), "A·Bᵀ, one zero");
        assertEquals(new Tile(5, 2), kernels.tileFor(noZero, false, true, m, k, n, true), "A·Bᵀ, accumulating");
        VectorKernels dense = new VectorKernels(1, skippingPlan, zeroFreePlan, false);
        assertEquals(new Tile(3, 3), dense.tileFor(noZero, true, false, m, k, n, false), "dense kernels keep their plan");
    }

    /**
     * Only a product that would look for zeros (C overwritten, at least PACK_MIN_COLS wide) goes
     * to the dense multiply, and only if not one value of A is +0 or −0, wherever it sits.
     */
    @Example
    void onlyAWideOverwrittenProductWithoutZerosGoesToTheDenseMultiply() {
        FloatMatmul dense = new FloatMatmul(ONE_THREAD_POOL, new Tile(6, 2));
        FloatMatmul skipping = FloatMatmul.skippingZeros(ONE_THREAD_POOL, new Tile(2, 4), dense);
        int m = 7;
        int k = 23; // m·k = 161: a scalar tail after the whole vectors, for every lane count
        int n = FloatMatmul.PACK_MIN_COLS;
        float[] a = WarmUp.withoutZeros(ArrayFixtures.randomFloats(new Random(3), m * k));
        assertSame(dense, skipping.multiplierFor(a, m, k, n, false), "no zero in A");
        assertEquals(new Tile(6, 2), skipping.multiplierFor(a, m, k, n, false).tile());
        for (int at : new int[] {0, m * k / 2, m * k - 1}) {
            for (float zero : new float[] {0f, -0f}) {
                float[] withZero = a.clone();
                withZero[at] = zero;
                assertSame(skipping, skipping.multiplierFor(withZero, m, k, n, false), zero + " at " + at);
            }
        }
        a[0] = Float.NaN;
        a[m * k - 1] = Float.NaN;
        assertSame(dense, skipping.multiplierFor(a, m, k, n, false), "NaN is not a zero, in a vector or in the tail");
        assertSame(skipping, skipping.multiplierFor(a, m, k, n, true), "accumulating runs as it always did");
        assertSame(skipping, skipping.multiplierFor(a, m, k, n - 1, false), "a C narrower than PACK_MIN_COLS");
        assertSame(dense, dense.multiplierFor(a, m, k, n, false), "a dense multiply keeps everything");
        float[] zeroPastTheEnd = java.util.Arrays.copyOf(a, m * k + 1);
        assertFalse(PackedA.hasZero(zeroPastTheEnd, m * k), "a zero past the length does not count");
        assertTrue(PackedA.hasZero(zeroPastTheEnd, m * k + 1));
    }

    // ---- real MNIST ----

    /**
     * 20 random minibatches of 64 MNIST training images (pixels x/255), with random weights and
     * random upstream gradients: X·W1 and Xᵀ·dZ1 skipping zeros equal the dense products bit for
     * bit, and skipping walks well under the dense number of steps.
     */
    @Example
    void realMnistBatchesGiveTheDenseBits() {
        LabeledImages train = Requirements.mnist().train();
        Random random = new Random(11);
        VectorKernels skipping = new VectorKernels(1, MachineTile.chosen(true), true);
        int forwardRows = skipping.tiles().wide().rows();
        int gradientRows = skipping.tiles().transposedA().rows();
        PackedA packed = new PackedA();
        long keptForward = 0;
        long keptGradient = 0;
        for (int batch = 0; batch < 20; batch++) {
            float[] x = new float[BATCH * PIXELS];
            for (int r = 0; r < BATCH; r++) {
                int image = random.nextInt(train.count());
                for (int p = 0; p < PIXELS; p++) {
                    x[r * PIXELS + p] = train.pixel(image, p) / 255f;
                }
            }
            float[] w1 = ArrayFixtures.randomFloats(random, PIXELS * HIDDEN);
            float[] dz1 = ArrayFixtures.randomFloats(random, BATCH * HIDDEN);
            assertArrayEquals(multiply(DENSE, x, false, w1, BATCH, PIXELS, HIDDEN),
                    multiply(skipping, x, false, w1, BATCH, PIXELS, HIDDEN), "X·W1, batch " + batch);
            assertArrayEquals(multiply(DENSE, x, true, dz1, PIXELS, BATCH, HIDDEN),
                    multiply(skipping, x, true, dz1, PIXELS, BATCH, HIDDEN), "Xᵀ·dZ1, batch " + batch);
            assertArrayEquals(multiply(DENSE, x, false, w1, BATCH, PIXELS, HIDDEN),
                    multiply(SKIPPING_TWO_THREADS, x, false, w1, BATCH, PIXELS, HIDDEN), "X·W1 on 2 threads, batch " + batch);

            keptForward += packed.pack(ONE_THREAD_POOL, x, false, BATCH, PIXELS, forwardRows, FloatMatmul.BLOCK_K, true).keptSteps();
            keptGradient += packed.pack(ONE_THREAD_POOL, x, true, PIXELS, BATCH, gradientRows, FloatMatmul.BLOCK_K, true).keptSteps();
        }
        double denseSteps = 20.0 * Math.ceil(BATCH / (double) forwardRows) * PIXELS;
        double denseGradientSteps = 20.0 * Math.ceil(PIXELS / (double) gradientRows) * BATCH;
        assertTrue(keptForward < 0.7 * denseSteps, "X·W1 walks " + keptForward / denseSteps + " of the dense steps");
        assertTrue(keptGradient < 0.8 * denseGradientSteps,
                "Xᵀ·dZ1 walks " + keptGradient / denseGradientSteps + " of the dense steps");
    }

    // ---- helpers ----

    /**
     * An m×k matrix with random values of scale 1, in which a share {@code blankSteps} of the
     * steps (columns) are zero in every row and, of the rest, a share {@code zeros} of the values
     * are zero; zeros are +0 or −0 at random.
     */
    static float[] sparse(Random random, int m, int k, double zeros, double blankSteps) {
        float[] a = ArrayFixtures.randomFloats(random, m * k);
        for (int p = 0; p < k; p++) {
            boolean blank = random.nextDouble() < blankSteps;
            for (int i = 0; i < m; i++) {
                if (blank || random.nextDouble() < zeros) {
                    a[i * k + p] = random.nextBoolean() ? 0f : -0f;
                }
            }
        }
        return a;
    }

    /** op(A)·op(B) into a new C, m×n, for the form "A·B", "Aᵀ·B" (A stored k×m) or "A·Bᵀ" (B stored n×k). */
    private static float[] multiply(Kernels kernels, String form, float[] a, float[] b, int m, int k, int n) {
        if (!form.equals("A·Bᵀ")) {
            return multiply(kernels, a, form.equals("Aᵀ·B"), b, m, k, n);
        }
        float[] c = new float[m * n];
        kernels.matmulTransposeB(a, b, c, m, k, n, false);
        return c;
    }

    /** op(A)·B into a new C, m×n; A is stored m×k, or k×m when transposeA. */
    private static float[] multiply(Kernels kernels, float[] a, boolean transposeA, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        if (transposeA) {
            kernels.matmulTransposeA(a, b, c, m, k, n, false);
        } else {
            kernels.matmul(a, b, c, m, k, n, false);
        }
        return c;
    }
}
