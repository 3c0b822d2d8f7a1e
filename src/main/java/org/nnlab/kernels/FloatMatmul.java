package org.nnlab.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 matrix multiply of {@link VectorKernels}: C = op(A)·op(B), or C += op(A)·op(B), where
 * op transposes or not. There is no float64 twin: float64 runs on the scalar reference.
 *
 * <h2>How it is fast</h2>
 *
 * <p><b>Register tiles.</b> The innermost code, a <em>micro-kernel</em>, keeps an 8-row × 2-vector
 * tile of C (8 × 32 floats with 512-bit vectors) in 16 vector registers. For every step p along k
 * it loads two vectors of row p of B, broadcasts each of the 8 values A[i][p] of the tile's rows,
 * and does 16 fused multiply-adds. Loads per FMA stay low, and 16 independent accumulators hide
 * the FMA latency. The tile is read from C (or, in the first pass of C = A·B, from a row of zeros)
 * before the k loop and written back after it.
 *
 * <p><b>Packing B.</b> Rows of B are {@code n} floats apart in memory, so the 2-vector slice the
 * micro-kernel needs for step p lies far from the one for step p+1, and at n = 512 or 1024 the
 * slices even compete for the same few L1 cache sets. So each strip of {@link #TILE_COLS}
 * columns, over a block of at most {@value #BLOCK_K} steps of k, is copied into a <em>panel</em>,
 * its rows one after another, just before the row tiles of A pass over it: the micro-kernel then
 * reads one contiguous panel of at most 32 KiB that stays in L1. Copying is also where the
 * transpose of Bᵀ happens, and where a last strip narrower than a tile is padded with zeros, so
 * the micro-kernel never needs a column tail. (A strip of at most one vector gets a
 * one-vector panel and a one-vector kernel: at n = 10, padding to two vectors would waste most of
 * the work.)
 *
 * <p><b>A is not packed.</b> The micro-kernel needs only 8 values of A per step, so it reads them
 * where they are: along 8 rows for a row-major A ({@code RowA} kernels), or 8 neighbours in one
 * row of the stored matrix for a transposed A ({@code ColA} kernels). Not packing A keeps narrow
 * products such as 64×512·512×10 cheap. Only a last row tile with fewer than 8 rows is copied,
 * into a zero-padded scratch panel.
 *
 * <p><b>Blocks and threads.</b> C is cut into blocks of at most {@value #BLOCK_ROWS} ×
 * {@value #BLOCK_COLS}, fixed by the shape alone; each block is one work item. A fixed
 * {@link WorkerPool} (the calling thread plus {@code threads − 1} daemon workers; the thread count
 * comes from {@link VectorKernels}) hands the items out one at a time from a shared counter, so a
 * thread whose core is busy with other work simply takes fewer. Each item packs its own B panels
 * into its thread's own workspace and writes only its own block of C, so items need no locks.
 * Problems below {@value #PARALLEL_MIN_FLOPS} flops (2·m·k·n), or of a single block, run on the
 * calling thread: they take some tens of microseconds at most, about what waking a worker that
 * has gone to sleep can cost (see {@link WorkerPool}).
 *
 * <h2>Why every thread count gives the same bits</h2>
 *
 * <p>Every element of C is one chain of fused multiply-adds, c = fma(a[i][p], b[p][j], c) for p =
 * 0, 1, …, k−1, starting from the old C (accumulate) or from zero. Between k blocks the running
 * sum is stored in C as a float, which loses nothing. Blocks, tiles, edges and threads only decide
 * <em>when</em> and <em>where</em> that chain runs, never its order, so the result does not depend on
 * the number of threads, on the block sizes, or on whether an element sits in a full tile or at an
 * edge.
 */
final class FloatMatmul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * The class of {@link #SPECIES}' vectors (Float512Vector with AVX-512). Every micro-kernel
     * casts its accumulators to it before storing them. An accumulator is carried around the k
     * loop, and when the JIT compiles that loop it knows the variable only as "some FloatVector": it
     * would pick the store's code from the vector classes seen at that call in the whole program
     * so far. With none seen yet (the first call is one long loop) or more than one (some other
     * code used another vector shape), it cannot emit a vector store, and keeps every accumulator
     * as a heap object, inside the loop too: the kernel then runs 30–50 times slower. The cast
     * removes the guess. It is written out at each store rather than in a helper method: the JIT
     * stops inlining ordinary methods into a method this large (C2's NodeCountInliningCutoff),
     * and a vector passed to a method that is not inlined is boxed too; the Vector API's own
     * methods and Class.cast are exempt.
     */
    private static final Class<? extends Vector<Float>> EXACT_CLASS = SPECIES.vectorType();

    // tag::block-sizes[]
    /** Rows of C in one register tile. */
    static final int TILE_ROWS = 8;
    /** Columns of C in one register tile: two vectors. */
    static final int TILE_COLS = 2 * LANES;
    /** Most steps along k per pass: a panel of B is then at most BLOCK_K × TILE_COLS floats, 32 KiB with AVX-512. */
    static final int BLOCK_K = 256;
    /** Rows of C in one work item. Each item packs B again, so this also amortises the packing. */
    static final int BLOCK_ROWS = 256;
    /**
     * Columns of C in one work item; a multiple of TILE_COLS. Narrow, so that a multiply of a
     * minibatch of 64 (one row block) still makes several items: 64×784·784×512 is 8 items, and a
     * thread that starts late still gets a share. Each item packs only its own columns of B, so
     * narrow items pack nothing twice.
     */
    static final int BLOCK_COLS = 64;
    /** Below this many flops (2·m·k·n), handing work to other threads costs more than it saves. */
    static final long PARALLEL_MIN_FLOPS = 1L << 22;
    // end::block-sizes[]

    /** Scratch arrays, one set per thread, reused from call to call. */
    /**
     * A row of zeros, never written. The first pass over k of a product that overwrites C starts
     * its tiles from zero: the micro-kernel then reads its initial tile from here, with row stride
     * 0, instead of from C, which saves clearing C first and keeps the kernel free of branches.
     */
    private static final float[] ZEROS = new float[TILE_COLS];

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private FloatMatmul() {
    }

    /**
     * The operands of one multiply; see {@link Kernels#matmul} for the storage conventions. Not a
     * record: the calling thread's workspace holds one and refills it on every call, so that a
     * training step, which multiplies five times, allocates nothing. Worker threads read the
     * caller's copy, which stays unchanged until the call returns.
     */
    private static final class Operands {
        float[] a;
        boolean transposeA;
        float[] b;
        boolean transposeB;
        float[] c;
        int m;
        int k;
        int n;
        boolean accumulate;

        Operands set(float[] a, boolean transposeA, float[] b, boolean transposeB, float[] c,
                     int m, int k, int n, boolean accumulate) {
            this.a = a;
            this.transposeA = transposeA;
            this.b = b;
            this.transposeB = transposeB;
            this.c = c;
            this.m = m;
            this.k = k;
            this.n = n;
            this.accumulate = accumulate;
            return this;
        }
    }

    private static final class Workspace {
        final float[] panel = new float[BLOCK_K * TILE_COLS];
        final float[] edgeA = new float[BLOCK_K * TILE_ROWS];
        final float[] edgeC = new float[TILE_ROWS * TILE_COLS];
        final Operands operands = new Operands();
    }

    /**
     * C = op(A)·op(B), or C += op(A)·op(B) when {@code accumulate}, where op(A) is m×k and op(B) is
     * k×n. A is stored m×k, or k×m when {@code transposeA}; B is stored k×n, or n×k when
     * {@code transposeB}.
     */
    static void multiply(WorkerPool pool, float[] a, boolean transposeA, float[] b, boolean transposeB,
                         float[] c, int m, int k, int n, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) { // an empty sum
            if (!accumulate) {
                Arrays.fill(c, 0, m * n, 0f);
            }
            return;
        }
        // tag::work-items[]
        Operands operands = WORKSPACE.get().operands.set(a, transposeA, b, transposeB, c, m, k, n, accumulate);
        int rowBlocks = ceilDiv(m, BLOCK_ROWS);
        int colBlocks = ceilDiv(n, BLOCK_COLS);
        int items = rowBlocks * colBlocks;
        if (items == 1 || 2L * m * k * n < PARALLEL_MIN_FLOPS) {
            for (int item = 0; item < items; item++) {
                multiplyBlock(operands, item / colBlocks, item % colBlocks);
            }
        } else {
            pool.forEach(items, item -> multiplyBlock(operands, item / colBlocks, item % colBlocks));
        }
        // end::work-items[]
    }

    /** Computes block (rowBlock, colBlock) of C, over all of k (which is at least 1). */
    // tag::block[]
    private static void multiplyBlock(Operands o, int rowBlock, int colBlock) {
        Workspace ws = WORKSPACE.get();
        int rowStart = rowBlock * BLOCK_ROWS;
        int rowEnd = Math.min(rowStart + BLOCK_ROWS, o.m);
        int colStart = colBlock * BLOCK_COLS;
        int colEnd = Math.min(colStart + BLOCK_COLS, o.n);
        // Equal k blocks of at most BLOCK_K: 784 = 4 × 196 rather than 3 × 256 + 16, whose short
        // last pass would spend more time loading and storing C than multiplying.
        int kStep = ceilDiv(o.k, ceilDiv(o.k, BLOCK_K));
        for (int p0 = 0; p0 < o.k; p0 += kStep) {
            int kc = Math.min(kStep, o.k - p0);
            // The first pass overwrites C, unless the caller accumulates; later passes add to it.
            boolean addToC = o.accumulate || p0 > 0;
            for (int j = colStart; j < colEnd; j += TILE_COLS) {
                int cols = Math.min(TILE_COLS, colEnd - j);
                packPanel(o, p0, kc, j, cols, ws.panel);
                for (int i = rowStart; i < rowEnd; i += TILE_ROWS) {
                    multiplyTile(o, ws, i, Math.min(TILE_ROWS, rowEnd - i), j, cols, p0, kc, addToC);
                }
            }
        }
    }
    // end::block[]

    /** A strip of at most one vector gets a one-vector panel; any other strip a full tile's width. */
    private static int panelWidth(int cols) {
        return cols <= LANES ? LANES : TILE_COLS;
    }

    /**
     * Copies steps [p0, p0 + kc) of columns [j, j + cols) of op(B) into the panel, one row of the
     * strip after another, each padded with zeros to the panel width. Packing one strip just
     * before the row tiles use it keeps the panel in L1 from its writing to its last reading.
     */
    private static void packPanel(Operands o, int p0, int kc, int j, int cols, float[] panel) {
        int width = panelWidth(cols);
        if (o.transposeB) {
            // Stored n×k: column j + jj of op(B) is row j + jj of the array, contiguous along p.
            // The loop over p is the outer one, so that each row of the panel is written in
            // order: at k = 10 (the hidden-layer gradient) an inner loop along p would be too
            // short to run fast, and this copy took a third of the multiply.
            if (cols < width) {
                Arrays.fill(panel, 0, kc * width, 0f);
            }
            for (int p = 0; p < kc; p++) {
                int from = j * o.k + p0 + p;
                int to = p * width;
                for (int jj = 0; jj < cols; jj++) {
                    panel[to + jj] = o.b[from + jj * o.k];
                }
            }
        } else if (cols == TILE_COLS) {
            // The common case, copied with System.arraycopy rather than with vectors: Vector API
            // calls stay inside the micro-kernels, where they are guarded against boxing.
            for (int p = 0; p < kc; p++) {
                System.arraycopy(o.b, (p0 + p) * o.n + j, panel, p * TILE_COLS, TILE_COLS);
            }
        } else {
            // A strip narrower than a tile (all of B when n = 10): zero the padding once, then copy rows.
            Arrays.fill(panel, 0, kc * width, 0f);
            for (int p = 0; p < kc; p++) {
                System.arraycopy(o.b, (p0 + p) * o.n + j, panel, p * width, cols);
            }
        }
    }

    /**
     * C[i .. i+rows)[j .. j+cols) = (or +=, when {@code addToC}) op(A)[those rows][p0 .. p0+kc) ·
     * the packed panel. A full tile works on C and A in place; an edge tile goes through
     * zero-padded copies in the workspace.
     */
    private static void multiplyTile(Operands o, Workspace ws, int i, int rows, int j, int cols,
                                     int p0, int kc, boolean addToC) {
        int width = panelWidth(cols);
        boolean edge = rows < TILE_ROWS || cols < width;
        float[] c = edge ? ws.edgeC : o.c;
        int cFrom = edge ? 0 : i * o.n + j;
        int cRowStride = edge ? width : o.n;
        if (edge) {
            copyEdgeOfC(o, ws.edgeC, i, rows, j, cols, width, addToC);
        }
        if (rows < TILE_ROWS) {
            packEdgeOfA(o, ws.edgeA, i, rows, p0, kc);
            runColA(width, ws.edgeA, 0, TILE_ROWS, ws.panel, c, cFrom, cRowStride, kc, addToC);
        } else if (o.transposeA) {
            // Stored k×m: A[i][p] is at p·m + i, so the tile's 8 values for step p are neighbours.
            runColA(width, o.a, p0 * o.m + i, o.m, ws.panel, c, cFrom, cRowStride, kc, addToC);
        } else {
            runRowA(width, o.a, i * o.k + p0, o.k, ws.panel, c, cFrom, cRowStride, kc, addToC);
        }
        if (edge) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(ws.edgeC, r * width, o.c, (i + r) * o.n + j, cols);
            }
        }
    }

    /**
     * Fills the TILE_ROWS×width scratch tile with zeros, then, if the tile adds to C, copies in the
     * rows×cols corner of C at (i, j).
     */
    private static void copyEdgeOfC(Operands o, float[] edgeC, int i, int rows, int j, int cols, int width,
                                    boolean addToC) {
        Arrays.fill(edgeC, 0, TILE_ROWS * width, 0f);
        if (addToC) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(o.c, (i + r) * o.n + j, edgeC, r * width, cols);
            }
        }
    }

    /**
     * Copies rows [i, i+rows) × steps [p0, p0+kc) of op(A) into a scratch panel in the
     * transposed-A layout (step p's 8 values side by side), zero in the rows past {@code rows}.
     */
    private static void packEdgeOfA(Operands o, float[] edgeA, int i, int rows, int p0, int kc) {
        Arrays.fill(edgeA, 0, kc * TILE_ROWS, 0f);
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < rows; r++) {
                edgeA[p * TILE_ROWS + r] = o.transposeA ? o.a[(p0 + p) * o.m + i + r] : o.a[(i + r) * o.k + p0 + p];
            }
        }
    }

    private static void runRowA(int width, float[] a, int aFrom, int aRowStride, float[] panel,
                                float[] c, int cFrom, int cRowStride, int kc, boolean addToC) {
        float[] cIn = addToC ? c : ZEROS;
        int cInFrom = addToC ? cFrom : 0;
        int cInRowStride = addToC ? cRowStride : 0;
        if (width == TILE_COLS) {
            kernel8x2RowA(a, aFrom, aRowStride, panel, cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, kc);
        } else {
            kernel8x1RowA(a, aFrom, aRowStride, panel, cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, kc);
        }
    }

    private static void runColA(int width, float[] a, int aFrom, int aStepStride, float[] panel,
                                float[] c, int cFrom, int cRowStride, int kc, boolean addToC) {
        float[] cIn = addToC ? c : ZEROS;
        int cInFrom = addToC ? cFrom : 0;
        int cInRowStride = addToC ? cRowStride : 0;
        if (width == TILE_COLS) {
            kernel8x2ColA(a, aFrom, aStepStride, panel, cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, kc);
        } else {
            kernel8x1ColA(a, aFrom, aStepStride, panel, cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, kc);
        }
    }

    // ---- micro-kernels ----
    //
    // Four variants of one loop: 2 vectors or 1 vector of columns, and A read along rows (RowA:
    // A[i+r][p] at aFrom + r·aRowStride + p) or along a stored row of a transposed A (ColA:
    // A[i+r][p] at aFrom + p·aStepStride + r). RowA's indices are (row start + p), which the JIT
    // bounds-checks once per loop; ColA's 8 neighbours it checks together. One kernel taking both
    // strides as variables needs a check per load, and measured about 15% slower. The variants are
    // written out rather than shared because the accumulators must be local variables to live in
    // registers.
    //
    // The RowA loops go through k two steps (8×2) or four steps (8×1) at a time. The JIT computes
    // each row's index (row start + p) with its own instructions, a mov and an add per row, which
    // at one step per iteration cost as much issue bandwidth as the FMAs; unrolled, the index is
    // computed once and the next steps read A at fixed offsets from it. A short loop after the
    // unrolled one does the last steps. The order of the fused multiply-adds into each
    // accumulator is unchanged: step p, then p + 1, and so on.

    /**
     * The 8 × 2-vector tile at c[cFrom], rows cRowStride apart, = the tile at cIn[cInFrom] (rows
     * cInRowStride apart: C itself, or {@link #ZEROS}) + 8 rows of A · a 2-vector panel.
     */
    private static void kernel8x2RowA(float[] a, int aFrom, int aRowStride, float[] panel,
                                      float[] cIn, int cInFrom, int cInRowStride,
                                      float[] c, int cFrom, int cRowStride, int kc) {
        int c0 = cFrom;
        int c1 = c0 + cRowStride;
        int c2 = c1 + cRowStride;
        int c3 = c2 + cRowStride;
        int c4 = c3 + cRowStride;
        int c5 = c4 + cRowStride;
        int c6 = c5 + cRowStride;
        int c7 = c6 + cRowStride;
        int i0 = cInFrom;
        int i1 = i0 + cInRowStride;
        int i2 = i1 + cInRowStride;
        int i3 = i2 + cInRowStride;
        int i4 = i3 + cInRowStride;
        int i5 = i4 + cInRowStride;
        int i6 = i5 + cInRowStride;
        int i7 = i6 + cInRowStride;
        FloatVector acc00 = FloatVector.fromArray(SPECIES, cIn, i0);
        FloatVector acc01 = FloatVector.fromArray(SPECIES, cIn, i0 + LANES);
        FloatVector acc10 = FloatVector.fromArray(SPECIES, cIn, i1);
        FloatVector acc11 = FloatVector.fromArray(SPECIES, cIn, i1 + LANES);
        FloatVector acc20 = FloatVector.fromArray(SPECIES, cIn, i2);
        FloatVector acc21 = FloatVector.fromArray(SPECIES, cIn, i2 + LANES);
        FloatVector acc30 = FloatVector.fromArray(SPECIES, cIn, i3);
        FloatVector acc31 = FloatVector.fromArray(SPECIES, cIn, i3 + LANES);
        FloatVector acc40 = FloatVector.fromArray(SPECIES, cIn, i4);
        FloatVector acc41 = FloatVector.fromArray(SPECIES, cIn, i4 + LANES);
        FloatVector acc50 = FloatVector.fromArray(SPECIES, cIn, i5);
        FloatVector acc51 = FloatVector.fromArray(SPECIES, cIn, i5 + LANES);
        FloatVector acc60 = FloatVector.fromArray(SPECIES, cIn, i6);
        FloatVector acc61 = FloatVector.fromArray(SPECIES, cIn, i6 + LANES);
        FloatVector acc70 = FloatVector.fromArray(SPECIES, cIn, i7);
        FloatVector acc71 = FloatVector.fromArray(SPECIES, cIn, i7 + LANES);
        int a0 = aFrom;
        int a1 = a0 + aRowStride;
        int a2 = a1 + aRowStride;
        int a3 = a2 + aRowStride;
        int a4 = a3 + aRowStride;
        int a5 = a4 + aRowStride;
        int a6 = a5 + aRowStride;
        int a7 = a6 + aRowStride;
        int kPairs = kc & ~1;
        for (int p = 0; p < kPairs; p += 2) {
            int bp = p * TILE_COLS;
            FloatVector b0 = FloatVector.fromArray(SPECIES, panel, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, panel, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, panel, bp + TILE_COLS);
            FloatVector b3 = FloatVector.fromArray(SPECIES, panel, bp + TILE_COLS + LANES);
            int r0 = a0 + p;
            int r1 = a1 + p;
            int r2 = a2 + p;
            int r3 = a3 + p;
            int r4 = a4 + p;
            int r5 = a5 + p;
            int r6 = a6 + p;
            int r7 = a7 + p;
            FloatVector ai;
            ai = FloatVector.broadcast(SPECIES, a[r0]);
            acc00 = ai.fma(b0, acc00);
            acc01 = ai.fma(b1, acc01);
            ai = FloatVector.broadcast(SPECIES, a[r1]);
            acc10 = ai.fma(b0, acc10);
            acc11 = ai.fma(b1, acc11);
            ai = FloatVector.broadcast(SPECIES, a[r2]);
            acc20 = ai.fma(b0, acc20);
            acc21 = ai.fma(b1, acc21);
            ai = FloatVector.broadcast(SPECIES, a[r3]);
            acc30 = ai.fma(b0, acc30);
            acc31 = ai.fma(b1, acc31);
            ai = FloatVector.broadcast(SPECIES, a[r4]);
            acc40 = ai.fma(b0, acc40);
            acc41 = ai.fma(b1, acc41);
            ai = FloatVector.broadcast(SPECIES, a[r5]);
            acc50 = ai.fma(b0, acc50);
            acc51 = ai.fma(b1, acc51);
            ai = FloatVector.broadcast(SPECIES, a[r6]);
            acc60 = ai.fma(b0, acc60);
            acc61 = ai.fma(b1, acc61);
            ai = FloatVector.broadcast(SPECIES, a[r7]);
            acc70 = ai.fma(b0, acc70);
            acc71 = ai.fma(b1, acc71);
            ai = FloatVector.broadcast(SPECIES, a[r0 + 1]);
            acc00 = ai.fma(b2, acc00);
            acc01 = ai.fma(b3, acc01);
            ai = FloatVector.broadcast(SPECIES, a[r1 + 1]);
            acc10 = ai.fma(b2, acc10);
            acc11 = ai.fma(b3, acc11);
            ai = FloatVector.broadcast(SPECIES, a[r2 + 1]);
            acc20 = ai.fma(b2, acc20);
            acc21 = ai.fma(b3, acc21);
            ai = FloatVector.broadcast(SPECIES, a[r3 + 1]);
            acc30 = ai.fma(b2, acc30);
            acc31 = ai.fma(b3, acc31);
            ai = FloatVector.broadcast(SPECIES, a[r4 + 1]);
            acc40 = ai.fma(b2, acc40);
            acc41 = ai.fma(b3, acc41);
            ai = FloatVector.broadcast(SPECIES, a[r5 + 1]);
            acc50 = ai.fma(b2, acc50);
            acc51 = ai.fma(b3, acc51);
            ai = FloatVector.broadcast(SPECIES, a[r6 + 1]);
            acc60 = ai.fma(b2, acc60);
            acc61 = ai.fma(b3, acc61);
            ai = FloatVector.broadcast(SPECIES, a[r7 + 1]);
            acc70 = ai.fma(b2, acc70);
            acc71 = ai.fma(b3, acc71);
        }
        // tag::micro-kernel-loop[]
        for (int p = kPairs; p < kc; p++) {
            int bp = p * TILE_COLS;
            FloatVector b0 = FloatVector.fromArray(SPECIES, panel, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, panel, bp + LANES);
            FloatVector ai = FloatVector.broadcast(SPECIES, a[a0 + p]);
            acc00 = ai.fma(b0, acc00);
            acc01 = ai.fma(b1, acc01);
            ai = FloatVector.broadcast(SPECIES, a[a1 + p]);
            acc10 = ai.fma(b0, acc10);
            acc11 = ai.fma(b1, acc11);
            ai = FloatVector.broadcast(SPECIES, a[a2 + p]);
            acc20 = ai.fma(b0, acc20);
            acc21 = ai.fma(b1, acc21);
            ai = FloatVector.broadcast(SPECIES, a[a3 + p]);
            acc30 = ai.fma(b0, acc30);
            acc31 = ai.fma(b1, acc31);
            ai = FloatVector.broadcast(SPECIES, a[a4 + p]);
            acc40 = ai.fma(b0, acc40);
            acc41 = ai.fma(b1, acc41);
            ai = FloatVector.broadcast(SPECIES, a[a5 + p]);
            acc50 = ai.fma(b0, acc50);
            acc51 = ai.fma(b1, acc51);
            ai = FloatVector.broadcast(SPECIES, a[a6 + p]);
            acc60 = ai.fma(b0, acc60);
            acc61 = ai.fma(b1, acc61);
            ai = FloatVector.broadcast(SPECIES, a[a7 + p]);
            acc70 = ai.fma(b0, acc70);
            acc71 = ai.fma(b1, acc71);
        }
        // end::micro-kernel-loop[]
        // tag::exact-class-store[]
        ((FloatVector) EXACT_CLASS.cast(acc00)).intoArray(c, c0);
        ((FloatVector) EXACT_CLASS.cast(acc01)).intoArray(c, c0 + LANES);
        // end::exact-class-store[]
        ((FloatVector) EXACT_CLASS.cast(acc10)).intoArray(c, c1);
        ((FloatVector) EXACT_CLASS.cast(acc11)).intoArray(c, c1 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc20)).intoArray(c, c2);
        ((FloatVector) EXACT_CLASS.cast(acc21)).intoArray(c, c2 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc30)).intoArray(c, c3);
        ((FloatVector) EXACT_CLASS.cast(acc31)).intoArray(c, c3 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc40)).intoArray(c, c4);
        ((FloatVector) EXACT_CLASS.cast(acc41)).intoArray(c, c4 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc50)).intoArray(c, c5);
        ((FloatVector) EXACT_CLASS.cast(acc51)).intoArray(c, c5 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc60)).intoArray(c, c6);
        ((FloatVector) EXACT_CLASS.cast(acc61)).intoArray(c, c6 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc70)).intoArray(c, c7);
        ((FloatVector) EXACT_CLASS.cast(acc71)).intoArray(c, c7 + LANES);
    }

    /** As {@link #kernel8x2RowA}, with A stored transposed: step p's 8 values at aFrom + p·aStepStride. */
    private static void kernel8x2ColA(float[] a, int aFrom, int aStepStride, float[] panel,
                                      float[] cIn, int cInFrom, int cInRowStride,
                                      float[] c, int cFrom, int cRowStride, int kc) {
        int c0 = cFrom;
        int c1 = c0 + cRowStride;
        int c2 = c1 + cRowStride;
        int c3 = c2 + cRowStride;
        int c4 = c3 + cRowStride;
        int c5 = c4 + cRowStride;
        int c6 = c5 + cRowStride;
        int c7 = c6 + cRowStride;
        int i0 = cInFrom;
        int i1 = i0 + cInRowStride;
        int i2 = i1 + cInRowStride;
        int i3 = i2 + cInRowStride;
        int i4 = i3 + cInRowStride;
        int i5 = i4 + cInRowStride;
        int i6 = i5 + cInRowStride;
        int i7 = i6 + cInRowStride;
        FloatVector acc00 = FloatVector.fromArray(SPECIES, cIn, i0);
        FloatVector acc01 = FloatVector.fromArray(SPECIES, cIn, i0 + LANES);
        FloatVector acc10 = FloatVector.fromArray(SPECIES, cIn, i1);
        FloatVector acc11 = FloatVector.fromArray(SPECIES, cIn, i1 + LANES);
        FloatVector acc20 = FloatVector.fromArray(SPECIES, cIn, i2);
        FloatVector acc21 = FloatVector.fromArray(SPECIES, cIn, i2 + LANES);
        FloatVector acc30 = FloatVector.fromArray(SPECIES, cIn, i3);
        FloatVector acc31 = FloatVector.fromArray(SPECIES, cIn, i3 + LANES);
        FloatVector acc40 = FloatVector.fromArray(SPECIES, cIn, i4);
        FloatVector acc41 = FloatVector.fromArray(SPECIES, cIn, i4 + LANES);
        FloatVector acc50 = FloatVector.fromArray(SPECIES, cIn, i5);
        FloatVector acc51 = FloatVector.fromArray(SPECIES, cIn, i5 + LANES);
        FloatVector acc60 = FloatVector.fromArray(SPECIES, cIn, i6);
        FloatVector acc61 = FloatVector.fromArray(SPECIES, cIn, i6 + LANES);
        FloatVector acc70 = FloatVector.fromArray(SPECIES, cIn, i7);
        FloatVector acc71 = FloatVector.fromArray(SPECIES, cIn, i7 + LANES);
        for (int p = 0; p < kc; p++) {
            int bp = p * TILE_COLS;
            int ap = aFrom + p * aStepStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, panel, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, panel, bp + LANES);
            FloatVector ai = FloatVector.broadcast(SPECIES, a[ap]);
            acc00 = ai.fma(b0, acc00);
            acc01 = ai.fma(b1, acc01);
            ai = FloatVector.broadcast(SPECIES, a[ap + 1]);
            acc10 = ai.fma(b0, acc10);
            acc11 = ai.fma(b1, acc11);
            ai = FloatVector.broadcast(SPECIES, a[ap + 2]);
            acc20 = ai.fma(b0, acc20);
            acc21 = ai.fma(b1, acc21);
            ai = FloatVector.broadcast(SPECIES, a[ap + 3]);
            acc30 = ai.fma(b0, acc30);
            acc31 = ai.fma(b1, acc31);
            ai = FloatVector.broadcast(SPECIES, a[ap + 4]);
            acc40 = ai.fma(b0, acc40);
            acc41 = ai.fma(b1, acc41);
            ai = FloatVector.broadcast(SPECIES, a[ap + 5]);
            acc50 = ai.fma(b0, acc50);
            acc51 = ai.fma(b1, acc51);
            ai = FloatVector.broadcast(SPECIES, a[ap + 6]);
            acc60 = ai.fma(b0, acc60);
            acc61 = ai.fma(b1, acc61);
            ai = FloatVector.broadcast(SPECIES, a[ap + 7]);
            acc70 = ai.fma(b0, acc70);
            acc71 = ai.fma(b1, acc71);
        }
        ((FloatVector) EXACT_CLASS.cast(acc00)).intoArray(c, c0);
        ((FloatVector) EXACT_CLASS.cast(acc01)).intoArray(c, c0 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc10)).intoArray(c, c1);
        ((FloatVector) EXACT_CLASS.cast(acc11)).intoArray(c, c1 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc20)).intoArray(c, c2);
        ((FloatVector) EXACT_CLASS.cast(acc21)).intoArray(c, c2 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc30)).intoArray(c, c3);
        ((FloatVector) EXACT_CLASS.cast(acc31)).intoArray(c, c3 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc40)).intoArray(c, c4);
        ((FloatVector) EXACT_CLASS.cast(acc41)).intoArray(c, c4 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc50)).intoArray(c, c5);
        ((FloatVector) EXACT_CLASS.cast(acc51)).intoArray(c, c5 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc60)).intoArray(c, c6);
        ((FloatVector) EXACT_CLASS.cast(acc61)).intoArray(c, c6 + LANES);
        ((FloatVector) EXACT_CLASS.cast(acc70)).intoArray(c, c7);
        ((FloatVector) EXACT_CLASS.cast(acc71)).intoArray(c, c7 + LANES);
    }

    /** The 8 × 1-vector tile at c[cFrom] += 8 rows of A · a 1-vector panel: for strips up to one vector wide. */
    private static void kernel8x1RowA(float[] a, int aFrom, int aRowStride, float[] panel,
                                      float[] cIn, int cInFrom, int cInRowStride,
                                      float[] c, int cFrom, int cRowStride, int kc) {
        int c0 = cFrom;
        int c1 = c0 + cRowStride;
        int c2 = c1 + cRowStride;
        int c3 = c2 + cRowStride;
        int c4 = c3 + cRowStride;
        int c5 = c4 + cRowStride;
        int c6 = c5 + cRowStride;
        int c7 = c6 + cRowStride;
        int i0 = cInFrom;
        int i1 = i0 + cInRowStride;
        int i2 = i1 + cInRowStride;
        int i3 = i2 + cInRowStride;
        int i4 = i3 + cInRowStride;
        int i5 = i4 + cInRowStride;
        int i6 = i5 + cInRowStride;
        int i7 = i6 + cInRowStride;
        FloatVector acc0 = FloatVector.fromArray(SPECIES, cIn, i0);
        FloatVector acc1 = FloatVector.fromArray(SPECIES, cIn, i1);
        FloatVector acc2 = FloatVector.fromArray(SPECIES, cIn, i2);
        FloatVector acc3 = FloatVector.fromArray(SPECIES, cIn, i3);
        FloatVector acc4 = FloatVector.fromArray(SPECIES, cIn, i4);
        FloatVector acc5 = FloatVector.fromArray(SPECIES, cIn, i5);
        FloatVector acc6 = FloatVector.fromArray(SPECIES, cIn, i6);
        FloatVector acc7 = FloatVector.fromArray(SPECIES, cIn, i7);
        int a0 = aFrom;
        int a1 = a0 + aRowStride;
        int a2 = a1 + aRowStride;
        int a3 = a2 + aRowStride;
        int a4 = a3 + aRowStride;
        int a5 = a4 + aRowStride;
        int a6 = a5 + aRowStride;
        int a7 = a6 + aRowStride;
        int kMain = kc & ~3;
        for (int p = 0; p < kMain; p += 4) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, panel, p * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, panel, (p + 1) * LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, panel, (p + 2) * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, panel, (p + 3) * LANES);
            int r0 = a0 + p;
            int r1 = a1 + p;
            int r2 = a2 + p;
            int r3 = a3 + p;
            int r4 = a4 + p;
            int r5 = a5 + p;
            int r6 = a6 + p;
            int r7 = a7 + p;
            acc0 = FloatVector.broadcast(SPECIES, a[r0]).fma(b0, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[r1]).fma(b0, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[r2]).fma(b0, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[r3]).fma(b0, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[r4]).fma(b0, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[r5]).fma(b0, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[r6]).fma(b0, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[r7]).fma(b0, acc7);
            acc0 = FloatVector.broadcast(SPECIES, a[r0 + 1]).fma(b1, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[r1 + 1]).fma(b1, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[r2 + 1]).fma(b1, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[r3 + 1]).fma(b1, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[r4 + 1]).fma(b1, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[r5 + 1]).fma(b1, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[r6 + 1]).fma(b1, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[r7 + 1]).fma(b1, acc7);
            acc0 = FloatVector.broadcast(SPECIES, a[r0 + 2]).fma(b2, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[r1 + 2]).fma(b2, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[r2 + 2]).fma(b2, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[r3 + 2]).fma(b2, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[r4 + 2]).fma(b2, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[r5 + 2]).fma(b2, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[r6 + 2]).fma(b2, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[r7 + 2]).fma(b2, acc7);
            acc0 = FloatVector.broadcast(SPECIES, a[r0 + 3]).fma(b3, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[r1 + 3]).fma(b3, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[r2 + 3]).fma(b3, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[r3 + 3]).fma(b3, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[r4 + 3]).fma(b3, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[r5 + 3]).fma(b3, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[r6 + 3]).fma(b3, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[r7 + 3]).fma(b3, acc7);
        }
        for (int p = kMain; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, panel, p * LANES);
            acc0 = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(b0, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(b0, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(b0, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(b0, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[a4 + p]).fma(b0, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[a5 + p]).fma(b0, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[a6 + p]).fma(b0, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[a7 + p]).fma(b0, acc7);
        }
        ((FloatVector) EXACT_CLASS.cast(acc0)).intoArray(c, c0);
        ((FloatVector) EXACT_CLASS.cast(acc1)).intoArray(c, c1);
        ((FloatVector) EXACT_CLASS.cast(acc2)).intoArray(c, c2);
        ((FloatVector) EXACT_CLASS.cast(acc3)).intoArray(c, c3);
        ((FloatVector) EXACT_CLASS.cast(acc4)).intoArray(c, c4);
        ((FloatVector) EXACT_CLASS.cast(acc5)).intoArray(c, c5);
        ((FloatVector) EXACT_CLASS.cast(acc6)).intoArray(c, c6);
        ((FloatVector) EXACT_CLASS.cast(acc7)).intoArray(c, c7);
    }

    /** As {@link #kernel8x1RowA}, with A stored transposed: step p's 8 values at aFrom + p·aStepStride. */
    private static void kernel8x1ColA(float[] a, int aFrom, int aStepStride, float[] panel,
                                      float[] cIn, int cInFrom, int cInRowStride,
                                      float[] c, int cFrom, int cRowStride, int kc) {
        int c0 = cFrom;
        int c1 = c0 + cRowStride;
        int c2 = c1 + cRowStride;
        int c3 = c2 + cRowStride;
        int c4 = c3 + cRowStride;
        int c5 = c4 + cRowStride;
        int c6 = c5 + cRowStride;
        int c7 = c6 + cRowStride;
        int i0 = cInFrom;
        int i1 = i0 + cInRowStride;
        int i2 = i1 + cInRowStride;
        int i3 = i2 + cInRowStride;
        int i4 = i3 + cInRowStride;
        int i5 = i4 + cInRowStride;
        int i6 = i5 + cInRowStride;
        int i7 = i6 + cInRowStride;
        FloatVector acc0 = FloatVector.fromArray(SPECIES, cIn, i0);
        FloatVector acc1 = FloatVector.fromArray(SPECIES, cIn, i1);
        FloatVector acc2 = FloatVector.fromArray(SPECIES, cIn, i2);
        FloatVector acc3 = FloatVector.fromArray(SPECIES, cIn, i3);
        FloatVector acc4 = FloatVector.fromArray(SPECIES, cIn, i4);
        FloatVector acc5 = FloatVector.fromArray(SPECIES, cIn, i5);
        FloatVector acc6 = FloatVector.fromArray(SPECIES, cIn, i6);
        FloatVector acc7 = FloatVector.fromArray(SPECIES, cIn, i7);
        for (int p = 0; p < kc; p++) {
            int ap = aFrom + p * aStepStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, panel, p * LANES);
            acc0 = FloatVector.broadcast(SPECIES, a[ap]).fma(b0, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[ap + 1]).fma(b0, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[ap + 2]).fma(b0, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[ap + 3]).fma(b0, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[ap + 4]).fma(b0, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[ap + 5]).fma(b0, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[ap + 6]).fma(b0, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[ap + 7]).fma(b0, acc7);
        }
        ((FloatVector) EXACT_CLASS.cast(acc0)).intoArray(c, c0);
        ((FloatVector) EXACT_CLASS.cast(acc1)).intoArray(c, c1);
        ((FloatVector) EXACT_CLASS.cast(acc2)).intoArray(c, c2);
        ((FloatVector) EXACT_CLASS.cast(acc3)).intoArray(c, c3);
        ((FloatVector) EXACT_CLASS.cast(acc4)).intoArray(c, c4);
        ((FloatVector) EXACT_CLASS.cast(acc5)).intoArray(c, c5);
        ((FloatVector) EXACT_CLASS.cast(acc6)).intoArray(c, c6);
        ((FloatVector) EXACT_CLASS.cast(acc7)).intoArray(c, c7);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
