package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Kernels#addScaledProductTransposeA}, C += alpha·(Aᵀ·B), gives exactly the bits of its
 * definition on the same kernels: matmulTransposeA into scratch, then axpy(alpha, scratch, C).
 * Only the products the vector kernels compute tile by tile are drawn (C at least
 * FloatMatmul.PACK_MIN_COLS wide, one pass along k: elsewhere they run the definition itself):
 * every tile, zero-skipping on and off, one and two threads, A with blank steps as in MNIST, C
 * holding +0 and −0, and alphas of both signs: SGD's is negative, and only then may a tile with
 * no step be left out, as adding alpha·(+0) = −0 changes no element, −0 included.
 */
class ScaledProductProperties implements ShapeProviders {
    private static final VectorKernels TWO_THREADS_SKIPPING = new VectorKernels(2, MachineTile.chosen(true), true);
    private static final VectorKernels TWO_THREADS_DENSE = new VectorKernels(2, MachineTile.chosen(false), false);

    /** Wide enough to be packed and listed, and past one column block. */
    @Provide
    Arbitrary<Integer> wide() {
        return Arbitraries.integers().between(FloatMatmul.PACK_MIN_COLS, 3 * FloatMatmul.PACK_MIN_COLS);
    }

    /** One pass along k: 1 to FloatMatmul.BLOCK_K steps, the edges more often. */
    @Provide
    Arbitrary<Integer> onePass() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1, 2, 63, 64, 65, FloatMatmul.BLOCK_K - 1, FloatMatmul.BLOCK_K)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, FloatMatmul.BLOCK_K)));
    }

    @Provide
    Arbitrary<Double> share() {
        return Arbitraries.of(0.0, 0.5, 0.9, 1.0);
    }

    /** SGD's alphas (−learning rate), positive ones, both zeros, and the non-finite. */
    @Provide
    Arbitrary<Float> alpha() {
        return Arbitraries.oneOf(
                Arbitraries.of(-0.1f, -1f, -3e-3f, 0.5f, 2f, 0f, -0f, Float.NEGATIVE_INFINITY, Float.NaN),
                Arbitraries.floats().between(-4f, 4f));
    }

    @Property(tries = 200)
    void addsTheScaledProductWithTheBitsOfMultiplyThenAxpy(@ForAll("tiles") Tile tile, @ForAll boolean skipZeros,
                                                          @ForAll("small") int m, @ForAll("onePass") int k,
                                                          @ForAll("wide") int n, @ForAll("share") double zeros,
                                                          @ForAll("share") double blankSteps, @ForAll("alpha") float alpha,
                                                          @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = ArrayFixtures.transpose(ZeroSkippingProperties.sparse(random, m, k, zeros, blankSteps), m, k);
        float[] b = ArrayFixtures.randomFloats(random, k * n);
        float[] c = withSignedZeros(random, ArrayFixtures.randomFloats(random, m * n));
        String what = tile + (skipZeros ? " skipping " : " dense ") + m + "×" + k + "×" + n + " alpha " + alpha;

        for (Kernels kernels : new Kernels[] {MatmulProperties.kernelsFor(tile, skipZeros),
                skipZeros ? TWO_THREADS_SKIPPING : TWO_THREADS_DENSE}) {
            float[] expected = multiplyThenAxpy(kernels, alpha, a, b, c, m, k, n);
            float[] actual = c.clone();
            float[] scratch = new float[m * n];
            Arrays.fill(scratch, Float.NaN);
            kernels.addScaledProductTransposeA(alpha, a, b, actual, scratch, m, k, n);
            assertArrayEquals(expected, actual, what + " on " + kernels.describe());
            for (float s : scratch) {
                assertTrue(Float.isNaN(s), what + ": the product went tile by tile, scratch stays unwritten");
            }
        }
    }

    /**
     * C a whole number of the tile's strips wide and small enough a B, on one thread: FloatMatmul
     * then walks the product row band by row band across all of C's columns, every strip's panel
     * packed first (walksRowsFirst), and the bits are still those of the definition. Drawn apart,
     * since the widths above are seldom a whole number of strips.
     */
    @Property(tries = 100)
    void aProductWalkedRowsFirstHasTheBitsOfMultiplyThenAxpy(@ForAll("tiles") Tile tile, @ForAll boolean skipZeros,
                                                             @ForAll("small") int m, @ForAll("fewSteps") int k,
                                                             @ForAll("moreStrips") int moreStrips,
                                                             @ForAll("share") double zeros, @ForAll("share") double blankSteps,
                                                             @ForAll("alpha") float alpha, @ForAll long seed) {
        int tileCols = tile.vectors() * FloatVector.SPECIES_PREFERRED.length();
        int n = (ceilDiv(FloatMatmul.PACK_MIN_COLS, tileCols) + moreStrips) * tileCols;
        Random random = new Random(seed);
        float[] a = ArrayFixtures.transpose(ZeroSkippingProperties.sparse(random, m, k, zeros, blankSteps), m, k);
        float[] b = ArrayFixtures.randomFloats(random, k * n);
        float[] c = withSignedZeros(random, ArrayFixtures.randomFloats(random, m * n));
        Kernels kernels = MatmulProperties.kernelsFor(tile, skipZeros);
        float[] actual = c.clone();
        kernels.addScaledProductTransposeA(alpha, a, b, actual, new float[m * n], m, k, n);
        assertArrayEquals(multiplyThenAxpy(kernels, alpha, a, b, c, m, k, n), actual,
                tile + (skipZeros ? " skipping " : " dense ") + m + "×" + k + "×" + n + " alpha " + alpha);
    }

    /**
     * C's bottom edge, for every tile and every number of rows fewer than its own, walked rows
     * first (n a whole number of strips) and strip by strip (n not), dense and skipping zeros:
     * the bits of the definition. The whole tiles' rows are sparse; the edge's rows are sparse
     * as well (its list skips steps: the scratch copies), without zeros (it lists every step: its
     * own kernel, from PackedA's copy when skipping) or blank (it lists none: with a negative
     * alpha nothing is added); alpha negative (SGD's) or positive, drawn.
     */
    @Example
    void everyBottomEdgeHasTheBitsOfMultiplyThenAxpy() {
        Random random = new Random(31);
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        for (Tile tile : Tile.SHAPES) {
            int tileCols = tile.vectors() * lanes;
            for (boolean skipZeros : new boolean[] {false, true}) {
                Kernels kernels = MatmulProperties.kernelsFor(tile, skipZeros);
                for (int edgeRows = 1; edgeRows < tile.rows(); edgeRows++) {
                    int m = 2 * tile.rows() + edgeRows;
                    for (int n : new int[] {ceilDiv(FloatMatmul.PACK_MIN_COLS, tileCols) * tileCols, FloatMatmul.PACK_MIN_COLS + 3}) {
                        for (String edge : new String[] {"sparse", "without zeros", "blank"}) {
                            float alpha = random.nextBoolean() ? -0.1f : 0.5f;
                            int k = 40;
                            float[] opA = ZeroSkippingProperties.sparse(random, m, k, 0.5, 0.5);
                            for (int e = (m - edgeRows) * k; e < m * k && !edge.equals("sparse"); e++) {
                                opA[e] = edge.equals("blank") ? 0f : 1f + random.nextFloat();
                            }
                            float[] a = ArrayFixtures.transpose(opA, m, k);
                            float[] b = ArrayFixtures.randomFloats(random, k * n);
                            float[] c = withSignedZeros(random, ArrayFixtures.randomFloats(random, m * n));
                            float[] actual = c.clone();
                            kernels.addScaledProductTransposeA(alpha, a, b, actual, new float[m * n], m, k, n);
                            assertArrayEquals(multiplyThenAxpy(kernels, alpha, a, b, c, m, k, n), actual,
                                    tile + (skipZeros ? " skipping " : " dense ") + m + "×" + k + "×" + n + ", edge " + edge + ", alpha " + alpha);
                        }
                    }
                }
            }
        }
    }

    /** Steps along k for which all of B fits the rows-first walk's panels at any width drawn. */
    @Provide
    Arbitrary<Integer> fewSteps() {
        return Arbitraries.integers().between(1, 64).edgeCases(edges -> edges.includeOnly(1, 64));
    }

    @Provide
    Arbitrary<Integer> moreStrips() {
        return Arbitraries.integers().between(0, 8);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * The case the skipped tiles rely on, written out: a wide C whose rows for blank steps hold −0,
     * +0 and other values, with a negative and a positive alpha. With alpha &lt; 0 the blank rows
     * stay bit for bit (−0 included); with alpha &gt; 0, −0 + (+0) is +0, which the fused product
     * must reproduce rather than skip.
     */
    @Example
    void blankRowsKeepTheirSignedZerosOnlyWhenAlphaIsNegative() {
        int m = 2 * FloatMatmul.PACK_MIN_COLS;
        int k = 64;
        int n = FloatMatmul.PACK_MIN_COLS;
        Random random = new Random(42);
        float[] opA = ArrayFixtures.randomFloats(random, m * k);
        for (int i = 0; i < m / 2; i++) {
            Arrays.fill(opA, i * k, (i + 1) * k, 0f); // the first half of C's rows: blank in every step
        }
        float[] a = ArrayFixtures.transpose(opA, m, k);
        float[] b = ArrayFixtures.randomFloats(random, k * n);
        float[] c = ArrayFixtures.randomFloats(random, m * n);
        Arrays.fill(c, 0, n, -0f);
        Arrays.fill(c, n, 2 * n, 0f);

        for (float alpha : new float[] {-0.1f, 0.1f}) {
            float[] actual = c.clone();
            TWO_THREADS_SKIPPING.addScaledProductTransposeA(alpha, a, b, actual, new float[m * n], m, k, n);
            assertArrayEquals(multiplyThenAxpy(TWO_THREADS_SKIPPING, alpha, a, b, c, m, k, n), actual, "alpha " + alpha);
            int expectedBits = alpha < 0 ? Float.floatToRawIntBits(-0f) : Float.floatToRawIntBits(0f);
            assertEquals(expectedBits, Float.floatToRawIntBits(actual[0]), "a −0 of a blank row, alpha " + alpha);
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(actual[n]), "a +0 of a blank row");
            assertEquals(c[m / 2 * n - 1], actual[m / 2 * n - 1], "another value of a blank row");
            assertNotEquals(c[m / 2 * n], actual[m / 2 * n], "a row that is not blank moves");
        }
    }

    /** The definition: C + alpha·(Aᵀ·B) through scratch, on the given kernels. */
    private static float[] multiplyThenAxpy(Kernels kernels, float alpha, float[] a, float[] b, float[] c, int m, int k, int n) {
        float[] product = new float[m * n];
        kernels.matmulTransposeA(a, b, product, m, k, n, false);
        float[] result = c.clone();
        kernels.axpy(alpha, product, result, m * n);
        return result;
    }

    /** c with about a tenth of its values replaced by +0 and a tenth by −0. */
    private static float[] withSignedZeros(Random random, float[] c) {
        for (int i = 0; i < c.length; i++) {
            double u = random.nextDouble();
            if (u < 0.1) {
                c[i] = 0f;
            } else if (u < 0.2) {
                c[i] = -0f;
            }
        }
        return c;
    }
}
