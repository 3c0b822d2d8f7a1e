package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The vector row, column and element-wise kernels against the scalar reference. Most must agree
 * bit for bit, because they do the same single operation per element, or add in the same order;
 * the comment on each property says why. Only softmax (a different exp) and dot (a different
 * order of additions) get a tolerance, and axpy, which fuses its multiply-add, is checked against
 * {@link Math#fma}.
 */
class ElementwiseProperties {
    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static final VectorKernels VECTOR = new VectorKernels(1);
    /** One, two and three threads: the hidden layer's passes are shared out above a size. */
    private static final VectorKernels[] ON_THREADS = {VECTOR, new VectorKernels(2), new VectorKernels(3)};

    @Provide
    Arbitrary<Integer> small() {
        return ArrayFixtures.smallDimension();
    }

    /** Lengths for element-wise kernels: the small dimensions and anything up to 2,000. */
    @Provide
    Arbitrary<Integer> length() {
        return Arbitraries.oneOf(ArrayFixtures.smallDimension(), Arbitraries.integers().between(0, 2000));
    }

    // ---- rows and columns ----

    /** One addition per element in both: equal bits. */
    @Property(tries = 60)
    void addRowVectorEqualsScalar(@ForAll("small") int rows, @ForAll("small") int cols, @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = ArrayFixtures.randomFloats(random, rows * cols);
        float[] v = ArrayFixtures.randomFloats(random, cols);
        float[] expected = a.clone();
        SCALAR.addRowVector(expected, v, rows, cols);
        VECTOR.addRowVector(a, v, rows, cols);
        assertArrayEquals(expected, a);
    }

    /**
     * z becomes z + bias and out its ReLU, bit for bit as the reference and as addRowVector
     * followed by relu; also when out is z itself.
     */
    @Property(tries = 60)
    void addRowVectorReluEqualsScalarAndTheTwoStepVersion(@ForAll("small") int rows, @ForAll("small") int cols,
                                                          @ForAll long seed) {
        Random random = new Random(seed);
        float[] z = ArrayFixtures.randomFloats(random, rows * cols);
        float[] bias = ArrayFixtures.randomFloats(random, cols);

        float[] zScalar = z.clone();
        float[] outScalar = new float[rows * cols];
        SCALAR.addRowVectorRelu(zScalar, bias, outScalar, rows, cols);

        float[] zVector = z.clone();
        float[] outVector = new float[rows * cols];
        VECTOR.addRowVectorRelu(zVector, bias, outVector, rows, cols);

        float[] twoSteps = z.clone();
        float[] twoStepsOut = new float[rows * cols];
        SCALAR.addRowVector(twoSteps, bias, rows, cols);
        SCALAR.relu(twoSteps, twoStepsOut, rows * cols);

        assertArrayEquals(zScalar, zVector, "z");
        assertArrayEquals(outScalar, outVector, "out");
        assertArrayEquals(twoSteps, zVector, "z against addRowVector");
        assertArrayEquals(twoStepsOut, outVector, "out against relu");

        float[] inPlace = z.clone();
        VECTOR.addRowVectorRelu(inPlace, bias, inPlace, rows, cols);
        assertArrayEquals(outScalar, inPlace, "out == z");
    }

    /** Rows are added one after another into the sums, as in the reference: equal bits. */
    @Property(tries = 60)
    void columnSumsEqualScalar(@ForAll("small") int rows, @ForAll("small") int cols, @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = ArrayFixtures.randomFloats(random, rows * cols);
        float[] expected = ArrayFixtures.randomFloats(random, cols); // overwritten, whatever it held
        float[] actual = ArrayFixtures.randomFloats(random, cols);
        SCALAR.columnSums(a, expected, rows, cols);
        VECTOR.columnSums(a, actual, rows, cols);
        assertArrayEquals(expected, actual);
    }

    /** A copy per row, any rows in any order, repeats included: equal bits. */
    @Property(tries = 40)
    void gatherRowsEqualsScalar(@ForAll("small") int count, @ForAll("small") int cols, @ForAll long seed) {
        Random random = new Random(seed);
        int sourceRows = 1 + random.nextInt(50);
        float[] source = ArrayFixtures.randomFloats(random, sourceRows * cols);
        int from = random.nextInt(4);
        int[] rows = new int[from + count];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(sourceRows);
        }
        float[] expected = new float[count * cols];
        float[] actual = new float[count * cols];
        SCALAR.gatherRows(source, rows, from, count, cols, expected);
        VECTOR.gatherRows(source, rows, from, count, cols, actual);
        assertArrayEquals(expected, actual);
    }

    /**
     * The hidden layer's bias and ReLU, its bias gradient and the gather of its minibatch, at
     * sizes where they are shared among threads (a minibatch of 64 × 512 and around it, with
     * tails): on 1, 2 and 3 threads, the reference's bits.
     */
    @Property(tries = 12)
    void theHiddenLayerPassesGiveTheReferenceBitsOnAnyThreadCount(@ForAll("sharedRows") int rows,
                                                                  @ForAll("sharedCols") int cols,
                                                                  @ForAll long seed) {
        Random random = new Random(seed);
        float[] z = ArrayFixtures.randomFloats(random, rows * cols);
        float[] bias = ArrayFixtures.randomFloats(random, cols);
        float[] zExpected = z.clone();
        float[] outExpected = new float[rows * cols];
        SCALAR.addRowVectorRelu(zExpected, bias, outExpected, rows, cols);
        float[] sumsExpected = new float[cols];
        SCALAR.columnSums(z, sumsExpected, rows, cols);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = random.nextInt(rows);
        }
        float[] gatheredExpected = new float[rows * cols];
        SCALAR.gatherRows(z, order, 0, rows, cols, gatheredExpected);
        for (VectorKernels kernels : ON_THREADS) {
            String where = kernels.threads() + " thread(s), " + rows + "×" + cols + ": ";
            float[] zActual = z.clone();
            float[] outActual = new float[rows * cols];
            kernels.addRowVectorRelu(zActual, bias, outActual, rows, cols);
            assertArrayEquals(zExpected, zActual, where + "z + bias");
            assertArrayEquals(outExpected, outActual, where + "ReLU");
            float[] sumsActual = ArrayFixtures.randomFloats(random, cols);
            kernels.columnSums(z, sumsActual, rows, cols);
            assertArrayEquals(sumsExpected, sumsActual, where + "column sums");
            float[] gatheredActual = new float[rows * cols];
            kernels.gatherRows(z, order, 0, rows, cols, gatheredActual);
            assertArrayEquals(gatheredExpected, gatheredActual, where + "gather");
        }
    }

    /** With {@link #sharedCols}, at least {@link VectorKernels#PARALLEL_PASS_MIN} elements. */
    @Provide
    Arbitrary<Integer> sharedRows() {
        return Arbitraries.integers().between(64, 130);
    }

    @Provide
    Arbitrary<Integer> sharedCols() {
        return Arbitraries.oneOf(Arbitraries.of(256, 512, 784), Arbitraries.integers().between(256, 900));
    }

    /**
     * Within a relative (2·cols + 8)·eps of the reference: the vector exp may differ from
     * Math.exp by a few ulps (the Vector API allows it), the row sums add in another order (each
     * within cols·eps/2), and the subtraction and division round the same way. Also: in place
     * equals out of place, and every row sums to 1.
     */
    @Property(tries = 80)
    void rowSoftmaxMatchesScalarWithinTolerance(@ForAll("small") int rows, @ForAll("small") int cols,
                                                @ForAll long seed) {
        Random random = new Random(seed);
        float shift = (random.nextFloat() - 0.5f) * 2000; // softmax ignores it; the max shift keeps exp finite
        float[] in = new float[rows * cols];
        for (int i = 0; i < in.length; i++) {
            in[i] = shift + (random.nextFloat() * 2 - 1) * 30;
        }
        float[] expected = new float[in.length];
        float[] actual = new float[in.length];
        SCALAR.rowSoftmax(in, expected, rows, cols);
        VECTOR.rowSoftmax(in, actual, rows, cols);
        double tolerance = (2.0 * cols + 8) * ArrayFixtures.FLOAT_EPS;
        for (int i = 0; i < in.length; i++) {
            double error = Math.abs((double) actual[i] - expected[i]);
            assertTrue(error <= tolerance * expected[i] + Float.MIN_NORMAL,
                    "element " + i + ": " + actual[i] + " vs " + expected[i]);
        }
        for (int r = 0; r < rows && cols > 0; r++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += actual[r * cols + j];
            }
            assertEquals(1.0, sum, tolerance + cols * ArrayFixtures.FLOAT_EPS, "row " + r + " sums to");
        }
        float[] inPlace = in.clone();
        VECTOR.rowSoftmax(inPlace, inPlace, rows, cols);
        assertArrayEquals(actual, inPlace, "in place");
    }

    // ---- element-wise ----

    /** Documented as one fused multiply-add per element: exactly Math.fma, and near the reference's two roundings. */
    @Property(tries = 60)
    void axpyIsFusedMultiplyAddPerElement(@ForAll("length") int n, @ForAll long seed) {
        Random random = new Random(seed);
        float alpha = (random.nextFloat() - 0.5f) * 4;
        float[] x = ArrayFixtures.randomFloats(random, n);
        float[] y = ArrayFixtures.randomFloats(random, n);
        float[] actual = y.clone();
        VECTOR.axpy(alpha, x, actual, n);
        float[] reference = y.clone();
        SCALAR.axpy(alpha, x, reference, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Math.fma(alpha, x[i], y[i]), actual[i], 0f, "element " + i);
            double bound = 2 * ArrayFixtures.FLOAT_EPS * (Math.abs(y[i]) + Math.abs(alpha * x[i]));
            assertEquals(reference[i], actual[i], bound, "element " + i + " against the reference");
        }
    }

    /**
     * axpy leaves y alone where a whole vector of x is the zero whose product with alpha is −0
     * (the blank rows of dW1): that must be exactly what fma gives, bit for bit, also where y is
     * ±0, x holds the other zero or a mix, and alpha is either sign, zero, infinite or NaN.
     */
    @Property(tries = 200)
    void axpyOverZerosOfXIsStillOneFmaPerElement(@ForAll("length") int n, @ForAll("alphas") float alpha, @ForAll long seed) {
        Random random = new Random(seed);
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        float[] x = ArrayFixtures.randomFloats(random, n);
        float[] y = ArrayFixtures.randomFloats(random, n);
        for (int from = 0; from < n; from += lanes) { // each vector of x: as it is, +0, −0 or a mix of both zeros
            int kind = random.nextInt(4);
            for (int i = from; i < Math.min(n, from + lanes) && kind > 0; i++) {
                x[i] = kind == 1 ? 0f : kind == 2 ? -0f : random.nextBoolean() ? 0f : -0f;
            }
        }
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                y[i] = random.nextBoolean() ? 0f : -0f;
            }
        }
        float[] actual = y.clone();
        VECTOR.axpy(alpha, x, actual, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(Math.fma(alpha, x[i], y[i])), Float.floatToRawIntBits(actual[i]),
                    "alpha " + alpha + ", x " + x[i] + ", y " + y[i] + ": element " + i);
        }
    }

    @Provide
    Arbitrary<Float> alphas() {
        return Arbitraries.oneOf(Arbitraries.floats().between(-4f, 4f),
                Arbitraries.of(0f, -0f, -0.1f, 0.1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN));
    }

    /**
     * A long axpy (the SGD update of W1) is shared among threads in pieces, or on one thread run
     * from its last piece to its first: every element must still be exactly its own fma, for any
     * thread count and on a pool's calling thread alone, at lengths just above the threshold, with
     * a tail, and over several pieces, with stretches of x blank as dW1's rows for blank pixels.
     */
    @Example
    void aLongAxpyOnSeveralThreadsIsStillOneFmaPerElement() {
        int[] lengths = {VectorKernels.PARALLEL_AXPY_MIN, VectorKernels.PARALLEL_AXPY_MIN + 37,
            5 * VectorKernels.AXPY_ITEM + 3};
        for (int threads = 1; threads <= 3; threads++) {
            VectorKernels kernels = new VectorKernels(threads);
            for (int n : lengths) {
                checkLongAxpy(threads + " threads", n, x -> kernels.axpy(-0.37f, x[0], x[1], n));
                checkLongAxpy(threads + " threads, caller alone", n,
                        x -> WorkerPool.callerOnly(() -> {
                            kernels.axpy(-0.37f, x[0], x[1], n);
                            return null;
                        }));
            }
        }
    }

    /** Runs {@code axpy} (alpha −0.37) on {x, y} of length n and checks each element against Math.fma. */
    private static void checkLongAxpy(String how, int n, Consumer<float[][]> axpy) {
        Random random = new Random(n);
        float alpha = -0.37f;
        float[] x = ArrayFixtures.randomFloats(random, n);
        for (int blank = 0; blank + 3000 < n; blank += 20_000) {
            Arrays.fill(x, blank, blank + 3000, 0f);
        }
        float[] y = ArrayFixtures.randomFloats(random, n);
        float[] actual = y.clone();
        axpy.accept(new float[][] {x, actual});
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(Math.fma(alpha, x[i], y[i])) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(how + ", n = " + n + ": element " + i
                        + " is " + actual[i] + ", fma gives " + Math.fma(alpha, x[i], y[i]));
            }
        }
    }

    /**
     * Both accumulate in double, in different orders: within 2·n·eps(double)·Σ|x·y| (the products
     * of floats are exact in double, so only the additions round).
     */
    @Property(tries = 60)
    void dotMatchesScalarWithinBound(@ForAll("length") int n, @ForAll long seed) {
        Random random = new Random(seed);
        float[] x = ArrayFixtures.randomFloats(random, n);
        float[] y = ArrayFixtures.randomFloats(random, n);
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            magnitude += Math.abs((double) x[i] * y[i]);
        }
        double bound = 2.0 * n * ArrayFixtures.DOUBLE_EPS * magnitude;
        assertEquals(SCALAR.dot(x, y, n), VECTOR.dot(x, y, n), bound);
    }

    /** A max per element, NaN, −0 and +0 included: equal bits (NaNs compared as NaN). */
    @Property(tries = 40)
    void reluEqualsScalar(@ForAll("length") int n, @ForAll long seed) {
        Random random = new Random(seed);
        float[] in = withSpecialValues(ArrayFixtures.randomFloats(random, n), random);
        float[] expected = new float[n];
        float[] actual = new float[n];
        SCALAR.relu(in, expected, n);
        VECTOR.relu(in, actual, n);
        assertArrayEquals(expected, actual);
    }

    // tag::lab-remove-relu[]
    /** A comparison and a choice per element: equal bits; a NaN in x masks, as x &gt; 0 is false. */
    @Property(tries = 40)
    void reluBackwardEqualsScalar(@ForAll("length") int n, @ForAll long seed) {
        Random random = new Random(seed);
        float[] x = withSpecialValues(ArrayFixtures.randomFloats(random, n), random);
        float[] dout = ArrayFixtures.randomFloats(random, n);
        float[] expected = new float[n];
        float[] actual = new float[n];
        SCALAR.reluBackward(x, dout, expected, n);
        VECTOR.reluBackward(x, dout, actual, n);
        assertArrayEquals(expected, actual);
    }
    // end::lab-remove-relu[]

    /** Sprinkles NaN, −0, +0 and ±∞ over about one element in eight. */
    private static float[] withSpecialValues(float[] x, Random random) {
        float[] specials = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < x.length; i++) {
            if (random.nextInt(8) == 0) {
                x[i] = specials[random.nextInt(specials.length)];
            }
        }
        return x;
    }
}
