package org.nnlab.kernels;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 matrix multiply of {@link VectorKernels}: C = op(A)·op(B), or C += op(A)·op(B), where
 * op transposes or not. There is no float64 twin: float64 runs on the scalar reference.
 *
 * <h2>How it is fast</h2>
 *
 * <p><b>Register tiles.</b> The innermost code, a <em>micro-kernel</em>, keeps a tile of
 * {@link Tile#rows()} rows × {@link Tile#vectors()} vectors of C in vector registers. For every
 * step p along k it loads the tile's vectors of row p of B, broadcasts each of the tile's values
 * A[i][p], and does one fused multiply-add per accumulator. Loads per FMA stay low, and the
 * independent accumulators hide the FMA latency. The tile is read from C (or, in the first pass of
 * C = A·B, from a row of zeros) before the k loop and written back after it. Its shape is chosen
 * for the machine's vector registers and for the form of the product ({@link MachineTile}; each
 * form has a FloatMatmul of its own in {@link VectorKernels}, and with zero-skipping a dense one
 * beside it, below); the micro-kernels for every shape are generated from one template
 * ({@link FloatMicroKernels}).
 *
 * <p><b>Packing B.</b> Rows of B are {@code n} floats apart in memory, so the slice the
 * micro-kernel needs for step p lies far from the one for step p+1, and at n = 512 or 1024 the
 * slices even compete for the same few L1 cache sets. So each strip of a tile's width, over a
 * block of at most {@value #BLOCK_K} steps of k, is copied into a <em>panel</em>, its rows one
 * after another, just before the row tiles of A pass over it: the micro-kernel then reads one
 * contiguous panel that stays in L1. Copying is also where the transpose of Bᵀ happens, and where
 * a last strip narrower than a tile is padded with zeros, so the micro-kernel never needs a column
 * tail. (A strip of at most one vector gets a one-vector panel and a one-vector kernel: at n = 10,
 * padding to a full tile would waste most of the work.) The tiles of a last strip that ends inside
 * a vector write whole vectors too: into a scratch strip of the work item, copied into C when the
 * item is done ({@code raggedStrip}). On one thread, a panel too large to stay in L1 anyway (X·W1's
 * with AVX-512) is not made: its strip is read where it lies ({@link #readsBInPlace}).
 *
 * <p><b>Packing A, when C is wide.</b> Read along its rows, a row-major A gives the kernel its
 * tile's values of one step k floats apart, and the JIT spends an index computation per row and
 * step. So when C is at least {@value #PACK_MIN_COLS} columns wide, and every row tile of A is
 * reused by many strips of C, {@link PackedA} copies A tile by tile, a step's values side by side
 * ({@code packed} kernels). A narrower C (64×512·512×10) uses each row tile once, and the kernels
 * read A where it is ({@code rowA}); a transposed A already has a step's values side by side in one
 * stored row and is read in place ({@code colA}), unless its zeros are skipped (below). A last row
 * tile with fewer rows than the tile runs on the kernels of a tile with that many rows where one
 * exists (multiplyBottomEdge); otherwise, unpacked, it is copied into a zero-padded scratch panel.
 *
 * <p><b>Skipping zeros.</b> When A has many zeros (a minibatch of MNIST images is mostly blank
 * background), a row tile walks only the steps p where one of its rows has a non-zero A[i][p]
 * ({@link PackedA}), with the {@code packedSparse} kernels, which read the listed steps' values of A
 * from PackedA's copy, transposed A included. A skipped step would have added
 * fma(0, b, c) = c: nothing, as long as b is finite. See {@link PackedA} for when it applies
 * and why the bits are the dense path's. An A without a single zero has nothing to skip: the
 * multiply then hands the product to a dense FloatMatmul ({@link #multiplierFor}), which runs the
 * machine's tile for dense operands and lists no steps.
 *
 * <p><b>Blocks and threads.</b> C is cut into blocks of about {@value #BLOCK_ROWS} ×
 * {@value #BLOCK_COLS} (whole tiles); a C of a single column block (n = 10) is cut by rows instead
 * when that would leave a thread without work. Each block is one work item. A fixed
 * {@link WorkerPool} (the calling thread plus {@code threads − 1} daemon workers) hands the items
 * out one at a time from a shared counter, so a thread whose core is busy with other work simply
 * takes fewer. Each item packs its own B panels into its thread's own workspace and writes only
 * its own block of C, so items need no locks; A is packed before, by the same pool. Problems below
 * {@value #PARALLEL_MIN_FLOPS} flops (2·m·k·n), or of a single block, run on the calling thread.
 *
 * <h2>Why every thread count gives the same bits</h2>
 *
 * <p>Every element of C is one chain of fused multiply-adds, c = fma(a[i][p], b[p][j], c) for p =
 * 0, 1, …, k−1, starting from the old C (accumulate) or from zero. Between k blocks the running
 * sum is stored in C as a float, which loses nothing. Blocks, tiles, edges and threads only decide
 * <em>when</em> and <em>where</em> that chain runs, never its order, so the result does not depend on
 * the number of threads, on the block sizes, on the tile shape, or on whether an element sits in a
 * full tile or at an edge.
 */
final class FloatMatmul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The class of SPECIES' vectors, to which every vector made here is cast (see FloatMicroKernels' EXACT_CLASS). */
    private static final Class<? extends FloatVector> EXACT_CLASS = SPECIES.vectorType().asSubclass(FloatVector.class);

    // tag::block-sizes[]
    /** Most steps along k per pass: a panel of B is then at most BLOCK_K × (tile width) floats. */
    static final int BLOCK_K = 256;
    /** Rows of C in one work item, rounded down to whole tiles. Each item packs B again, so this also amortises the packing. */
    static final int BLOCK_ROWS = 256;
    /**
     * Columns of C in one work item, rounded down to whole tiles (at least one). Narrow, so that a
     * multiply of a minibatch of 64 (one row block) still makes several items: 64×784·784×512 is
     * 8 items with 256-bit vectors, and a thread that starts late still gets a share. Each item
     * packs only its own columns of B, so narrow items pack nothing twice.
     */
    static final int BLOCK_COLS = 64;
    /**
     * Below this many flops (2·m·k·n), handing work to other threads costs more than it saves:
     * 2¹⁹ flops take about 10 µs here, a hand-off to a worker that is still spinning 1–3 µs. The
     * narrow products of a training step (64×512·512×10 and the like, 655,360 flops) are above it.
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 19;
    /**
     * A is packed (and its zeros looked for) only when C is at least this wide: packing reads and
     * writes A once, m·k values, about 1/n of the multiply's work, and every strip of C reuses it;
     * at n = 10 there is one strip, and the kernels read A where it is.
     */
    static final int PACK_MIN_COLS = 64;
    /**
     * A strip of B whose panel would be larger than this is read where it lies, not packed
     * (readsBInPlace): a panel is packed so that it stays in L1 while the row tiles pass over it,
     * and one larger than the L1 data cache (48 KB on the Xeon measured, 32 KB on many others)
     * stays in L2 either way, so the copy bought nothing. X·W1's panels on AVX-512 are 196 steps ×
     * 64 floats, 50 KB: read in place, X·W1 took 21–53 µs less per one-thread training step
     * (bench/README.adoc, session 17). With 256-bit vectors or narrower, every panel fits.
     */
    static final int IN_PLACE_MIN_PANEL_BYTES = 48 * 1024;
    /**
     * The most bytes of panels a scaled product on one thread packs at once to walk C row band by
     * row band ({@link #walksRowsFirst}): all of B, k×n floats, half of a 512 KB L2. Plain SGD's
     * step for W1 at batch 64 and 512 hidden units packs 128 KB.
     */
    static final int ROWS_FIRST_MAX_PANEL_BYTES = 256 * 1024;
    /**
     * A dense product with A packed walks all the row tiles of a strip in one kernel call
     * (walksTilesOfStrip) when its passes have at most this many steps: the per-tile call and
     * choice of kernel then weigh more than the packedSparse kernel's lookup of each step in the
     * list (the dense list holds every step). Measured on an AMD EPYC with AVX2 (64×k·k×512, the
     * two ways side by side in one JVM, 20 rounds; bench/README.adoc, session 31): at k = 10,
     * A·Bᵀ (MNIST's dZ2·W2ᵀ) took 0.955 (JDK 17) and 0.874 (JDK 25) of the time, A·B 1.027 and
     * 0.874; at 16 about the same either way; from 32 on, 1.02 to 1.33 times as long. (No MNIST
     * A·B product has so few steps; H·W2, whose C is 10 wide, reads A in place.)
     */
    static final int WALK_TILES_MAX_STEPS = 12;
    // end::block-sizes[]

    /** The widest tile of any shape, in floats, and the most rows: the workspace fits every tile. */
    private static final int MAX_TILE_COLS = Tile.SHAPES.stream().mapToInt(Tile::vectors).max().orElseThrow() * LANES;
    private static final int MAX_TILE_ROWS = Tile.SHAPES.stream().mapToInt(Tile::rows).max().orElseThrow();

    /**
     * A row of zeros, never written. The first pass over k of a product that overwrites C starts
     * its tiles from zero: the micro-kernel then reads its initial tile from here, with row stride
     * 0, instead of from C, which saves clearing C first and keeps the kernel free of branches.
     */
    private static final float[] ZEROS = new float[MAX_TILE_COLS];

    /** Scratch arrays, one set per thread, reused from call to call. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final WorkerPool pool;
    private final Tile tile;
    /** For each number of rows fewer than the tile's, a tile of exactly that many rows (or null): see multiplyBottomEdge. */
    private final Tile[] edgeTiles;
    private final boolean skipZeros;
    /**
     * Where a product that would skip zeros goes when its A has none (null for a dense multiply):
     * it has nothing to skip, so listing its steps would be wasted, and the fastest tile for dense
     * operands is not always the fastest for sparse ones (MachineTile).
     */
    private final FloatMatmul withoutZeros;
    private final int tileCols;
    private final int blockRows;
    private final int blockCols;
    /** Panels larger than this many bytes are read in place (IN_PLACE_MIN_PANEL_BYTES, or 0 for tests). */
    private final int inPlacePanelBytes;

    /** The dense multiply with micro-kernel tile {@code tile}. */
    FloatMatmul(WorkerPool pool, Tile tile) {
        this(pool, tile, false, null, IN_PLACE_MIN_PANEL_BYTES);
    }

    /** A multiply that skips the zeros of A with tile {@code tile}, and hands an A without zeros to the dense {@code withoutZeros}. */
    static FloatMatmul skippingZeros(WorkerPool pool, Tile tile, FloatMatmul withoutZeros) {
        if (Objects.requireNonNull(withoutZeros, "withoutZeros").skipZeros) {
            throw new IllegalArgumentException("the multiply for an A without zeros must be a dense one");
        }
        return new FloatMatmul(pool, tile, true, withoutZeros, IN_PLACE_MIN_PANEL_BYTES);
    }

    /**
     * This multiply, reading B in place wherever readsBInPlace allows, whatever the panel's size:
     * for tests, which then run that path on machines whose panels all fit in L1.
     */
    FloatMatmul readingBInPlaceWhereItCan() {
        return new FloatMatmul(pool, tile, skipZeros, withoutZeros == null ? null : withoutZeros.readingBInPlaceWhereItCan(), 0);
    }

    private FloatMatmul(WorkerPool pool, Tile tile, boolean skipZeros, FloatMatmul withoutZeros, int inPlacePanelBytes) {
        this.pool = pool;
        this.inPlacePanelBytes = inPlacePanelBytes;
        this.tile = tile;
        this.skipZeros = skipZeros;
        this.withoutZeros = withoutZeros;
        this.edgeTiles = edgeTilesOf(tile);
        this.tileCols = tile.vectors() * LANES;
        this.blockRows = tile.rows() * Math.max(1, BLOCK_ROWS / tile.rows());
        this.blockCols = tileCols * Math.max(1, BLOCK_COLS / tileCols);
    }

    /**
     * The operands of one multiply (see {@link Kernels#matmul} for the storage conventions), and
     * its work items: item number i is block (i / colBlocks, i % colBlocks) of C. Not a record, and
     * not a lambda handed to the pool: the calling thread's workspace holds one and refills it on
     * every call, so that a training step, which multiplies five times, allocates nothing (a
     * capturing lambda is a new object per call wherever the JIT cannot prove it stays local, and it
     * could not here). Worker threads read the caller's copy, which stays unchanged until the call
     * returns.
     */
    private static final class Operands implements IntConsumer {
        FloatMatmul matmul;
        /** Rows of C per work item, a multiple of the tile's rows. */
        int rowsPerItem;
        /** Columns of C per work item: the multiply's blockCols, or all of them when {@link #rowsFirst}. */
        int blockCols;
        int colBlocks;
        /** Whether each work item walks its row tiles outside and its strips inside (walksRowsFirst). */
        boolean rowsFirst;
        float[] a;
        boolean transposeA;
        float[] b;
        boolean transposeB;
        float[] c;
        int m;
        int k;
        int n;
        boolean accumulate;
        /** Steps along k per pass. */
        int kStep;
        /** op(A) packed for the packed kernels, or null: the kernels read A where it is. */
        PackedA packedA;
        /**
         * Whether the pool runs this multiply on the calling thread alone: asked once per multiply,
         * it decides the items' rows (rowsPerItem), their order (multiplyOnCaller) and whether
         * large panels are read in place (readsBInPlace).
         */
        boolean onCallerAlone;
        /**
         * Whether each tile of the product is added to C times {@link #alpha} as soon as it is
         * computed (addScaledProduct), rather than written into C: by the scaled kernels, or,
         * for a tile without them, through the workspace's scratch tile.
         */
        boolean scaled;
        float alpha;

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
            // Equal k blocks of at most BLOCK_K: 784 = 4 × 196 rather than 3 × 256 + 16, whose short
            // last pass would spend more time loading and storing C than multiplying.
            this.kStep = ceilDiv(k, ceilDiv(k, BLOCK_K));
            this.packedA = null;
            this.scaled = false;
            return this;
        }

        @Override
        public void accept(int item) {
            matmul.multiplyBlock(this, item / colBlocks, item % colBlocks);
        }
    }

    private static final class Workspace {
        final float[] panel = new float[BLOCK_K * MAX_TILE_COLS];
        final float[] edgeA = new float[BLOCK_K * MAX_TILE_ROWS];
        final float[] edgeC = new float[MAX_TILE_ROWS * MAX_TILE_COLS];
        /**
         * One panel per strip of C, for a product walked rows first (multiplyBlockRowsFirst): the
         * first {@code count}, each at least {@code length} floats, grown only when a product needs
         * more (so after the first training step, never).
         */
        private float[][] panels = new float[0][];
        /** The panel of one strip, for a scaled kernel run on a single tile (a band of one strip). */
        private final float[][] onePanel = new float[1][];

        float[][] onePanel(float[] panel) {
            onePanel[0] = panel;
            return onePanel;
        }

        float[][] panels(int count, int length) {
            if (panels.length < count) {
                panels = Arrays.copyOf(panels, count);
            }
            for (int s = 0; s < count; s++) {
                if (panels[s] == null || panels[s].length < length) {
                    panels[s] = new float[length];
                }
            }
            return panels;
        }
        /**
         * A work item's part of C's ragged last strip (see multiplyBlock), rows of whole vectors:
         * row i of C is row i % rowsPerItem here, as items start at multiples of rowsPerItem.
         * Grows to the largest item's rows.
         */
        float[] raggedStrip = new float[0];

        float[] raggedStrip(int size) {
            if (raggedStrip.length < size) {
                raggedStrip = new float[size];
            }
            return raggedStrip;
        }
        final Operands operands = new Operands();
        final PackedA packedA = new PackedA();
        /** Where the tiles of the strip in progress read B's steps: see {@link StripOfB}. */
        final StripOfB stripOfB = new StripOfB();
        /** Where the kernels of multiplyTile and of a bottom edge read A: see {@link RowsOfA}. */
        final RowsOfA rowsOfA = new RowsOfA();
    }

    /**
     * Where the kernels read step p of the strip in progress: b[from + p·stride]. That is the
     * strip's panel (from 0, a panel row per step: the workspace's panel, or one of its panels
     * when C is walked rows first), or, when the strip {@link #readsBInPlace}, B's own rows (from
     * the strip's first column in the pass's first row, n apart). Only packedSparseBInPlace kernels
     * run on a strip read in place; every other kernel takes the panel, {@link #array}, from 0.
     */
    private static final class StripOfB {
        boolean inPlace;
        float[] array;
        int from;
        int stride;
    }

    /**
     * Where a kernel reads its rows of A (findRowsOfA, or an edge's scratch copy): A[i+r][p] at
     * array[from + r·stride + p], or at array[from + p·stride + r] when {@code transposed}.
     */
    private static final class RowsOfA {
        float[] array;
        int from;
        int stride;
        boolean transposed;

        void set(float[] array, int from, int stride, boolean transposed) {
            this.array = array;
            this.from = from;
            this.stride = stride;
            this.transposed = transposed;
        }
    }

    /**
     * C = op(A)·op(B), or C += op(A)·op(B) when {@code accumulate}, where op(A) is m×k and op(B) is
     * k×n. A is stored m×k, or k×m when {@code transposeA}; B is stored k×n, or n×k when
     * {@code transposeB}.
     */
    void multiply(float[] a, boolean transposeA, float[] b, boolean transposeB,
                  float[] c, int m, int k, int n, boolean accumulate) {
        if (isEmpty(c, m, k, n, accumulate)) {
            return;
        }
        FloatMatmul multiplier = multiplierFor(a, m, k, n, accumulate);
        Workspace ws = WORKSPACE.get();
        multiplier.run(ws, ws.operands.set(a, transposeA, b, transposeB, c, m, k, n, accumulate));
    }

    /** Whether a product with k steps takes one pass along k, the products {@link #addScaledProduct} computes. */
    static boolean takesOnePass(int k) {
        return k >= 1 && k <= BLOCK_K;
    }

    /**
     * C += alpha·(op(A)·op(B)), op(A) m×k and op(B) k×n stored as for {@link #multiply}, in one
     * pass along k ({@link #takesOnePass}): the same bits as multiply into a scratch C followed by
     * c[i] = fma(alpha, scratch[i], c[i]) for each of C's m·n elements (VectorKernels.axpy). Each
     * tile of the product is added to C as soon as it is computed, by the scaled kernels from the
     * registers (colAScaled, packedSparseScaled; tiles of at most 16 accumulators) or through the
     * thread's scratch tile, so no m×n product is ever stored: plain SGD's update of W1 by Xᵀ·dZ1 then never
     * writes dW1, and W1 is read and written once instead of three arrays of its size being
     * streamed through the caches (see the book, chapter 7).
     */
    void addScaledProduct(float alpha, float[] a, boolean transposeA, float[] b, boolean transposeB,
                          float[] c, int m, int k, int n) {
        if (!takesOnePass(k)) {
            throw new IllegalArgumentException("a scaled product must take one pass along k (1 to " + BLOCK_K + " steps), got k = " + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        FloatMatmul multiplier = multiplierFor(a, m, k, n, false);
        Workspace ws = WORKSPACE.get();
        Operands operands = ws.operands.set(a, transposeA, b, transposeB, c, m, k, n, false);
        operands.scaled = true;
        operands.alpha = alpha;
        multiplier.run(ws, operands);
    }

    /** Runs the multiply {@code operands} describe, with this multiply's tile, on the pool. */
    private void run(Workspace ws, Operands operands) {
        float[] a = operands.a;
        boolean transposeA = operands.transposeA;
        int m = operands.m;
        int k = operands.k;
        int n = operands.n;
        // tag::work-items[]
        // A transposed A is copied only when its zeros are listed, and then only at its listed steps.
        boolean listsZeros = listsZeros(n, operands.accumulate);
        if (listsZeros || (n >= PACK_MIN_COLS && !transposeA)) {
            operands.packedA = ws.packedA.pack(pool, a, transposeA, m, k, tile.rows(), operands.kStep, listsZeros);
        }
        operands.matmul = this;
        operands.onCallerAlone = pool.runsOnCallerAlone();
        operands.rowsFirst = walksRowsFirst(operands);
        operands.blockCols = operands.rowsFirst ? n : blockCols;
        operands.colBlocks = ceilDiv(n, operands.blockCols);
        operands.rowsPerItem = rowsPerItem(operands);
        int items = ceilDiv(m, operands.rowsPerItem) * operands.colBlocks;
        if (items == 1 || 2L * m * k * n < PARALLEL_MIN_FLOPS || operands.onCallerAlone) {
            multiplyOnCaller(operands, items);
        } else {
            pool.forEach(items, operands);
        }
        // end::work-items[]
    }

    /**
     * Runs every work item on the calling thread. Item by item, unless the items all share A's rows
     * and more than one pass along k: then pass by pass, each pass through every item. A minibatch's
     * A (64×784, its k block 50 KB) then stays in L1 and L2 while all of C's columns pass over it,
     * instead of being read again, all of it, by every item; C (64×512, 128 KB) stays in L2 between
     * passes. Each element's chain of multiply-adds keeps its order, so the bits are the same.
     * X·W1 on one thread took 4–9 µs less per training step this way, about 1.5% of the step
     * (bench/README.adoc, session 17).
     */
    private void multiplyOnCaller(Operands o, int items) {
        if (!passesThroughAllItems(o, items)) {
            for (int item = 0; item < items; item++) {
                o.accept(item);
            }
            return;
        }
        int kBlocks = ceilDiv(o.k, o.kStep);
        for (int kBlock = 0; kBlock < kBlocks; kBlock++) {
            for (int item = 0; item < items; item++) {
                multiplyBlock(o, item / o.colBlocks, item % o.colBlocks, kBlock, kBlock + 1);
            }
        }
    }

    /**
     * Whether the items can run pass by pass (see multiplyOnCaller): several items of one row
     * block, more than one pass, and no item with a ragged last strip, whose scratch strip lives
     * for one item only.
     */
    private boolean passesThroughAllItems(Operands o, int items) {
        return items > 1 && o.rowsPerItem >= o.m && o.k > o.kStep && o.n % LANES == 0;
    }

    /**
     * Whether the product m×k·k×n has nothing to multiply, and if so finishes it: with m or n zero C
     * is empty; with k zero each element is an empty sum, zero, unless the product adds to C.
     */
    static boolean isEmpty(float[] c, int m, int k, int n, boolean accumulate) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0 && !accumulate) {
            Arrays.fill(c, 0, m * n, 0f);
        }
        return k == 0;
    }

    /**
     * Whether this multiply looks through A for the steps it can skip: when it skips zeros, only
     * where C is overwritten (see PackedA on why a running sum must not start from −0) and wide
     * enough for A to be packed or listed.
     */
    private boolean listsZeros(int n, boolean accumulate) {
        return skipZeros && !accumulate && n >= PACK_MIN_COLS;
    }

    /**
     * The multiply that computes this product (m×k A, C m×n): this one, unless it would list the
     * zeros of an A that has none (not one +0 or −0); then the dense {@link #withoutZeros}.
     */
    FloatMatmul multiplierFor(float[] a, int m, int k, int n, boolean accumulate) {
        if (listsZeros(n, accumulate) && !PackedA.hasZero(a, m * k)) {
            return withoutZeros;
        }
        return this;
    }

    /** The micro-kernel tile of this multiply. */
    Tile tile() {
        return tile;
    }

    /**
     * Rows of C per work item: blocks of {@link #BLOCK_ROWS}; but when C is a single column block
     * (n = 10) and that would leave threads without work, as many rows as give each thread a share;
     * and on one thread, all of C's rows, up to four blocks' worth, when a pass of all of A is no
     * larger than a pass of one block's rows: B's panels are then packed once instead of once per
     * row block (Xᵀ·dZ1, 784×64·64×512, 5–6 µs less a step), and the item's scratch strip stays
     * small. How C is cut into items changes no bit of it.
     */
    private int rowsPerItem(Operands o) {
        int m = o.m;
        if (o.onCallerAlone && m <= 4 * blockRows && m * o.kStep <= BLOCK_ROWS * BLOCK_K) {
            return Math.max(blockRows, ceilDiv(m, tile.rows()) * tile.rows());
        }
        int threads = pool.threads();
        if (o.colBlocks * ceilDiv(m, blockRows) >= threads) {
            return blockRows;
        }
        return Math.max(tile.rows(), ceilDiv(ceilDiv(m, threads), tile.rows()) * tile.rows());
    }

    /** Computes block (rowBlock, colBlock) of C, over all of k (which is at least 1). */
    private void multiplyBlock(Operands o, int rowBlock, int colBlock) {
        multiplyBlock(o, rowBlock, colBlock, 0, ceilDiv(o.k, o.kStep));
    }

    /**
     * Runs passes [fromBlock, toBlock) along k of block (rowBlock, colBlock) of C. Only a block
     * without a ragged last strip may be computed in more than one call.
     */
    // tag::block[]
    private void multiplyBlock(Operands o, int rowBlock, int colBlock, int fromBlock, int toBlock) {
        Workspace ws = WORKSPACE.get();
        int rowStart = rowBlock * o.rowsPerItem;
        int rowEnd = Math.min(rowStart + o.rowsPerItem, o.m);
        int colStart = colBlock * o.blockCols;
        int colEnd = Math.min(colStart + o.blockCols, o.n);
        if (o.rowsFirst) {
            multiplyBlockRowsFirst(o, ws, rowStart, rowEnd, colStart, colEnd);
            return;
        }
        int lastStrip = colStart + (colEnd - colStart - 1) / tileCols * tileCols;
        boolean ragged = (colEnd - lastStrip) % LANES != 0; // C's last strip ends inside a vector
        if (ragged) {
            startRaggedStrip(o, ws, rowStart, rowEnd, lastStrip, colEnd - lastStrip);
        }
        for (int kBlock = fromBlock, p0 = kBlock * o.kStep; kBlock < toBlock; p0 += o.kStep, kBlock++) {
            int kc = Math.min(o.kStep, o.k - p0);
            // The first pass overwrites C, unless the caller accumulates; later passes add to it.
            boolean addToC = o.accumulate || p0 > 0;
            for (int j = colStart; j < colEnd; j += tileCols) {
                int cols = Math.min(tileCols, colEnd - j);
                startStrip(o, ws, p0, kc, j, cols);
                // Row tiles start at multiples of the tile's rows (so do the items' row blocks):
                // tile number i / rows, counted here rather than divided for every tile.
                int tileIndex = rowStart / tile.rows();
                int i = rowStart;
                if (walksTilesOfStrip(o, ws, cols, kc)) {
                    int tiles = (rowEnd - rowStart) / tile.rows();
                    multiplyTilesOfStrip(o, ws, i, tileIndex, tiles, j, kBlock, addToC);
                    i += tiles * tile.rows();
                    tileIndex += tiles;
                }
                for (; i < rowEnd; i += tile.rows(), tileIndex++) {
                    multiplyTileOfStrip(o, ws, i, tileIndex, Math.min(tile.rows(), rowEnd - i), j, cols, p0, kc, kBlock, addToC);
                }
            }
        }
        if (ragged) {
            finishRaggedStrip(o, ws, rowStart, rowEnd, lastStrip, colEnd - lastStrip);
        }
    }
    // end::block[]

    // A scaled product (plain SGD's step for W1: W1 += −η·Xᵀ·dZ1) reads and writes every element
    // of C once, a tile at a time. Walked strip by strip, as above, a tile's rows of C are n floats
    // apart, one or two cache lines each: W1 (1.6 MB at 784×512) does not fit in L2, and the hardware
    // prefetchers, which follow a stream of neighbouring lines, do not fetch such lines ahead, so
    // each tile waited for its lines. Row band by row band, across the whole width, each row of C
    // is read and written from its first line to its last, a stream the prefetchers follow. The
    // cost: every strip's panel is packed first, all of B (128 KB for that step), and read from L2
    // rather than L1. On an AMD EPYC with AVX2 (L2 512 KB), dense one-thread epochs took 0.93 of
    // the time this way (faster in 30 of 40 rounds in turn), two threads 0.91; with zero-skipping
    // 0.99 and 0.96, within the noise (bench/README.adoc, session 26). Not measured on AVX-512.
    //
    // Two products that overwrite C in one pass along k are walked the same way, with kernels that
    // store their sums (colABand, packedSparseBand), one call per row band instead of one per
    // tile: from a transposed A read in place (Xᵀ·dZ1 as a product, 784×64·64×512, whose dW1 of
    // 1.6 MB is then written row by row), and from a packed A of at most WALK_TILES_MAX_STEPS
    // steps (dZ2·W2ᵀ, k = 10: ten steps per tile between its call, its start from +0 and its
    // stores). Side by side in one JVM on an AMD EPYC with AVX2, JDK 17 and 25 (bench/README.adoc,
    // session 33): Xᵀ·dZ1 took 0.75–0.89 of the time (0.81–0.87 at 128 bits), dZ2·W2ᵀ 0.77–0.87
    // (0.76–0.83). Not walked so, as measured: a packed A of more steps (64×128·128×512 took 1.05,
    // 512×128·128×512 1.00–1.21), nor a transposed A whose zeros are listed (MNIST-like, 1.12–1.17).

    /**
     * Whether the multiply walks C row band by row band (see above): a scaled product, or one that
     * overwrites C in one pass along k from a transposed A in place or from a packed A of at most
     * WALK_TILES_MAX_STEPS steps, with a tile that has row-band kernels (a scaled product's tile
     * without them goes through the scratch tile, band by band all the same); on the calling
     * thread alone (one thread, or a part of the hidden units inside a pool job), whose C has no
     * ragged last strip and whose B fits in ROWS_FIRST_MAX_PANEL_BYTES. Its one work item is then
     * all of C's columns. Each element of C takes the same steps in the same order either way, so
     * the bits are the same.
     */
    private boolean walksRowsFirst(Operands o) {
        boolean overwritesInOnePass = !o.accumulate && takesOnePass(o.k) && FloatMicroKernels.hasBandKernels(tile)
                && (o.packedA == null ? o.transposeA : o.k <= WALK_TILES_MAX_STEPS);
        return (o.scaled || overwritesInOnePass) && o.onCallerAlone && o.n % tileCols == 0
                && (long) o.k * o.n * Float.BYTES <= ROWS_FIRST_MAX_PANEL_BYTES;
    }

    /** Block [rowStart, rowEnd) × [colStart, colEnd) of a product walked rows first, in one pass along k, a row band of tiles at a time. */
    private void multiplyBlockRowsFirst(Operands o, Workspace ws, int rowStart, int rowEnd, int colStart, int colEnd) {
        int kc = o.k;
        int strips = (colEnd - colStart) / tileCols;
        float[][] panels = ws.panels(strips, kc * tileCols);
        for (int s = 0; s < strips; s++) {
            packPanel(o, 0, kc, colStart + s * tileCols, tileCols, panels[s]);
        }
        StripOfB strip = ws.stripOfB;
        strip.inPlace = false;
        strip.from = 0;
        strip.stride = tileCols;
        int tileIndex = rowStart / tile.rows();
        for (int i = rowStart; i < rowEnd; i += tile.rows(), tileIndex++) {
            int rows = Math.min(tile.rows(), rowEnd - i);
            boolean done = rows == tile.rows() ? multiplyRowBand(o, panels, i, tileIndex, colStart, strips)
                    : multiplyBottomEdgeBand(o, ws, panels, i, tileIndex, rows, colStart, strips);
            if (done) {
                continue;
            }
            for (int s = 0, j = colStart; s < strips; s++, j += tileCols) {
                strip.array = panels[s];
                multiplyTileOfStrip(o, ws, i, tileIndex, rows, j, tileCols, 0, kc, 0, o.accumulate);
            }
        }
    }

    /**
     * Row tile {@code tileIndex} (whole, rows [i, i + tile rows)) of a product walked rows first,
     * across all {@code strips} strips from column {@code colStart}, in one call of a row-band
     * kernel (see MicroKernelGenerator's Variant.scaled and Variant.band on why): the steps PackedA
     * lists when it copied A (only the non-zero ones when it skips zeros), else all of them, from
     * a transposed A read in place. Returns false, having done nothing, when the tile has no such
     * kernel or A is neither; the caller then goes strip by strip.
     */
    private boolean multiplyRowBand(Operands o, float[][] panels, int i, int tileIndex, int colStart, int strips) {
        PackedA packed = o.packedA;
        int cFrom = i * o.n + colStart;
        if (!o.scaled) { // a plain product: the kernel stores its sums in C
            if (packed != null) {
                return FloatMicroKernels.packedSparseBand(tile, tile.vectors(), packed.values(), panels, o.c, cFrom, o.n,
                        packed.steps(), packed.from(tileIndex, 0), packed.to(tileIndex, 0), strips);
            }
            return o.transposeA && FloatMicroKernels.colABand(tile, tile.vectors(), o.a, i, o.m, panels, o.c, cFrom,
                    o.n, o.k, strips);
        }
        if (packed != null) {
            int from = packed.from(tileIndex, 0);
            int to = packed.to(tileIndex, 0);
            if (from == to && addsNothing(o.alpha)) {
                return true;
            }
            return FloatMicroKernels.packedSparseScaled(tile, tile.vectors(), packed.values(), panels, o.alpha,
                    o.c, cFrom, o.n, packed.steps(), from, to, strips);
        }
        return o.transposeA && FloatMicroKernels.colAScaled(tile, tile.vectors(), o.a, i, o.m, panels, o.alpha,
                o.c, cFrom, o.n, o.k, strips);
    }

    // C's last strip, when n is not a whole number of vectors (all of C, at n = 10), is computed
    // into a scratch strip of whole vectors, and copied into C when the work item is done: its tiles
    // then read and write whole vectors, as every other tile does. (Earlier, each such tile went
    // through a scratch tile of its own, cleared before and copied out row by row after; copying
    // once made 64×512·512×10 1.06–1.07 times as fast on a Xeon: bench/README.adoc, session 12.)

    /**
     * Makes the item's scratch strip for rows [rowStart, rowEnd) of columns [j, j + cols), in
     * whole tiles and vectors. When the product adds to C, it starts from C, zero-padded; otherwise
     * the first pass writes all of it.
     */
    private void startRaggedStrip(Operands o, Workspace ws, int rowStart, int rowEnd, int j, int cols) {
        int width = panelVectors(cols) * LANES;
        int rows = ceilDiv(rowEnd - rowStart, tile.rows()) * tile.rows();
        float[] strip = ws.raggedStrip(rows * width);
        if (o.accumulate) {
            Arrays.fill(strip, 0, rows * width, 0f);
            for (int i = rowStart; i < rowEnd; i++) {
                System.arraycopy(o.c, i * o.n + j, strip, (i - rowStart) * width, cols);
            }
        }
    }

    /** Copies the item's scratch strip into columns [j, j + cols) of C's rows [rowStart, rowEnd). */
    private void finishRaggedStrip(Operands o, Workspace ws, int rowStart, int rowEnd, int j, int cols) {
        int width = panelVectors(cols) * LANES;
        if (o.scaled) {
            addScaledTile(o, ws.raggedStrip, width, rowStart, rowEnd - rowStart, j, cols);
            return;
        }
        for (int i = rowStart; i < rowEnd; i++) {
            System.arraycopy(ws.raggedStrip, (i - rowStart) * width, o.c, i * o.n + j, cols);
        }
    }

    /**
     * Row tile {@code tileIndex} (rows [i, i + rows)) of the strip in progress, columns [j, j + cols),
     * pass {@code kBlock} along k: a tile at C's edges through multiplyTile, a whole one through the
     * method for its steps, all of them or only the listed ones.
     */
    private void multiplyTileOfStrip(Operands o, Workspace ws, int i, int tileIndex, int rows, int j, int cols,
                                     int p0, int kc, int kBlock, boolean addToC) {
        if (rows < tile.rows() || cols < tileCols) {
            multiplyTile(o, ws, i, tileIndex, rows, j, cols, p0, kc, kBlock, addToC);
        } else if (ws.stripOfB.inPlace || skipsSteps(o.packedA, tileIndex, kBlock, kc)) {
            multiplyWholeSkippingTile(o, ws, i, tileIndex, j, p0, kBlock, addToC);
        } else {
            multiplyWholeTile(o, ws, i, tileIndex, j, p0, kc, kBlock, addToC);
        }
    }

    /**
     * Whether the whole row tiles of the strip in progress, {@code cols} wide, in a pass of
     * {@code kc} steps, run in one call of a packedSparse kernel (multiplyTilesOfStrip): when A's
     * zeros were listed, or A was packed and the pass is short ({@link #WALK_TILES_MAX_STEPS}), the
     * strip is a whole tile wide and read from its panel, and the product is not scaled (a scaled
     * product's tiles go to C through its own kernels).
     */
    private boolean walksTilesOfStrip(Operands o, Workspace ws, int cols, int kc) {
        boolean listed = listsZeros(o.n, o.accumulate) || (o.packedA != null && kc <= WALK_TILES_MAX_STEPS);
        return listed && cols == tileCols && !ws.stripOfB.inPlace && !o.scaled;
    }

    /**
     * Row tiles [tileIndex, tileIndex + tiles) of the strip in progress, from row i and column j,
     * pass {@code kBlock}: each walks its own listed steps, in one call of the packedSparse kernel.
     * Per tile, the call and the choice of kernel around it cost about as much as a tenth of X·W1's
     * multiply-adds with zero-skipping (2,048 tiles a step with 2×4 tiles; bench/README.adoc,
     * session 29).
     */
    private void multiplyTilesOfStrip(Operands o, Workspace ws, int i, int tileIndex, int tiles, int j, int kBlock,
                                      boolean addToC) {
        PackedA packed = o.packedA;
        int cFrom = i * o.n + j;
        FloatMicroKernels.packedSparse(tile, tile.vectors(), packed.values(), ws.stripOfB.array,
                addToC ? o.c : ZEROS, addToC ? cFrom : 0, addToC ? o.n : 0, o.c, cFrom, o.n,
                packed.steps(), packed.starts(), packed.listAt(tileIndex, kBlock), packed.listStride(), tiles);
    }

    // Whole tiles, inside C's edges, take one of the two methods below: multiplyTile would compute
    // them too, but it handles every case and is too large for the JIT to inline, and its
    // bookkeeping, once per tile, took a tenth of the time of MNIST's weight gradient Xᵀ·dZ1, whose
    // 4,192 tiles walk 22 steps each on average with zero-skipping (bench/README.adoc, session 9).
    // These two are small enough to be inlined, and leave only the choice of kernel.

    /** Whether row tile {@code tileIndex} walks fewer than all kc steps of pass {@code kBlock}: A was listed and had zeros there. */
    private static boolean skipsSteps(PackedA packed, int tileIndex, int kBlock, int kc) {
        return packed != null && packed.to(tileIndex, kBlock) - packed.from(tileIndex, kBlock) < kc;
    }

    /** A whole tile that walks only its listed steps, straight into C. */
    private void multiplyWholeSkippingTile(Operands o, Workspace ws, int i, int tileIndex, int j, int p0, int kBlock,
                                           boolean addToC) {
        PackedA packed = o.packedA;
        int from = packed.from(tileIndex, kBlock);
        int to = packed.to(tileIndex, kBlock);
        int cFrom = i * o.n + j;
        if (o.scaled && from == to && addsNothing(o.alpha)) {
            return;
        }
        StripOfB strip = ws.stripOfB;
        // A scaled product's kernel adds its sums times alpha to C itself, where the tile has one.
        if (o.scaled && !strip.inPlace && FloatMicroKernels.packedSparseScaled(tile, tile.vectors(), packed.values(),
                ws.onePanel(strip.array), o.alpha, o.c, cFrom, o.n, packed.steps(), from, to, 1)) {
            return;
        }
        float[] cIn = addToC ? o.c : ZEROS;
        int cInFrom = addToC ? cFrom : 0;
        int cInRowStride = addToC ? o.n : 0;
        float[] out = o.scaled ? ws.edgeC : o.c;
        int outFrom = o.scaled ? 0 : cFrom;
        int outRowStride = o.scaled ? tileCols : o.n;
        if (strip.inPlace) {
            FloatMicroKernels.packedSparseBInPlace(tile, tile.vectors(), packed.values(), strip.array, strip.from,
                    strip.stride, cIn, cInFrom, cInRowStride, out, outFrom, outRowStride, packed.steps(), from, to);
        } else {
            FloatMicroKernels.packedSparse(tile, tile.vectors(), packed.values(), strip.array, cIn, cInFrom, cInRowStride,
                    out, outFrom, outRowStride, packed.steps(), packed.starts(), packed.listAt(tileIndex, kBlock), 0, 1);
        }
        if (o.scaled) {
            addScaledTile(o, ws.edgeC, tileCols, i, tile.rows(), j, tileCols);
        }
    }

    /** A whole tile that walks all kc steps of the pass, straight into C. */
    private void multiplyWholeTile(Operands o, Workspace ws, int i, int tileIndex, int j, int p0, int kc, int kBlock,
                                   boolean addToC) {
        int cFrom = i * o.n + j;
        // A scaled product's kernel adds its sums times alpha to C itself, where the tile has one.
        if (o.scaled && o.transposeA && FloatMicroKernels.colAScaled(tile, tile.vectors(), o.a, p0 * o.m + i, o.m,
                ws.onePanel(ws.stripOfB.array), o.alpha, o.c, cFrom, o.n, kc, 1)) {
            return;
        }
        float[] cIn = addToC ? o.c : ZEROS;
        int cInFrom = addToC ? cFrom : 0;
        int cInRowStride = addToC ? o.n : 0;
        float[] out = o.scaled ? ws.edgeC : o.c;
        int outFrom = o.scaled ? 0 : cFrom;
        int outRowStride = o.scaled ? tileCols : o.n;
        PackedA packed = o.packedA;
        if (o.transposeA) { // read in place: stored k×m, step p's values of the tile's rows are neighbours
            FloatMicroKernels.inPlace(tile, tile.vectors(), true, o.a, p0 * o.m + i, o.m, ws.stripOfB.array,
                    cIn, cInFrom, cInRowStride, out, outFrom, outRowStride, kc);
        } else if (packed != null) {
            FloatMicroKernels.packed(tile, tile.vectors(), packed.values(), packed.from(tileIndex, kBlock) * tile.rows(),
                    ws.stripOfB.array, cIn, cInFrom, cInRowStride, out, outFrom, outRowStride, kc);
        } else { // a row-major A read in place
            FloatMicroKernels.inPlace(tile, tile.vectors(), false, o.a, i * o.k + p0, o.k, ws.stripOfB.array,
                    cIn, cInFrom, cInRowStride, out, outFrom, outRowStride, kc);
        }
        if (o.scaled) {
            addScaledTile(o, ws.edgeC, tileCols, i, tile.rows(), j, tileCols);
        }
    }

    /** Vectors in the panel of a strip {@code cols} wide: as many as it needs, at most the tile's. */
    private int panelVectors(int cols) {
        return Math.min(tile.vectors(), ceilDiv(cols, LANES));
    }

    /**
     * Readies strip [j, j + cols) of pass [p0, p0 + kc) for its tiles, in the workspace's
     * StripOfB: packs its panel, unless the strip reads B in place.
     */
    private void startStrip(Operands o, Workspace ws, int p0, int kc, int j, int cols) {
        StripOfB strip = ws.stripOfB;
        strip.inPlace = readsBInPlace(o, kc, cols);
        if (strip.inPlace) {
            strip.array = o.b;
            strip.from = p0 * o.n + j;
            strip.stride = o.n;
        } else {
            packPanel(o, p0, kc, j, cols, ws.panel);
            strip.array = ws.panel;
            strip.from = 0;
            strip.stride = panelVectors(cols) * LANES;
        }
    }

    /**
     * Whether a strip's tiles read B where it lies rather than from a packed panel: on one thread,
     * when the panel would be larger than {@code inPlacePanelBytes}, B is stored k×n, the strip is
     * a whole tile wide (no padding to add), and A is packed, so that every tile can run
     * packedSparseBInPlace, the kernel that takes B's stride (a packed A always has its steps listed, all
     * of them where it has no zeros). On two threads, reading W1 in place made the epoch about 3%
     * slower (wall clock, five pairs of JVMs), so there the panels are packed as before.
     */
    private boolean readsBInPlace(Operands o, int kc, int cols) {
        return o.onCallerAlone && (long) kc * tileCols * Float.BYTES > inPlacePanelBytes && !o.transposeB
                && cols == tileCols && o.packedA != null && !o.transposeA;
    }

    /**
     * Copies steps [p0, p0 + kc) of columns [j, j + cols) of op(B) into the panel, one row of the
     * strip after another, each padded with zeros to the panel width. Packing one strip just
     * before the row tiles use it keeps the panel in L1 from its writing to its last reading.
     */
    private void packPanel(Operands o, int p0, int kc, int j, int cols, float[] panel) {
        int width = panelVectors(cols) * LANES;
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
        } else if (cols == width && o.packedA != null && o.packedA.listsStepsOfAnyTile()) {
            packListedRowsOfPanel(o, p0, j, width, panel);
        } else if (cols == width) {
            copyRowsByVectors(o.b, p0 * o.n + j, o.n, panel, width, kc);
        } else {
            // A strip narrower than its panel (all of B when n = 10): zero the padding once, then copy rows.
            Arrays.fill(panel, 0, kc * width, 0f);
            for (int p = 0; p < kc; p++) {
                System.arraycopy(o.b, (p0 + p) * o.n + j, panel, p * width, cols);
            }
        }
    }

    /**
     * Copies {@code rows} rows of {@code width} floats (whole vectors), {@code stride} apart from
     * {@code from} in {@code b}, into the panel one after another: the common case of packPanel.
     * With vector loads and stores rather than a System.arraycopy per row, of which X·W1's
     * panels took 25,088 a step, 16 floats each: on an AMD EPYC with AVX2, the two ways side by
     * side in one JVM, X·W1 with W1 coming from L3 as in training took 0.84–0.93 (JDK 17) and
     * 0.90–0.91 (JDK 25) of the time with the loop below, in two runs each, and with rows of 32
     * floats (2×4 tiles) 0.93 and 0.89 (bench/README.adoc, session 32). Rows of two vectors, the
     * width of the tiles for 16 registers, go two at a time (copyRowsOfTwoVectors). Every vector
     * is cast to its exact class where it is made (see FloatMicroKernels' EXACT_CLASS).
     */
    private static void copyRowsByVectors(float[] b, int from, int stride, float[] panel, int width, int rows) {
        if (width == 2 * LANES) {
            copyRowsOfTwoVectors(b, from, stride, panel, rows);
            return;
        }
        for (int p = 0, source = from, target = 0; p < rows; p++, source += stride, target += width) {
            for (int e = 0; e < width; e += LANES) {
                EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source + e)).intoArray(panel, target + e);
            }
        }
    }

    /**
     * copyRowsByVectors for rows of two vectors: two rows an iteration, their four loads before
     * their four stores, written out rather than looped over. Against the loop above, X·W1 took
     * 0.88 (JDK 17) and 0.91 (JDK 25) of the time; against an arraycopy per row, 0.83 and 0.81,
     * and dense one-thread epochs 0.97 and 0.91. One row an iteration written out took 1.08 and
     * 1.00 of this one's time, two rows with a loop over each row's vectors 1.11 and 1.09
     * (bench/README.adoc, session 32).
     */
    private static void copyRowsOfTwoVectors(float[] b, int from, int stride, float[] panel, int rows) {
        int width = 2 * LANES;
        int p = 0;
        int source = from;
        int target = 0;
        for (; p + 1 < rows; p += 2, source += 2 * stride, target += 2 * width) {
            FloatVector firstLeft = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source));
            FloatVector firstRight = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source + LANES));
            FloatVector secondLeft = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source + stride));
            FloatVector secondRight = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source + stride + LANES));
            firstLeft.intoArray(panel, target);
            firstRight.intoArray(panel, target + LANES);
            secondLeft.intoArray(panel, target + width);
            secondRight.intoArray(panel, target + width + LANES);
        }
        if (p < rows) { // an odd row count's last row
            EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source)).intoArray(panel, target);
            EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, b, source + LANES)).intoArray(panel, target + LANES);
        }
    }

    /**
     * Copies into the panel only the rows of B at the steps of pass p0 / kStep that some row tile
     * of A lists (PackedA.stepsOfAnyTile), each to its place p·width: the kernels read no other
     * row. In a minibatch of MNIST about a third of the pixels are blank in every image, and W1's
     * rows for them, copied into X·W1's panels at every step, were a third of the copying.
     * The rows left out keep whatever the panel held before; no kernel reads them. Each row by
     * System.arraycopy: by vectors (copyRowsByVectors), zero-skipping epochs took no less time
     * (bench/README.adoc, session 32).
     */
    private static void packListedRowsOfPanel(Operands o, int p0, int j, int width, float[] panel) {
        PackedA packed = o.packedA;
        int pass = p0 / o.kStep;
        int[] steps = packed.stepsOfAnyTile();
        for (int q = packed.anyTileFrom(pass), end = packed.anyTileTo(pass); q < end; q++) {
            int p = steps[q];
            System.arraycopy(o.b, (p0 + p) * o.n + j, panel, p * width, width);
        }
    }

    /**
     * C[i .. i+rows)[j .. j+cols) = (or +=, when {@code addToC}) op(A)[those rows][p0 .. p0+kc) ·
     * the packed panel, for row tile number {@code tileIndex}: any tile, and the only way for the
     * tiles at C's edges. An A that PackedA copied (row-major, or transposed with its zeros listed)
     * is read from that copy, its listed steps only when some were skipped; an A not copied in
     * place, or, for an edge tile, from a zero-padded copy of the tile. A tile of C's ragged last
     * strip is computed in the item's scratch strip; other tiles with rows past the edge of C go
     * through a zero-padded copy of C's tile. A bottom-edge tile whose row count has kernels of
     * its own runs on those instead (multiplyBottomEdge).
     */
    private void multiplyTile(Operands o, Workspace ws, int i, int tileIndex, int rows, int j, int cols,
                              int p0, int kc, int kBlock, boolean addToC) {
        if (rows < tile.rows() && multiplyBottomEdge(o, ws, i, tileIndex, rows, j, cols, p0, kc, kBlock, addToC)) {
            return;
        }
        int vectors = panelVectors(cols);
        int width = vectors * LANES;
        boolean ragged = cols < width; // C's ragged last strip: the item's scratch strip, whole tiles
        // A tile past C's bottom edge goes through the scratch tile, and so does every tile of a
        // scaled product, which then adds it to C.
        boolean viaScratchTile = !ragged && (rows < tile.rows() || o.scaled);
        float[] c = ragged ? ws.raggedStrip : viaScratchTile ? ws.edgeC : o.c;
        int cFrom = ragged ? i % o.rowsPerItem * width : viaScratchTile ? 0 : i * o.n + j;
        int cRowStride = ragged || viaScratchTile ? width : o.n;
        if (viaScratchTile) {
            copyEdgeOfC(o, ws.edgeC, i, rows, j, cols, width, addToC);
        }
        float[] cIn = addToC ? c : ZEROS;
        int cInFrom = addToC ? cFrom : 0;
        int cInRowStride = addToC ? cRowStride : 0;
        PackedA packed = o.packedA;
        int from = packed == null ? 0 : packed.from(tileIndex, kBlock);
        int to = packed == null ? kc : packed.to(tileIndex, kBlock);
        if (packed != null) { // A copied by PackedA, transposed or not
            if (to - from == kc && !ws.stripOfB.inPlace) {
                FloatMicroKernels.packed(tile, vectors, packed.values(), from * tile.rows(), ws.stripOfB.array,
                        cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, kc);
            } else {
                StripOfB strip = ws.stripOfB;
                if (strip.inPlace) {
                    FloatMicroKernels.packedSparseBInPlace(tile, vectors, packed.values(), strip.array, strip.from,
                            strip.stride, cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, packed.steps(), from, to);
                } else {
                    FloatMicroKernels.packedSparse(tile, vectors, packed.values(), strip.array, cIn, cInFrom, cInRowStride,
                            c, cFrom, cRowStride, packed.steps(), packed.starts(), packed.listAt(tileIndex, kBlock), 0, 1);
                }
            }
        } else { // A read where it lies, or, for an edge tile, from a zero-padded copy
            RowsOfA rowsOfA = ws.rowsOfA;
            if (rows < tile.rows()) {
                packEdgeOfA(o, ws.edgeA, i, rows, p0, kc);
                rowsOfA.set(ws.edgeA, 0, tile.rows(), true);
            } else {
                findRowsOfA(o, rowsOfA, i, tileIndex, p0, kc, kBlock);
            }
            FloatMicroKernels.inPlace(tile, vectors, rowsOfA.transposed, rowsOfA.array, rowsOfA.from, rowsOfA.stride,
                    ws.stripOfB.array, cIn, cInFrom, cInRowStride, c, cFrom, cRowStride, kc);
        }
        if (viaScratchTile && o.scaled) {
            addScaledTile(o, ws.edgeC, width, i, rows, j, cols);
        } else if (viaScratchTile) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(ws.edgeC, r * width, o.c, (i + r) * o.n + j, cols);
            }
        }
    }

    // C's bottom edge, when m is not a multiple of the tile's rows (64 = 10 × 6 + 4 with a 6×2
    // tile), went through multiplyTile's scratch copies: A's rows copied, zero-padded, into a
    // scratch panel, and C's rows through a scratch tile. On an AMD EPYC with AVX2 (JDK 17,
    // 6×2), that edge was about a fifth of the kernel's time in H·W2, 64×512·512×10, whose one
    // strip has 11 tiles (bench/README.adoc, session 30). A tile of the edge's rows has its own
    // kernels when that row count is one of Tile.SHAPES' (4 rows: 4×2, 4×4): it reads A where
    // it lies, or the packed copy, whose tile-wide steps are A transposed with the tile's rows as
    // stride, and writes C's rows directly; in a scaled product (the SGD step's W1 += −η·Xᵀ·dZ1,
    // 784 = 130 × 6 + 4 rows) a colAScaled kernel adds them to C. Every element still takes its
    // chain of multiply-adds in order, so the bits are the same. H·W2 on JDK 17 then took 0.81 of
    // the time (median of 16 rounds in turn, faster in 14; bench/README.adoc, session 31).

    /**
     * The tile at C's bottom edge, rows [i, i + rows) with fewer rows than the tile, columns
     * [j, j + cols), on the kernels of {@code edgeTiles[rows]}: A from where it lies or from its
     * packed copy, C (or the item's scratch strip, for C's ragged last strip) written directly,
     * or, for a scaled product, added to by a colAScaled kernel; nothing at all for a scaled
     * product whose edge lists no step, when alpha·(+0) adds nothing (MNIST's last pixels are
     * blank in every image, so W1's 4-row edge often lists none). Returns false, having done
     * nothing, when the edge has no such tile as wide as its panel, when its A's steps were listed
     * with some skipped, when the strip reads B in place, or when a scaled product has no scaled
     * kernel for it or reads a row-major A in place: multiplyTile then goes through its scratch
     * copies.
     */
    private boolean multiplyBottomEdge(Operands o, Workspace ws, int i, int tileIndex, int rows, int j, int cols,
                                       int p0, int kc, int kBlock, boolean addToC) {
        int vectors = panelVectors(cols);
        int width = vectors * LANES;
        boolean ragged = cols < width; // C's ragged last strip: the item's scratch strip (see startRaggedStrip)
        if (o.scaled && !ragged && listsNoStep(o.packedA, tileIndex, kBlock) && addsNothing(o.alpha)) {
            return true;
        }
        Tile edge = edgeTiles[rows];
        StripOfB strip = ws.stripOfB;
        RowsOfA rowsOfA = ws.rowsOfA;
        if (edge == null || edge.vectors() < vectors || strip.inPlace || !findRowsOfA(o, rowsOfA, i, tileIndex, p0, kc, kBlock)) {
            return false;
        }
        if (o.scaled && !ragged) {
            return rowsOfA.transposed && FloatMicroKernels.colAScaled(edge, vectors, rowsOfA.array, rowsOfA.from,
                    rowsOfA.stride, ws.onePanel(strip.array), o.alpha, o.c, i * o.n + j, o.n, kc, 1);
        }
        float[] c = ragged ? ws.raggedStrip : o.c;
        int cFrom = ragged ? i % o.rowsPerItem * width : i * o.n + j;
        int cRowStride = ragged ? width : o.n;
        FloatMicroKernels.inPlace(edge, vectors, rowsOfA.transposed, rowsOfA.array, rowsOfA.from, rowsOfA.stride,
                strip.array, addToC ? c : ZEROS, addToC ? cFrom : 0, addToC ? cRowStride : 0, c, cFrom, cRowStride, kc);
        return true;
    }

    /**
     * The bottom-edge row band [i, i + rows) of a product walked rows first, across all
     * {@code strips} strips from column {@code colStart}, in one call of the colAScaled or colABand
     * kernel of {@code edgeTiles[rows]}, or, for a scaled product, nothing when the band lists no
     * step and alpha adds nothing; false, having done nothing, where multiplyBottomEdge would be.
     */
    private boolean multiplyBottomEdgeBand(Operands o, Workspace ws, float[][] panels, int i, int tileIndex, int rows,
                                           int colStart, int strips) {
        if (o.scaled && listsNoStep(o.packedA, tileIndex, 0) && addsNothing(o.alpha)) {
            return true;
        }
        Tile edge = edgeTiles[rows];
        RowsOfA rowsOfA = ws.rowsOfA;
        if (edge == null || edge.vectors() < tile.vectors() || !findRowsOfA(o, rowsOfA, i, tileIndex, 0, o.k, 0)) {
            return false;
        }
        if (!rowsOfA.transposed) {
            return false;
        }
        int cFrom = i * o.n + colStart;
        return o.scaled ? FloatMicroKernels.colAScaled(edge, tile.vectors(), rowsOfA.array, rowsOfA.from, rowsOfA.stride,
                panels, o.alpha, o.c, cFrom, o.n, o.k, strips)
                : FloatMicroKernels.colABand(edge, tile.vectors(), rowsOfA.array, rowsOfA.from, rowsOfA.stride, panels,
                o.c, cFrom, o.n, o.k, strips);
    }

    /** Whether A was packed and row tile {@code tileIndex} lists no step of pass {@code kBlock}: its tile of the product is +0. */
    private static boolean listsNoStep(PackedA packed, int tileIndex, int kBlock) {
        return packed != null && packed.from(tileIndex, kBlock) == packed.to(tileIndex, kBlock);
    }

    /**
     * Finds where a kernel of any row count reads rows [i, …) of op(A) over steps [p0, p0 + kc)
     * of row tile {@code tileIndex}: where A lies, or in PackedA's copy, whose tile-wide steps are
     * those rows transposed with the tile's rows as stride. False when the copy lists only some
     * of the pass's steps for the tile: only the packedSparse kernels, of the tile's own rows,
     * read those.
     */
    private boolean findRowsOfA(Operands o, RowsOfA rowsOfA, int i, int tileIndex, int p0, int kc, int kBlock) {
        PackedA packed = o.packedA;
        if (packed != null) {
            int from = packed.from(tileIndex, kBlock);
            if (packed.to(tileIndex, kBlock) - from != kc) {
                return false;
            }
            rowsOfA.set(packed.values(), from * tile.rows(), tile.rows(), true);
        } else if (o.transposeA) {
            // Stored k×m: A[i][p] is at p·m + i, so the tile's values for step p are neighbours.
            rowsOfA.set(o.a, p0 * o.m + i, o.m, true);
        } else {
            rowsOfA.set(o.a, i * o.k + p0, o.k, false);
        }
        return true;
    }

    /** For each row count below the tile's, the shape of Tile.SHAPES with that many rows and the most vectors, or null. */
    private static Tile[] edgeTilesOf(Tile tile) {
        Tile[] edges = new Tile[tile.rows()];
        for (Tile shape : Tile.SHAPES) {
            int rows = shape.rows();
            if (rows < tile.rows() && (edges[rows] == null || shape.vectors() > edges[rows].vectors())) {
                edges[rows] = shape;
            }
        }
        return edges;
    }

    /**
     * C[i .. i+rows)[j .. j+cols) += alpha · the tile's values, rows {@code width} apart in
     * {@code tile}: the end of a scaled product's tile.
     */
    private static void addScaledTile(Operands o, float[] tile, int width, int i, int rows, int j, int cols) {
        for (int r = 0; r < rows; r++) {
            addScaled(o.alpha, tile, r * width, o.c, (i + r) * o.n + j, cols);
        }
    }

    /**
     * y[yFrom + e] = fma(alpha, x[xFrom + e], y[yFrom + e]) for e in [0, length): one rounding
     * per element, as VectorKernels.axpy, in the vector lanes and the tail alike.
     */
    private static void addScaled(float alpha, float[] x, int xFrom, float[] y, int yFrom, int length) {
        FloatVector alphas = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, alpha));
        int e = 0;
        for (int bound = SPECIES.loopBound(length); e < bound; e += LANES) {
            FloatVector xs = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, x, xFrom + e));
            FloatVector ys = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, y, yFrom + e));
            EXACT_CLASS.cast(xs.fma(alphas, ys)).intoArray(y, yFrom + e);
        }
        for (; e < length; e++) {
            y[yFrom + e] = Math.fma(alpha, x[xFrom + e], y[yFrom + e]);
        }
    }

    /**
     * Whether adding alpha times a tile of +0 leaves every element of C as it is, −0 included:
     * alpha·(+0) is then −0, and y + (−0) = y. A tile with no listed steps is +0 (its chains start
     * from +0 and take no step), so a scaled product skips it.
     */
    private static boolean addsNothing(float alpha) {
        return alpha < 0f && Float.isFinite(alpha);
    }

    /**
     * Fills the tile-rows×width scratch tile with zeros, then, if the tile adds to C, copies in the
     * rows×cols corner of C at (i, j).
     */
    private void copyEdgeOfC(Operands o, float[] edgeC, int i, int rows, int j, int cols, int width,
                             boolean addToC) {
        Arrays.fill(edgeC, 0, tile.rows() * width, 0f);
        if (addToC) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(o.c, (i + r) * o.n + j, edgeC, r * width, cols);
            }
        }
    }

    /**
     * Copies rows [i, i+rows) × steps [p0, p0+kc) of op(A) into a scratch panel in the
     * transposed-A layout (step p's tile-rows values side by side), zero in the rows past {@code rows}.
     */
    private void packEdgeOfA(Operands o, float[] edgeA, int i, int rows, int p0, int kc) {
        int tileRows = tile.rows();
        Arrays.fill(edgeA, 0, kc * tileRows, 0f);
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < rows; r++) {
                edgeA[p * tileRows + r] = o.transposeA ? o.a[(p0 + p) * o.m + i + r] : o.a[(i + r) * o.k + p0 + p];
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
