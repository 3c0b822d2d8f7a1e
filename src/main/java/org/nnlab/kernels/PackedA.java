package org.nnlab.kernels;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The steps each row tile of op(A) walks, and the tile's values at those steps copied into the
 * layout the {@code packed} micro-kernels read: always for a row-major A, and for a transposed A
 * when its zeros are skipped.
 *
 * <p><b>Packing.</b> A row-major A (C = A·B, A·Bᵀ) has a tile's values for step p in tileRows rows,
 * k floats apart; the JIT then spends an index computation per row and step. So each tile is
 * copied step after step, the tileRows values of one step side by side, and the kernel finds them
 * at a fixed offset from one index. A last tile with fewer rows is padded with zeros. A
 * transposed A (C = Aᵀ·B) already has a step's values side by side, and is read in place when
 * every step is walked. When only the listed steps are, its values at them are copied too
 * ({@link #copyListedOfTransposed}): read in place, the kernel found step p's values at
 * p·m + i, a multiply and two range checks per step that the JIT could not take out of the
 * loop, and on an AMD EPYC with AVX2 Xᵀ·dZ1 with zero-skipping took 1.05–1.20 times as long as
 * with the copy, the copy included (bench/README.adoc, session 28).
 *
 * <p><b>Skipping zeros.</b> When asked to, only the steps p at which some row of the tile has a
 * non-zero A[i+r][p] are listed (and copied); the {@code …Sparse} micro-kernels walk that list. A
 * skipped step would have added fma(0, b, c) to each element of the tile, which is c itself when b
 * is finite: 0·b is ±0 exactly, and c + (±0) = c. The remaining steps come in the same order, so
 * the result is the dense one, bit for bit. Two cases are not covered, and training does not meet
 * them: a B with an infinite or NaN element (fma(0, ∞, c) is NaN; a network whose weights are no
 * longer finite has diverged, and the trainer stops it), and a running sum of −0, where
 * −0 + (+0) = +0. The multiply never starts from −0, because it skips zeros only when it
 * overwrites C (a running sum starts from +0); −0 would need a product so small that it rounds to
 * zero.
 *
 * <p>Each (tile, pass over k) has a list from {@link #from} to {@link #to}: positions q, with the
 * step {@code steps()[q]} (counted from the pass's first step) and, when packed, its values at
 * {@code values()[q·tileRows + r]}. Without skipping every step is listed, so a full list's values
 * are also the dense layout, from {@code from·tileRows} on.
 *
 * <p>One instance per thread (in its workspace) is refilled by every multiply on that thread; its
 * arrays grow to the largest A seen and are reused after that, so a training step allocates
 * nothing here. Worker threads pack some of its tiles, each into its own part of the arrays, then
 * only read it.
 */
final class PackedA implements IntConsumer {
    /** Values of A per work item when the pool shares out the packing. */
    static final int PARALLEL_VALUES = 1 << 13;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
    /** See VectorKernels on why a vector is cast to its class where it is loaded. */
    private static final Class<? extends Vector<Float>> FLOAT_CLASS = FLOATS.vectorType();
    private static final Class<? extends Vector<Integer>> INT_CLASS = INTS.vectorType();

    private float[] values = new float[0];
    private int[] steps = new int[0];
    /**
     * For a transposed A whose zeros are skipped: bit p % 32 of word (p / 32)·m + i is set when
     * A[i][p] is not zero (see {@link #markWord}).
     */
    private int[] nonZeroSteps = new int[0];
    /** Position of the first step of (tile t, pass b) at t·(passes + 1) + b; entry t·(passes + 1) + passes ends tile t. */
    private int[] starts = new int[0];
    private int tiles;
    private int passes;
    /**
     * For a row-major A whose zeros are skipped, the steps of each pass that at least one tile
     * lists: pass b's from {@code anyTileStarts[b]} to {@code anyTileStarts[b + 1]}, counted from
     * the pass's first step, in order. No kernel reads B's rows at the other steps, so FloatMatmul
     * leaves them out of its panels (see {@link #listsStepsOfAnyTile}).
     */
    private int[] stepsOfAnyTile = new int[0];
    private int[] anyTileStarts = new int[0];
    /** Scratch for listStepsOfAnyTile: 1 at each step of the pass that some tile lists. */
    private int[] listedByATile = new int[0];
    /** The operands of the last pack, for its work items (and for listsStepsOfAnyTile after it). */
    private float[] a;
    private boolean transposeA;
    private int m;
    private int k;
    private int tileRows;
    private int kStep;
    private boolean skipZeros;
    private int tilesPerItem;

    /**
     * Lists the steps of op(A), m×k, in row tiles of {@code tileRows} rows and passes of
     * {@code kStep} steps, and packs the values of a row-major A. A is stored m×k, or k×m when
     * {@code transposeA}. With {@code skipZeros}, only the steps where the tile has a non-zero value
     * are kept. Tiles are independent (each has its own part of every array), so the pool shares
     * them out. Returns this.
     */
    PackedA pack(WorkerPool pool, float[] a, boolean transposeA, int m, int k, int tileRows, int kStep,
                 boolean skipZeros) {
        tiles = (m + tileRows - 1) / tileRows;
        passes = (k + kStep - 1) / kStep;
        if (steps.length < tiles * k) {
            steps = new int[tiles * k];
        }
        if ((!transposeA || skipZeros) && values.length < tiles * k * tileRows) {
            values = new float[tiles * k * tileRows];
        }
        if (starts.length < tiles * (passes + 1)) {
            starts = new int[tiles * (passes + 1)];
        }
        this.a = a;
        this.transposeA = transposeA;
        this.m = m;
        this.k = k;
        this.tileRows = tileRows;
        this.kStep = kStep;
        this.skipZeros = skipZeros;
        if (transposeA && skipZeros) {
            markNonZeroSteps(pool);
        }
        // About PARALLEL_VALUES values of A per work item: 1 tile of a minibatch's 64×784 X, 21 of its Xᵀ.
        tilesPerItem = Math.max(1, PARALLEL_VALUES / (k * tileRows));
        int items = (tiles + tilesPerItem - 1) / tilesPerItem;
        if (items > 1 && (long) m * k >= PARALLEL_VALUES) {
            pool.forEach(items, this);
        } else {
            for (int item = 0; item < items; item++) {
                accept(item);
            }
        }
        this.a = null; // keeps no array alive between multiplies
        if (listsStepsOfAnyTile()) {
            listStepsOfAnyTile();
        }
        return this;
    }

    /**
     * Lists, pass by pass, the steps that some tile lists. Done on the calling thread once all
     * tiles are listed: the tiles' own lists, read one after another, mark their steps.
     */
    private void listStepsOfAnyTile() {
        if (stepsOfAnyTile.length < k) {
            stepsOfAnyTile = new int[k];
        }
        if (anyTileStarts.length < passes + 1) {
            anyTileStarts = new int[passes + 1];
        }
        if (listedByATile.length < kStep) {
            listedByATile = new int[kStep];
        }
        int next = 0;
        for (int pass = 0; pass < passes; pass++) {
            int kc = Math.min(kStep, k - pass * kStep);
            anyTileStarts[pass] = next;
            Arrays.fill(listedByATile, 0, kc, 0);
            for (int t = 0; t < tiles; t++) {
                for (int q = from(t, pass), end = to(t, pass); q < end; q++) {
                    listedByATile[steps[q]] = 1;
                }
            }
            for (int p = 0; p < kc; p++) {
                stepsOfAnyTile[next] = p; // branch-free, as in listNonZeroOfRows
                next += listedByATile[p];
            }
        }
        anyTileStarts[passes] = next;
    }

    /** Packs tiles [item·tilesPerItem, (item + 1)·tilesPerItem) of the A given to {@link #pack}. */
    @Override
    public void accept(int item) {
        int end = Math.min(tiles, (item + 1) * tilesPerItem);
        for (int t = item * tilesPerItem; t < end; t++) {
            packTile(t);
        }
    }

    private void packTile(int t) {
        int i = t * tileRows;
        int rows = Math.min(tileRows, m - i);
        int next = t * k;
        for (int pass = 0; pass < passes; pass++) {
            int p0 = pass * kStep;
            int kc = Math.min(kStep, k - p0);
            starts[t * (passes + 1) + pass] = next;
            int end;
            if (!skipZeros) {
                end = listAll(kc, next);
            } else if (transposeA) {
                end = listMarkedSteps(i, rows, p0, kc, next);
            } else {
                end = listNonZeroOfRows(a, i * k + p0, k, rows, kc, next);
            }
            if (!transposeA) {
                copyTile(a, i * k + p0, k, rows, tileRows, kc, next, end);
            } else if (skipZeros) {
                copyListedOfTransposed(a, i, rows, p0, next, end);
            }
            next = end;
        }
        starts[t * (passes + 1) + passes] = next;
    }

    /** Lists every step: steps 0, 1, …, kc − 1 at positions next, next + 1, …. Returns the end. */
    private int listAll(int kc, int next) {
        for (int p = 0; p < kc; p++) {
            steps[next + p] = p;
        }
        return next + kc;
    }

    /**
     * A row-major tile, rows at {@code from + r·k}: lists, from {@code next} on, the steps where
     * one of them is non-zero. The list's own place, steps[next .. next + kc), first holds the OR
     * of each step's bits, which the list then overwrites from the front. Returns the end of the
     * list.
     */
    private int listNonZeroOfRows(float[] a, int from, int k, int rows, int kc, int next) {
        Arrays.fill(steps, next, next + kc, 0);
        for (int r = 0; r < rows; r++) {
            orBits(a, from + r * k, kc, next);
        }
        int q = next;
        for (int p = 0; p < kc; p++) {
            int bits = steps[next + p]; // read before it may be overwritten: q ≤ next + p
            steps[q] = p;
            q += bits != 0 ? 1 : 0; // branch-free: written either way, kept when it counts
        }
        return q;
    }

    /** steps[at + p] |= bits of a[from + p] without the sign, for p in [0, kc): whole vectors, then the tail. */
    private void orBits(float[] a, int from, int kc, int at) {
        int p = 0;
        for (int bound = INTS.loopBound(kc); p < bound; p += INTS.length()) {
            FloatVector xs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, a, from + p));
            IntVector bits = (IntVector) INT_CLASS.cast(xs.reinterpretAsInts());
            bits.lanewise(VectorOperators.LSHL, 1).or(IntVector.fromArray(INTS, steps, at + p)).intoArray(steps, at + p);
        }
        for (; p < kc; p++) {
            steps[at + p] |= Float.floatToRawIntBits(a[from + p]) << 1;
        }
    }

    // A transposed A (Xᵀ·dZ1: X stored 64×784, a row tile is 6 pixels, a step is an image) is
    // looked through for every pixel's non-zero images. Checked one tile and step at a time, 6
    // loads and ORs each, that took 30 µs per minibatch of MNIST on a Xeon, as long as packing X
    // for X·W1. Now each step's row of A is read a vector at a time, and each pixel's non-zero
    // steps are marked as bits of a word; a tile ORs the words of its rows, 32 steps at a time, and
    // lists the bits that are set: 11 µs (session 13, JDK 17 and 25).

    private static int words(int k) {
        return (k + 31) >>> 5;
    }

    /**
     * Marks every row's non-zero steps ({@link #markWord}): all rows at once, as a work item's rows
     * would leave a tail at every step, and a word of 32 steps per work item: a minibatch of 64
     * makes one for each of two threads.
     */
    private void markNonZeroSteps(WorkerPool pool) {
        if (nonZeroSteps.length < words(k) * m) {
            nonZeroSteps = new int[words(k) * m];
        }
        if (words(k) > 1 && (long) m * k >= PARALLEL_VALUES) {
            pool.forEach(words(k), markWordItem);
        } else {
            for (int w = 0; w < words(k); w++) {
                markWord(w);
            }
        }
    }

    /** {@link #markWord} as a work item for the pool, made once: a training step allocates nothing. */
    private final IntConsumer markWordItem = this::markWord;

    /**
     * Marks, for every row i of op(A) (a pixel) and the steps p of word w (images 32w to 32w + 31),
     * whether A[i][p] is non-zero: bit p % 32 of nonZeroSteps[w·m + i]. As in orBits, the bits of
     * a float shifted left by one are zero exactly for ±0 (a NaN counts as non-zero); (x | −x) >>> 31
     * is then 1 when x is not zero, and 0 when it is.
     */
    private void markWord(int w) {
        float[] a = this.a;
        int m = this.m;
        int stepEnd = Math.min(k, (w + 1) << 5);
        int i = 0;
        for (int bound = INTS.loopBound(m); i < bound; i += INTS.length()) {
            IntVector marks = IntVector.zero(INTS); // the word's 32 steps, for 16 (8, 4) rows
            for (int p = w << 5; p < stepEnd; p++) {
                FloatVector xs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, a, p * m + i));
                IntVector x = ((IntVector) INT_CLASS.cast(xs.reinterpretAsInts())).lanewise(VectorOperators.LSHL, 1);
                marks = marks.or(x.or(x.neg()).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, p & 31));
            }
            ((IntVector) INT_CLASS.cast(marks)).intoArray(nonZeroSteps, w * m + i);
        }
        for (; i < m; i++) {
            int marks = 0;
            for (int p = w << 5; p < stepEnd; p++) {
                int x = Float.floatToRawIntBits(a[p * m + i]) << 1;
                marks |= ((x | -x) >>> 31) << (p & 31);
            }
            nonZeroSteps[w * m + i] = marks;
        }
    }

    /**
     * A transposed tile of the pixels [i, i + rows): lists, from {@code next} on, the steps of
     * [p0, p0 + kc) (counted from p0) where one of them is non-zero, in order, from the marks of
     * {@link #markWord}. Returns the end of the list.
     */
    private int listMarkedSteps(int i, int rows, int p0, int kc, int next) {
        int q = next;
        int end = p0 + kc;
        for (int w = p0 >>> 5; w < words(end); w++) {
            int first = w << 5; // the step of bit 0
            int bits = 0;
            for (int r = 0; r < rows; r++) {
                bits |= nonZeroSteps[w * m + i + r];
            }
            if (first < p0) {
                bits &= -1 << (p0 - first); // steps before the pass
            }
            if (first + 32 > end) {
                bits &= -1 >>> (first + 32 - end); // steps after it
            }
            while (bits != 0) {
                steps[q++] = first + Integer.numberOfTrailingZeros(bits) - p0;
                bits &= bits - 1;
            }
        }
        return q;
    }

    /**
     * Copies the listed steps of a transposed tile, the pixels [i, i + rows) (A stored k×m: step
     * p's values of the tile at (p0 + p)·m + i, neighbours), to positions [next, end), zero in
     * the rows past {@code rows}.
     */
    private void copyListedOfTransposed(float[] a, int i, int rows, int p0, int next, int end) {
        if (rows == tileRows && FloatMicroKernels.packListedTransposed(rows, a, p0 * m + i, m, values, steps, next, end)) {
            return;
        }
        for (int q = next; q < end; q++) {
            int from = (p0 + steps[q]) * m + i;
            int to = q * tileRows;
            for (int r = 0; r < rows; r++) {
                values[to + r] = a[from + r];
            }
            for (int r = rows; r < tileRows; r++) {
                values[to + r] = 0f;
            }
        }
    }

    /**
     * Copies a row-major tile's listed steps (rows at {@code from + r·k}) to positions [next, end).
     * A full tile goes through the copy generated for its row count (FloatMicroKernels.packListed,
     * which reads the list, also when every step is listed: the list is then 0, 1, …, kc − 1); the
     * last, shorter tile of A, and row counts without a generated copy, through the loops below.
     */
    private void copyTile(float[] a, int from, int k, int rows, int tileRows, int kc, int next, int end) {
        if (rows == tileRows && FloatMicroKernels.packListed(rows, a, from, k, values, steps, next, end)) {
            return;
        }
        if (end - next < kc) {
            copyListed(a, from, k, rows, tileRows, next, end);
        } else {
            copyAll(a, from, k, rows, tileRows, kc, next);
        }
    }

    /**
     * Copies the listed steps of a row-major tile (rows at {@code from + r·k}) to positions
     * [next, end), the tile's values of a step side by side, zero in the rows past {@code rows}.
     */
    private void copyListed(float[] a, int from, int k, int rows, int tileRows, int next, int end) {
        for (int r = 0; r < rows; r++) {
            int row = from + r * k;
            for (int q = next; q < end; q++) {
                values[q * tileRows + r] = a[row + steps[q]];
            }
        }
        for (int r = rows; r < tileRows; r++) {
            for (int q = next; q < end; q++) {
                values[q * tileRows + r] = 0f;
            }
        }
    }

    /** As {@link #copyListed} when every step is listed: step p goes to position next + p. */
    private void copyAll(float[] a, int from, int k, int rows, int tileRows, int kc, int next) {
        for (int r = 0; r < rows; r++) {
            int row = from + r * k;
            int to = next * tileRows + r;
            for (int p = 0; p < kc; p++) {
                values[to + p * tileRows] = a[row + p];
            }
        }
        for (int r = rows; r < tileRows; r++) {
            for (int p = 0; p < kc; p++) {
                values[(next + p) * tileRows + r] = 0f;
            }
        }
    }

    /**
     * Whether a[0 .. length) holds a zero (+0 or −0, as the lists count them), a vector at a time,
     * stopping at the first. A minibatch of MNIST images answers at its first pixel; an A without
     * zeros is read once, a tenth of the cost of listing its steps (64×784 values: 2.5–4 µs against
     * 40–47 µs on the AVX2 machine of bench/README.adoc).
     */
    static boolean hasZero(float[] a, int length) {
        int i = 0;
        for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
            FloatVector xs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, a, i));
            if (xs.eq(0f).anyTrue()) {
                return true;
            }
        }
        for (; i < length; i++) {
            if (a[i] == 0f) {
                return true;
            }
        }
        return false;
    }

    float[] values() {
        return values;
    }

    int[] steps() {
        return steps;
    }

    /**
     * Whether the last {@link #pack} listed the steps that any tile walks ({@link #stepsOfAnyTile}):
     * it did when it skipped the zeros of a row-major A.
     */
    boolean listsStepsOfAnyTile() {
        return skipZeros && !transposeA;
    }

    /** The steps some tile lists, pass by pass: pass b's at positions [anyTileFrom(b), anyTileTo(b)). */
    int[] stepsOfAnyTile() {
        return stepsOfAnyTile;
    }

    int anyTileFrom(int pass) {
        return anyTileStarts[pass];
    }

    int anyTileTo(int pass) {
        return anyTileStarts[pass + 1];
    }

    /** The first position of tile {@code tile}'s list for pass {@code pass}. */
    int from(int tile, int pass) {
        return starts[listAt(tile, pass)];
    }

    /** One past the last position of that list. */
    int to(int tile, int pass) {
        return starts[listAt(tile, pass) + 1];
    }

    /**
     * Where the list of (tile, pass) begins in {@link #starts}: it runs from
     * {@code starts()[listAt(tile, pass)]} to the entry after; the next tile's list for the same
     * pass begins {@link #listStride} entries further. For kernels that walk a column of tiles.
     */
    int listAt(int tile, int pass) {
        return tile * (passes + 1) + pass;
    }

    int listStride() {
        return passes + 1;
    }

    int[] starts() {
        return starts;
    }

    /** The steps the kernels walk, summed over every tile and pass of the last {@link #pack}. */
    long keptSteps() {
        long kept = 0;
        for (int t = 0; t < tiles; t++) {
            kept += to(t, passes - 1) - from(t, 0);
        }
        return kept;
    }
}
