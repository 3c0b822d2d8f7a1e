package org.nnlab.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK Vector API: the same results as {@link ScalarKernels}, up to the
 * order of floating-point additions and the use of fused multiply-adds, computed several lanes at
 * a time.
 *
 * <p><b>Matrix multiply</b> is register-blocked, cache-blocked and split over a fixed pool of
 * threads; {@link FloatMatmul} describes how, and why the result is bit-identical for any number
 * of threads and any tile. Each form of product (wide A·B, Aᵀ·B, A·Bᵀ, narrow A·B) has a
 * FloatMatmul of its own, with the register tile {@link MachineTile} chose for that form
 * ({@link TilePlan}); with zero-skipping, each wide form also has a dense one, with the tile of the
 * machine's dense plan, for an A that has no zero to skip ({@link #zeroFreeTiles()}). The thread count comes from the constructor, or from the system property
 * {@value #THREADS_PROPERTY} (default: the number of available processors).
 *
 * <p><b>Element-wise and row kernels</b> run on the calling thread: they touch each element once,
 * so memory, not arithmetic, limits them, and the hand-off to another thread would cost more than
 * it saves at the sizes of a minibatch. Each loop runs whole vectors, then a scalar tail for the
 * last {@code n mod lanes} elements.
 *
 * <p><b>The boxed-vector cliff, and warm-up.</b> The JIT compiler (C2) turns Vector API calls into
 * vector instructions only when it can see each vector's exact class. For a vector carried around
 * a loop, or made by a call it inlines only later (a large kernel makes more calls than it inlines
 * at once), it cannot, and falls back on the classes it has seen at the call in the whole program
 * so far: none when the very first call of a kernel is one long loop compiled on-stack, several
 * when other code used another vector shape. Then it keeps every vector as a heap object and the
 * kernel runs 30–50 times slower for the rest of the run. The kernels therefore cast such vectors
 * to their species' class (see FloatMicroKernels' EXACT_CLASS), which removes the cause. {@link #warmUp()}
 * adds a second line of defence and a faster first epoch: it calls every kernel on small shapes
 * until C2 has compiled it the ordinary way. {@link KernelSelection} calls it once at start-up.
 *
 * <p><b>float32 only.</b> Every float64 method is inherited from the scalar reference. float64
 * serves the gradient checks of small networks, where speed does not matter and plain loops are
 * the better evidence; a vector twin of every float32 kernel would have to be kept in step with it
 * by hand for no gain in training.
 *
 * <p>{@code map} and {@code zip}, which take a lambda, are inherited from the scalar reference.
 *
 * <p>Row softmax is inherited from the scalar reference on purpose: the vector EXP gives different
 * last bits when C2 has intrinsified it than in its Java fallback (and than Math.exp in a tail), so
 * a run's numbers depended on JIT timing. Softmax over N×10 scores costs next to nothing.
 */
public class VectorKernels extends ScalarKernels {
    /** System property with the number of matrix-multiply threads; default: available processors. */
    public static final String THREADS_PROPERTY = "nnlab.threads";

    // tag::species[]
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    // end::species[]
    /** Floats that widen to exactly one vector of doubles (8 floats with AVX-512): for float dot products. */
    private static final VectorSpecies<Float> FLOATS_TO_WIDEN =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    /**
     * The classes of the vectors used here. A vector carried around a loop (an
     * accumulator) is cast to its class before a method is called on it after the loop: see
     * FloatMicroKernels' EXACT_CLASS for why, without the cast, the JIT may box every vector
     * of the loop. Inside loops the accumulator is passed as an argument instead, which needs no
     * cast in these short methods: the JIT inlines each of them whole while it reads it (under
     * -XX:-IncrementalInlineVirtual, which makes the JIT's late choices the worst ones, they stay
     * in registers). The matrix-multiply kernels are too large for that and cast every vector.
     *
     * <p>A loaded vector on which a method is then called ({@code xs.add(…)}, {@code xs.fma(…)})
     * is cast too, right where it is loaded: on JDK 17 it can otherwise lose its exact class once
     * other code has used other vector shapes. The cast is written out at each load, not put in a
     * helper method: a helper that returns a vector, wherever C2 declines to inline it, hands back
     * a heap object. That happened on JDK 25 in about one test run in seven, to the column sums
     * (3,456 bytes per call, for good), until the helper went.
     *
     * <p>In the element-wise passes of a training step (bias and ReLU, the axpy) every vector is
     * cast, the ones handed to another vector's method and the constants made before the loop
     * included: a scalar argument such as max(0f) makes its vector inside the Vector API, out of
     * the cast's reach. Split into two loops over a row, bias and ReLU lost their classes on
     * JDK 17 in 3 of 4 benchmark JVMs without these casts (786,432 bytes a step, for good: the
     * add of an uncast bias vector and the zero of max(0f) ran the Java fallback, session 16).
     */
    private static final Class<? extends Vector<Float>> FLOAT_CLASS = FLOATS.vectorType();
    private static final Class<? extends Vector<Double>> DOUBLE_CLASS = DOUBLES.vectorType();
    private static final Class<? extends Vector<Float>> NARROW_CLASS = FLOATS_TO_WIDEN.vectorType();
    /** Integers of the floats' shape: a float vector's bits, for the axpy's test for zeros. */
    private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
    private static final Class<? extends Vector<Integer>> INT_CLASS = INTS.vectorType();

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    /** Below this many elements, an axpy runs on the calling thread: the hand-off would cost more. */
    static final int PARALLEL_AXPY_MIN = 1 << 16;
    /** Elements per work item of a parallel axpy: 64 KiB of floats, a multiple of every lane count. */
    static final int AXPY_ITEM = 1 << 14;
    /**
     * Below this many elements, the hidden layer's bias and ReLU, its bias gradient and the
     * gather of a minibatch run on the calling thread. A minibatch of 64 × 512 has 32,768: on one
     * thread each pass takes about 1% of a training step, and with the multiplies on two threads
     * these passes were most of what still ran on one (bench/README.adoc). The ReLU mask stays on
     * the calling thread: the course lab (book chapter 9) has students write it, and its kernel
     * stays the one loop their version replaces.
     */
    static final int PARALLEL_PASS_MIN = 1 << 14;
    /** Elements per work item of those passes: 32 KiB of floats, so that 64 × 512 makes 4 items. */
    static final int PASS_ITEM = 1 << 13;

    /** System property: {@code false} turns zero-skipping in the matrix multiply off (default: on). */
    public static final String SPARSE_PROPERTY = "nnlab.sparse";

    private final WorkerPool pool;
    private final TilePlan tiles;
    private final TilePlan zeroFreeTiles;
    private final boolean skipZeros;
    /** One multiply per form of product, each with its form's tile (see {@link TilePlan}), and its dense one for an A without zeros. */
    private final FloatMatmul wide;
    private final FloatMatmul transposedA;
    private final FloatMatmul transposedB;
    private final FloatMatmul narrow;
    /** Aᵀ·B with a narrow C (Hᵀ·dZ2): column tiles, whatever the plan. */
    private final ColumnTileMatmul narrowTransposedA;

    /**
     * Kernels as the system properties say: {@value #THREADS_PROPERTY} threads, the tile or plan
     * of {@value Tile#PROPERTY} or else the machine's plan, zero-skipping unless
     * {@value #SPARSE_PROPERTY} is false.
     */
    public VectorKernels() {
        this(threadsFromProperty());
    }

    /** Kernels whose matrix multiplies use {@code threads} threads, the calling one included; tiles and zero-skipping as {@link #VectorKernels()}. */
    public VectorKernels(int threads) {
        this(threads, skipZerosFromProperty());
    }

    private VectorKernels(int threads, boolean skipZeros) {
        this(threads, MachineTile.chosen(skipZeros), MachineTile.chosen(false), skipZeros);
    }

    /** Kernels with the given thread count, one micro-kernel tile for every product, and zero-skipping on or off. */
    public VectorKernels(int threads, Tile tile, boolean skipZeros) {
        this(threads, TilePlan.everywhere(tile), skipZeros);
    }

    /**
     * Kernels with the given thread count, a micro-kernel tile per form of product, and
     * zero-skipping on or off. With zero-skipping, an A without zeros runs these tiles too.
     */
    public VectorKernels(int threads, TilePlan tiles, boolean skipZeros) {
        this(threads, tiles, tiles, skipZeros);
    }

    /**
     * As above; with zero-skipping, a product whose A has no zero at all has nothing to skip and
     * runs the dense multiply of {@code zeroFreeTiles}' tile for its form instead (see
     * {@link FloatMatmul#multiplierFor}). The narrow form never looks for zeros (its C is narrower
     * than {@value FloatMatmul#PACK_MIN_COLS} columns), so it is a dense multiply with its tile.
     */
    VectorKernels(int threads, TilePlan tiles, TilePlan zeroFreeTiles, boolean skipZeros) {
        this.pool = new WorkerPool(threads);
        this.tiles = tiles;
        this.zeroFreeTiles = skipZeros
                ? new TilePlan(zeroFreeTiles.wide(), zeroFreeTiles.transposedA(), zeroFreeTiles.transposedB(), tiles.narrow())
                : tiles;
        this.skipZeros = skipZeros;
        this.wide = form(tiles.wide(), this.zeroFreeTiles.wide());
        this.transposedA = form(tiles.transposedA(), this.zeroFreeTiles.transposedA());
        this.transposedB = form(tiles.transposedB(), this.zeroFreeTiles.transposedB());
        this.narrow = new FloatMatmul(pool, tiles.narrow());
        this.narrowTransposedA = new ColumnTileMatmul(pool);
    }

    /** The multiply of one form: dense with {@code tile}, or skipping zeros with {@code tile} and handing a zero-free A to a dense one with {@code zeroFreeTile}. */
    private FloatMatmul form(Tile tile, Tile zeroFreeTile) {
        return skipZeros
                ? FloatMatmul.skippingZeros(pool, tile, new FloatMatmul(pool, zeroFreeTile))
                : new FloatMatmul(pool, tile);
    }

    static boolean skipZerosFromProperty() {
        String value = System.getProperty(SPARSE_PROPERTY);
        if (value == null || value.isBlank()) {
            return true;
        }
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(
                        "system property " + SPARSE_PROPERTY + " must be true or false, got '" + value + "'");
        }
    }

    static int threadsFromProperty() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "system property " + THREADS_PROPERTY + " must be a positive integer, got '" + value + "'");
    }

    @Override
    public String name() {
        return "vector";
    }

    /**
     * "vector kernels, 256-bit, 6×2 tile, zero-skipping", or with a tile per form "vector kernels,
     * 256-bit, tiles 6×2 (A·B, Aᵀ·B), 2×4 (A·Bᵀ), 4×2 (narrow), zero-skipping", followed by, e.g.,
     * "; A without zeros: 6×2 (A·B)" when a product whose A has no zero runs another tile: what
     * runs, for the line a training run starts with.
     */
    @Override
    public String describe() {
        String zeroFree = zeroFreeTiles.differencesFrom(tiles);
        String skipping = !skipZeros ? ", dense"
                : zeroFree.isEmpty() ? ", zero-skipping"
                : ", zero-skipping; A without zeros: " + zeroFree;
        return "vector kernels, " + MachineTile.describe(tiles) + skipping;
    }

    /** The micro-kernel tile of each form of matrix product. */
    public TilePlan tiles() {
        return tiles;
    }

    /**
     * The tiles a product whose A has no zero runs: the machine's dense plan with zero-skipping
     * and the machine's plans (except for the narrow form); {@link #tiles()} for dense kernels,
     * for kernels given one plan, and under {@code -Dnnlab.tile}.
     */
    public TilePlan zeroFreeTiles() {
        return zeroFreeTiles;
    }

    /** Whether the matrix multiply skips the zeros of A. */
    public boolean skipsZeros() {
        return skipZeros;
    }

    /** The number of threads a large matrix multiply uses, the calling thread included. */
    public int threads() {
        return pool.threads();
    }

    @Override
    public int parallelism() {
        return pool.runsOnCallerAlone() ? 1 : pool.threads();
    }

    /**
     * The parts go to the pool as its items: the caller claims from the front, a worker from the
     * back, so with two threads the caller runs part 0 and the worker part 1, call after call, unless
     * the worker is late, when the caller runs both. Inside a part every kernel runs on that part's
     * thread alone.
     */
    @Override
    public void forEachPart(int parts, IntConsumer part) {
        if (pool.runsOnCallerAlone()) {
            // One thread (or already inside a part): the parts in turn, and the kernels stay alone.
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
            return;
        }
        PARTS.get().runOn(pool, parts, part);
    }

    /**
     * Hands each part to the pool as an item, run with its kernels on its thread alone. One per
     * calling thread, refilled by every call, rather than a lambda per call, which would be garbage
     * on every training step (see FloatMatmul's Operands).
     */
    private static final class PartsOnTheirThreads implements IntConsumer {
        private IntConsumer part;

        void runOn(WorkerPool pool, int parts, IntConsumer part) {
            this.part = part;
            try {
                pool.forEach(parts, this);
            } finally {
                this.part = null;
            }
        }

        @Override
        public void accept(int p) {
            WorkerPool.runAlone(part, p);
        }
    }

    private static final ThreadLocal<PartsOnTheirThreads> PARTS = ThreadLocal.withInitial(PartsOnTheirThreads::new);

    /**
     * Runs every kernel on small shapes until the JIT has compiled it with vector instructions
     * (see the class comment). The first call in a JVM takes about a second; later calls return
     * at once, since compiled code is shared by all instances.
     */
    public void warmUp() {
        if (WARMED_UP.compareAndSet(false, true)) {
            WarmUp.run(this);
        }
    }

    // ---- matrix multiply ----

    // tag::forms[]
    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        plainForm(n).multiply(a, false, b, false, c, m, k, n, accumulate);
    }

    /** The form of C = A·B: wide when C has at least {@value FloatMatmul#PACK_MIN_COLS} columns, else narrow. */
    private FloatMatmul plainForm(int n) {
        return n >= FloatMatmul.PACK_MIN_COLS ? wide : narrow;
    }

    @Override
    public void matmulTransposeA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (ColumnTileMatmul.computes(n)) {
            narrowTransposedA.multiply(a, b, c, m, k, n, accumulate);
        } else {
            transposedA.multiply(a, true, b, false, c, m, k, n, accumulate);
        }
    }

    @Override
    public void matmulTransposeB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        transposedB.multiply(a, false, b, true, c, m, k, n, accumulate);
    }
    // end::forms[]

    /**
     * C += alpha·(Aᵀ·B) as the interface says; for a wide C in one pass along k, each tile of the
     * product goes from the micro-kernel to C without scratch being written (FloatMatmul.addScaledProduct).
     * Otherwise the product goes into scratch and axpy adds it, on the pool and skipping blank rows.
     */
    @Override
    public void addScaledProductTransposeA(float alpha, float[] a, float[] b, float[] c, float[] scratch,
                                           int m, int k, int n) {
        if (ColumnTileMatmul.computes(n) || !FloatMatmul.takesOnePass(k)) {
            super.addScaledProductTransposeA(alpha, a, b, c, scratch, m, k, n);
        } else {
            transposedA.addScaledProduct(alpha, a, true, b, false, c, m, k, n);
        }
    }

    /**
     * The tile that multiplies op(A)·op(B) for these operands (A stored as the three methods above
     * take it): which form, and which of its multiplies. For tests.
     */
    Tile tileFor(float[] a, boolean transposeA, boolean transposeB, int m, int k, int n, boolean accumulate) {
        FloatMatmul form = transposeA ? transposedA : transposeB ? transposedB : plainForm(n);
        return form.multiplierFor(a, m, k, n, accumulate).tile();
    }

    // ---- row and column operations ----

    @Override
    public void addRowVector(float[] a, float[] v, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            addInto(a, i * cols, v, 0, cols);
        }
    }

    @Override
    public void addRowVectorRelu(float[] z, float[] bias, float[] out, int rows, int cols) {
        if ((long) rows * cols < PARALLEL_PASS_MIN) {
            addRowVectorRelu(z, bias, out, cols, 0, rows);
            return;
        }
        // Each element is its own sum and max, so how the rows are shared out changes no bit.
        BIAS_RELU.get().set(z, bias, out, cols).runOn(pool, rows, Math.max(1, PASS_ITEM / cols));
    }

    /**
     * z = z + bias, out = max(z, 0), for rows [from, to): one row at a time, in two loops over the
     * row, which is still in L1 for the second. One loop storing into both z and out ran at half
     * the speed on a Xeon (64×512: 10 µs against 5 for the two loops, session 16): two streams of
     * stores in one loop cost more than reading the row twice.
     */
    private static void addRowVectorRelu(float[] z, float[] bias, float[] out, int cols, int from, int to) {
        for (int i = from; i < to; i++) {
            addInto(z, i * cols, bias, 0, cols);
            reluInto(z, out, i * cols, cols);
        }
    }

    /** The rows of one parallel {@link #addRowVectorRelu}. */
    private static final class BiasReluPass extends SplitPass {
        private float[] z;
        private float[] bias;
        private float[] out;
        private int cols;

        BiasReluPass set(float[] z, float[] bias, float[] out, int cols) {
            this.z = z;
            this.bias = bias;
            this.out = out;
            this.cols = cols;
            return this;
        }

        @Override
        void run(int from, int to) {
            addRowVectorRelu(z, bias, out, cols, from, to);
        }
    }

    private static final ThreadLocal<BiasReluPass> BIAS_RELU = ThreadLocal.withInitial(BiasReluPass::new);

    /**
     * Adds row after row into {@code out}, as the reference does, so each column sum is added in
     * the same order and the result is bit-identical to {@link ScalarKernels#columnSums}. A large
     * matrix is shared out by columns: each column is still summed by one thread, row after row.
     */
    @Override
    public void columnSums(float[] a, float[] out, int rows, int cols) {
        if ((long) rows * cols < PARALLEL_PASS_MIN) {
            columnSums(a, out, rows, cols, 0, cols);
            return;
        }
        int lanes = FLOATS.length();
        int colsPerItem = Math.max(lanes, PASS_ITEM / rows / lanes * lanes);
        COLUMN_SUMS.get().set(a, out, rows, cols).runOn(pool, cols, colsPerItem);
    }

    /** The sums of columns [from, to). */
    private static void columnSums(float[] a, float[] out, int rows, int cols, int from, int to) {
        Arrays.fill(out, from, to, 0f);
        for (int i = 0; i < rows; i++) {
            addInto(out, from, a, i * cols + from, to - from);
        }
    }

    /** The columns of one parallel {@link #columnSums}. */
    private static final class ColumnSumsPass extends SplitPass {
        private float[] a;
        private float[] out;
        private int rows;
        private int cols;

        ColumnSumsPass set(float[] a, float[] out, int rows, int cols) {
            this.a = a;
            this.out = out;
            this.rows = rows;
            this.cols = cols;
            return this;
        }

        @Override
        void run(int from, int to) {
            columnSums(a, out, rows, cols, from, to);
        }
    }

    private static final ThreadLocal<ColumnSumsPass> COLUMN_SUMS = ThreadLocal.withInitial(ColumnSumsPass::new);

    /**
     * The rows of a large gather are shared out: each is read from wherever the shuffle put it in
     * a training set of 188 MB, so copying a minibatch waits on memory, and was the largest part of
     * a two-thread step still left on one thread (bench/README.adoc). A copy changes no bit.
     */
    @Override
    public void gatherRows(float[] source, int[] rows, int from, int count, int cols, float[] target) {
        if ((long) count * cols < PARALLEL_PASS_MIN) {
            gatherRowsEndsFirst(source, rows, from, cols, target, 0, count);
            return;
        }
        GATHER.get().set(source, rows, from, cols, target).runOn(pool, count, Math.max(1, PASS_ITEM / cols));
    }

    /** The target rows of one parallel {@link #gatherRows}. */
    private static final class GatherPass extends SplitPass {
        private float[] source;
        private int[] rows;
        private int from;
        private int cols;
        private float[] target;

        GatherPass set(float[] source, int[] rows, int from, int cols, float[] target) {
            this.source = source;
            this.rows = rows;
            this.from = from;
            this.cols = cols;
            this.target = target;
            return this;
        }

        @Override
        void run(int first, int end) {
            gatherRowsEndsFirst(source, rows, from, cols, target, first, end);
        }
    }

    private static final ThreadLocal<GatherPass> GATHER = ThreadLocal.withInitial(GatherPass::new);

    /**
     * Target rows [first, end) of a gather, as the reference copies them, but with every row's
     * first and last value copied before the rows. A row of 784 floats is 3,136 bytes, in two
     * 4 KiB pages most of the time; copied one after another, each row seems to wait on memory by
     * itself, as if the processor saw no further ahead than the row it was copying. Loading both
     * ends of every row first lets those waits overlap (cache misses or page walks: the virtual
     * machine measured on has no performance counters to tell). On the AMD EPYC of bench/README.adoc
     * (GatherBenchmark, session 23), a minibatch of 64 shuffled rows took 16 µs instead of 26–28 on
     * one thread, 11.5–12 instead of 17.5 on two. The ends are copied twice, with the same values.
     */
    static void gatherRowsEndsFirst(float[] source, int[] rows, int from, int cols, float[] target, int first, int end) {
        if (cols == 0) {
            return;
        }
        for (int r = first; r < end; r++) {
            int row = rows[from + r] * cols;
            target[r * cols] = source[row];
            target[r * cols + cols - 1] = source[row + cols - 1];
        }
        ScalarKernels.gatherRows(source, rows, from, cols, target, first, end);
    }

    // ---- element-wise ----

    /** y[i] = fma(alpha, x[i], y[i]): one rounding per element, in the vector lanes and the tail alike. */
    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        if (n < PARALLEL_AXPY_MIN) {
            axpy(alpha, x, y, 0, n);
            return;
        }
        if (pool.runsOnCallerAlone()) {
            axpyFromTheLastPiece(alpha, x, y, n);
            return;
        }
        // The SGD update of W1 (784×512) streams 5 MB through the caches: a tenth of a training
        // step on one thread, and, with the multiplies on two threads, what kept a step from
        // scaling. Each element is its own fma, so how the elements are split changes no bit.
        AXPY.get().set(alpha, x, y).runOn(pool, n, AXPY_ITEM);
    }

    /**
     * A long axpy on one thread, in the pieces of the parallel one, the last piece first. On one
     * core W1 and dW1 (1.6 MB each) do not fit in L2 together (2 MB on the Xeon of
     * bench/README.adoc), and the backward pass has just written dW1's last rows: started from
     * the end, the update finds what it reads first still in L2 rather than in L3. On that Xeon
     * the update of W1 took 62–64 µs a step instead of 71–73 (session 16). With two threads each
     * core's half fits in its own L2, and the pool's order is kept. Each element is still its own
     * fma, so the order changes no bit.
     */
    private static void axpyFromTheLastPiece(float alpha, float[] x, float[] y, int n) {
        for (int from = (n - 1) / AXPY_ITEM * AXPY_ITEM; from >= 0; from -= AXPY_ITEM) {
            axpy(alpha, x, y, from, Math.min(n, from + AXPY_ITEM));
        }
    }

    /** The elements of one parallel axpy. */
    private static final class AxpyPass extends SplitPass {
        private float alpha;
        private float[] x;
        private float[] y;

        AxpyPass set(float alpha, float[] x, float[] y) {
            this.alpha = alpha;
            this.x = x;
            this.y = y;
            return this;
        }

        @Override
        void run(int from, int to) {
            axpy(alpha, x, y, from, to);
        }
    }

    private static final ThreadLocal<AxpyPass> AXPY = ThreadLocal.withInitial(AxpyPass::new);

    /**
     * y[i] = fma(alpha, x[i], y[i]) for i in [from, to). A vector of x whose every element is the
     * zero that makes alpha·x[i] = −0 (+0 when alpha &lt; 0) leaves y as it is, −0 and +0 included,
     * so y is not read or written there: the rows of dW1 for pixels that are blank in every image
     * of the minibatch are such zeros (see {@link #zeroThatAddsNothing}).
     */
    // tag::axpy[]
    private static void axpy(float alpha, float[] x, float[] y, int from, int to) {
        FloatVector alphas = (FloatVector) FLOAT_CLASS.cast(FloatVector.broadcast(FLOATS, alpha));
        boolean skips = alpha != 0f && Float.isFinite(alpha);
        IntVector zeroBits = (IntVector) INT_CLASS.cast(IntVector.broadcast(INTS, zeroThatAddsNothing(alpha)));
        int i = from;
        for (int bound = from + FLOATS.loopBound(to - from); i < bound; i += FLOATS.length()) {
            FloatVector xs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, x, i));
            IntVector xBits = (IntVector) INT_CLASS.cast(xs.reinterpretAsInts());
            if (!(skips && xBits.eq(zeroBits).allTrue())) {
                FloatVector ys = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, y, i));
                xs.fma(alphas, ys).intoArray(y, i);
            }
        }
        for (; i < to; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }
    // end::axpy[]

    /**
     * The bits of the zero x for which fma(alpha, x, y) = y for every y, when alpha is finite and
     * not zero: +0 when alpha is negative (alpha·(+0) = −0, and y + (−0) = y, also for y = ±0), −0
     * when it is positive. SGD's alpha is −(learning rate).
     */
    static int zeroThatAddsNothing(float alpha) {
        return alpha < 0f ? 0 : Integer.MIN_VALUE;
    }

    /**
     * Widens each float to double before multiplying, as the interface promises; a product of two
     * floats is exact in double, so only the additions round. Four accumulators, reduced once.
     */
    @Override
    // tag::dot[]
    public double dot(float[] x, float[] y, int n) {
        // Each widened y is cast like x. Uncast, it was the one vector here handed to a method
        // without its class; in one CI run (session 27, JDK 17) a step with --l2 allocated about
        // 100 KB for good, what this loop makes when its vectors are boxed.
        int lanes = FLOATS_TO_WIDEN.length();
        DoubleVector sum0 = DoubleVector.zero(DOUBLES);
        DoubleVector sum1 = DoubleVector.zero(DOUBLES);
        DoubleVector sum2 = DoubleVector.zero(DOUBLES);
        DoubleVector sum3 = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (int bound = n - n % (4 * lanes); i < bound; i += 4 * lanes) {
            FloatVector x0 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, x, i));
            FloatVector x1 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, x, i + lanes));
            FloatVector x2 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, x, i + 2 * lanes));
            FloatVector x3 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, x, i + 3 * lanes));
            FloatVector y0 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, y, i));
            FloatVector y1 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, y, i + lanes));
            FloatVector y2 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, y, i + 2 * lanes));
            FloatVector y3 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, y, i + 3 * lanes));
            sum0 = ((DoubleVector) DOUBLE_CLASS.cast(x0.convertShape(VectorOperators.F2D, DOUBLES, 0)))
                    .fma(DOUBLE_CLASS.cast(y0.convertShape(VectorOperators.F2D, DOUBLES, 0)), sum0);
            sum1 = ((DoubleVector) DOUBLE_CLASS.cast(x1.convertShape(VectorOperators.F2D, DOUBLES, 0)))
                    .fma(DOUBLE_CLASS.cast(y1.convertShape(VectorOperators.F2D, DOUBLES, 0)), sum1);
            sum2 = ((DoubleVector) DOUBLE_CLASS.cast(x2.convertShape(VectorOperators.F2D, DOUBLES, 0)))
                    .fma(DOUBLE_CLASS.cast(y2.convertShape(VectorOperators.F2D, DOUBLES, 0)), sum2);
            sum3 = ((DoubleVector) DOUBLE_CLASS.cast(x3.convertShape(VectorOperators.F2D, DOUBLES, 0)))
                    .fma(DOUBLE_CLASS.cast(y3.convertShape(VectorOperators.F2D, DOUBLES, 0)), sum3);
        }
        for (int bound = n - n % lanes; i < bound; i += lanes) {
            FloatVector x0 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, x, i));
            FloatVector y0 = (FloatVector) NARROW_CLASS.cast(FloatVector.fromArray(FLOATS_TO_WIDEN, y, i));
            sum0 = ((DoubleVector) DOUBLE_CLASS.cast(x0.convertShape(VectorOperators.F2D, DOUBLES, 0)))
                    .fma(DOUBLE_CLASS.cast(y0.convertShape(VectorOperators.F2D, DOUBLES, 0)), sum0);
        }
        DoubleVector sums = ((DoubleVector) DOUBLE_CLASS.cast(sum0)).add(DOUBLE_CLASS.cast(sum1))
                .add(((DoubleVector) DOUBLE_CLASS.cast(sum2)).add(DOUBLE_CLASS.cast(sum3)));
        // The lanes' sum, first lane to last. reduceLanes(ADD) leaves the order of the additions
        // to the implementation, and the intrinsic and the Java fallback differ, which made a
        // run's numbers depend on when C2 compiled the loop; a fixed order keeps the same seed
        // giving the same numbers. Written here rather than in a method of its own: a vector
        // handed to a method the JIT does not inline is boxed, and in one CI run (session 31, the
        // lab kit's copy of TrainingStepAllocationTest, JDK 17) C2 did not inline that method
        // into this one: a step with --l2 allocated 128 bytes, a boxed DoubleVector per call.
        double sum = 0;
        for (int lane = 0; lane < sums.length(); lane++) {
            sum += sums.lane(lane);
        }
        for (; i < n; i++) {
            sum += (double) x[i] * y[i];
        }
        return sum;
    }
    // end::dot[]

    @Override
    public void relu(float[] in, float[] out, int n) {
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            FloatVector xs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, in, i));
            xs.max(0f).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.max(in[i], 0f);
        }
    }

    // tag::lab-remove-relu[]
    /** Keeps dout where x &gt; 0: a NaN in x compares false and gives 0, as in the reference. */
    @Override
    public void reluBackward(float[] x, float[] dout, float[] dx, int n) {
        FloatVector zeros = FloatVector.zero(FLOATS);
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            FloatVector xs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, x, i));
            VectorMask<Float> positive = xs.compare(VectorOperators.GT, 0f);
            zeros.blend(FloatVector.fromArray(FLOATS, dout, i), positive).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = x[i] > 0f ? dout[i] : 0f;
        }
    }

    // end::lab-remove-relu[]

    // ---- passes shared among threads ----

    /**
     * A pass over {@code n} elements, rows or columns that the pool shares out in items of
     * {@code itemSize}: item i covers [i·itemSize, min(n, (i+1)·itemSize)). Each item writes only
     * its own part of the output, and each output value is computed as on one thread. One instance
     * per kind of pass and calling thread, refilled by every call, rather than a lambda per call:
     * see FloatMatmul's Operands.
     */
    private abstract static class SplitPass implements IntConsumer {
        private int n;
        private int itemSize;

        final void runOn(WorkerPool pool, int n, int itemSize) {
            this.n = n;
            this.itemSize = itemSize;
            pool.forEach(ceilDiv(n, itemSize), this);
        }

        @Override
        public final void accept(int item) {
            int from = item * itemSize;
            run(from, Math.min(n, from + itemSize));
        }

        /** Does the pass for [from, to). */
        abstract void run(int from, int to);
    }

    // ---- helpers on one row ----

    /** a[aFrom ..] += v[vFrom ..] over n elements. */
    private static void addInto(float[] a, int aFrom, float[] v, int vFrom, int n) {
        int j = 0;
        for (int bound = FLOATS.loopBound(n); j < bound; j += FLOATS.length()) {
            // tag::cast-on-load[]
            FloatVector as = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, a, aFrom + j));
            FloatVector vs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, v, vFrom + j));
            as.add(vs).intoArray(a, aFrom + j);
            // end::cast-on-load[]
        }
        for (; j < n; j++) {
            a[aFrom + j] += v[vFrom + j];
        }
    }

    /** out[from ..] = max(z[from ..], 0) over n elements. */
    private static void reluInto(float[] z, float[] out, int from, int n) {
        FloatVector zeros = (FloatVector) FLOAT_CLASS.cast(FloatVector.zero(FLOATS));
        int j = 0;
        for (int bound = FLOATS.loopBound(n); j < bound; j += FLOATS.length()) {
            FloatVector zs = (FloatVector) FLOAT_CLASS.cast(FloatVector.fromArray(FLOATS, z, from + j));
            zs.max(zeros).intoArray(out, from + j);
        }
        for (; j < n; j++) {
            out[from + j] = Math.max(z[from + j], 0f);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
