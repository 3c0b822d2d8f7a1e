package org.nnlab.kernels;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = Aᵀ·B, or C += Aᵀ·B, for a C narrower than {@value FloatMatmul#PACK_MIN_COLS} columns, A
 * stored k×m and B k×n: the output layer's weight gradient Hᵀ·dZ2 (512×64ᵀ·64×10).
 *
 * <h2>Why not row tiles</h2>
 *
 * <p>{@link FloatMatmul}'s tiles hold pieces of C's rows in vectors. A row of a C 10 columns wide
 * fills 10 of a 512-bit vector's 16 lanes, and a tile of such rows has few accumulators to hide
 * the latency of its fused multiply-adds: on a Xeon, Hᵀ·dZ2 ran at 0.35–0.39 times OpenBLAS's
 * speed that way (bench/README.adoc, session 12).
 *
 * <p>Column j of C is a sum of A's stored rows: C[·][j] = Σ_p B[p][j]·A[p][·], and A's stored row
 * p is contiguous in memory. So here the vectors run <em>down</em> C's columns: a <em>column
 * tile</em> holds {@link #TILE_ROWS} rows (two vectors) × {@link #TILE_COLUMNS} columns of C in ten
 * accumulators. For every step p the micro-kernel loads the tile's two vectors of A's row p,
 * broadcasts B[p][j] for each of its columns, and does ten fused multiply-adds, every lane of them
 * useful. The price is at the end: the accumulators hold C's columns, so the tile goes into C through
 * a scratch tile, one float at a time. At k = 64 that copy is one float per 4 multiply-adds of a
 * 16-lane vector.
 *
 * <p>B is copied first into a panel of whole column groups, each {@value #TILE_COLUMNS} floats a
 * step, zero-padded past column n − 1: the micro-kernel then never needs a column tail, and steps
 * through the panel by a constant. Rows past the last whole tile take a plain loop of
 * {@link Math#fma}.
 *
 * <h2>The same bits</h2>
 *
 * <p>Every element of C is the one chain of fused multiply-adds every other kernel computes, c =
 * fma(A[p][i], B[p][j], c) for p = 0, 1, …, k−1, from the old C or from zero: the product does not
 * depend on the kernel, on the number of threads, or on where an element sits.
 */
final class ColumnTileMatmul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** See {@link FloatMicroKernels}: every vector the kernel makes is cast to the species' class where it is made. */
    private static final Class<? extends FloatVector> EXACT_CLASS = SPECIES.vectorType().asSubclass(FloatVector.class);

    /** Columns of C in a column tile. Ten accumulators, two vectors of A and a broadcast fit AVX2's 16 registers. */
    static final int TILE_COLUMNS = 5;
    /** Rows of C in a column tile: two vectors. */
    static final int TILE_ROWS = 2 * LANES;

    /** A column tile of zeros, never written: where a product that overwrites C starts its tiles. */
    private static final float[] ZEROS = new float[TILE_COLUMNS * TILE_ROWS];

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final WorkerPool pool;

    ColumnTileMatmul(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * The operands of one multiply, and its work items: item number t is rows [t·rowsPerItem,
     * (t+1)·rowsPerItem) of C. Held by the calling thread's workspace and refilled on every call,
     * so that a training step allocates nothing (see FloatMatmul's Operands).
     */
    private static final class Operands implements IntConsumer {
        float[] a;
        float[] panel;
        float[] c;
        int m;
        int k;
        int n;
        boolean accumulate;
        int rowsPerItem;

        @Override
        public void accept(int item) {
            int rowStart = item * rowsPerItem;
            multiplyRows(this, rowStart, Math.min(rowStart + rowsPerItem, m));
        }
    }

    private static final class Workspace {
        final Operands operands = new Operands();
        /** B's columns in groups of TILE_COLUMNS, one group after another; grows to the largest B. */
        float[] panel = new float[0];
        /** One column tile, column after column, on its way between the accumulators and C. */
        final float[] tile = new float[TILE_COLUMNS * TILE_ROWS];

        float[] panel(int size) {
            if (panel.length < size) {
                panel = new float[size];
            }
            return panel;
        }
    }

    /** Whether a product C = Aᵀ·B with C {@code n} columns wide is computed here. */
    static boolean computes(int n) {
        return n < FloatMatmul.PACK_MIN_COLS;
    }

    /** C = Aᵀ·B, or C += Aᵀ·B when {@code accumulate}; A stored k×m, B k×n, C m×n. */
    void multiply(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        if (FloatMatmul.isEmpty(c, m, k, n, accumulate)) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        Operands o = ws.operands;
        o.a = a;
        o.c = c;
        o.m = m;
        o.k = k;
        o.n = n;
        o.accumulate = accumulate;
        o.panel = packPanel(b, k, n, ws);
        // One work item of whole tiles per thread; rows left over past the last whole tile make one more.
        int threads = Math.min(pool.threads(), m / TILE_ROWS);
        if (threads <= 1 || 2L * m * k * n < FloatMatmul.PARALLEL_MIN_FLOPS) {
            multiplyRows(o, 0, m);
        } else {
            o.rowsPerItem = ceilDiv(m / TILE_ROWS, threads) * TILE_ROWS;
            pool.forEach(ceilDiv(m, o.rowsPerItem), o);
        }
    }

    /** Copies B (k×n) into the panel: column group g, step p, column jj at (g·k + p)·TILE_COLUMNS + jj, zero past column n − 1. */
    private static float[] packPanel(float[] b, int k, int n, Workspace ws) {
        int groups = ceilDiv(n, TILE_COLUMNS);
        float[] panel = ws.panel(groups * k * TILE_COLUMNS);
        for (int g = 0; g < groups; g++) {
            int j = g * TILE_COLUMNS;
            int cols = Math.min(TILE_COLUMNS, n - j);
            int groupFrom = g * k * TILE_COLUMNS;
            for (int p = 0; p < k; p++) {
                int to = groupFrom + p * TILE_COLUMNS;
                System.arraycopy(b, p * n + j, panel, to, cols);
                Arrays.fill(panel, to + cols, to + TILE_COLUMNS, 0f);
            }
        }
        return panel;
    }

    /** Rows [rowStart, rowEnd) of C: whole column tiles, then, at the end of C, the rows left over. */
    private static void multiplyRows(Operands o, int rowStart, int rowEnd) {
        float[] tile = WORKSPACE.get().tile;
        int wholeEnd = rowStart + (rowEnd - rowStart) / TILE_ROWS * TILE_ROWS;
        for (int i = rowStart; i < wholeEnd; i += TILE_ROWS) {
            for (int j = 0; j < o.n; j += TILE_COLUMNS) {
                int cols = Math.min(TILE_COLUMNS, o.n - j);
                if (o.accumulate) {
                    copyFromC(o, tile, i, j, cols);
                }
                kernel(o.a, i, o.m, o.panel, j * o.k, o.k, o.accumulate ? tile : ZEROS, tile);
                copyIntoC(o, tile, i, j, cols);
            }
        }
        for (int i = wholeEnd; i < rowEnd; i++) {
            multiplyRow(o, i);
        }
    }

    /** The tile's corner of C into the scratch tile, column after column; its columns past {@code cols} are never copied back. */
    private static void copyFromC(Operands o, float[] tile, int i, int j, int cols) {
        float[] c = o.c;
        int n = o.n;
        for (int r = 0, from = i * n + j; r < TILE_ROWS; r++, from += n) {
            for (int jj = 0; jj < cols; jj++) {
                tile[jj * TILE_ROWS + r] = c[from + jj];
            }
        }
    }

    /** The scratch tile's first {@code cols} columns into C's rows [i, i + TILE_ROWS) from column j. */
    private static void copyIntoC(Operands o, float[] tile, int i, int j, int cols) {
        float[] c = o.c;
        int n = o.n;
        if (cols == TILE_COLUMNS) {
            // Written out: as a loop of five per row, this copy took longer than the multiply-adds
            // (Hᵀ·dZ2 at 48 GFLOP/s instead of 121; Xeon, JDK 17, session 13).
            for (int r = 0, to = i * n + j; r < TILE_ROWS; r++, to += n) {
                c[to] = tile[r];
                c[to + 1] = tile[TILE_ROWS + r];
                c[to + 2] = tile[2 * TILE_ROWS + r];
                c[to + 3] = tile[3 * TILE_ROWS + r];
                c[to + 4] = tile[4 * TILE_ROWS + r];
            }
            return;
        }
        for (int r = 0, to = i * n + j; r < TILE_ROWS; r++, to += n) {
            for (int jj = 0; jj < cols; jj++) {
                c[to + jj] = tile[jj * TILE_ROWS + r];
            }
        }
    }

    /** Row i of C, one chain of fused multiply-adds per element: rows past the last whole tile. */
    private static void multiplyRow(Operands o, int i) {
        for (int j = 0; j < o.n; j++) {
            float sum = o.accumulate ? o.c[i * o.n + j] : 0f;
            int groupFrom = j / TILE_COLUMNS * o.k * TILE_COLUMNS + j % TILE_COLUMNS;
            for (int p = 0; p < o.k; p++) {
                sum = Math.fma(o.a[p * o.m + i], o.panel[groupFrom + p * TILE_COLUMNS], sum);
            }
            o.c[i * o.n + j] = sum;
        }
    }

    /**
     * The micro-kernel: the column tile of rows [i, i + TILE_ROWS) × one column group = the tile in
     * {@code tileIn} (column after column: C's values, or zeros) + Σ_p A[p][those rows] ⊗ the
     * group's step p in the panel (from {@code panelFrom}, TILE_COLUMNS floats a step), into
     * {@code tileOut}, column after column.
     */
    // tag::column-tile[]
    private static void kernel(float[] a, int i, int m, float[] panel, int panelFrom, int k, float[] tileIn,
                               float[] tileOut) {
        FloatVector c00 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 0));
        FloatVector c01 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, LANES));
        FloatVector c10 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, TILE_ROWS));
        FloatVector c11 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, TILE_ROWS + LANES));
        FloatVector c20 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 2 * TILE_ROWS));
        FloatVector c21 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 2 * TILE_ROWS + LANES));
        FloatVector c30 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 3 * TILE_ROWS));
        FloatVector c31 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 3 * TILE_ROWS + LANES));
        FloatVector c40 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 4 * TILE_ROWS));
        FloatVector c41 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, tileIn, 4 * TILE_ROWS + LANES));
        int end = panelFrom + k * TILE_COLUMNS;
        for (int bp = panelFrom, ap = i; bp < end; bp += TILE_COLUMNS, ap += m) {
            FloatVector a0 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, a, ap));
            FloatVector a1 = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, a, ap + LANES));
            FloatVector b0 = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, panel[bp]));
            c00 = EXACT_CLASS.cast(a0.fma(b0, c00));
            c01 = EXACT_CLASS.cast(a1.fma(b0, c01));
            FloatVector b1 = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, panel[bp + 1]));
            c10 = EXACT_CLASS.cast(a0.fma(b1, c10));
            c11 = EXACT_CLASS.cast(a1.fma(b1, c11));
            FloatVector b2 = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, panel[bp + 2]));
            c20 = EXACT_CLASS.cast(a0.fma(b2, c20));
            c21 = EXACT_CLASS.cast(a1.fma(b2, c21));
            FloatVector b3 = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, panel[bp + 3]));
            c30 = EXACT_CLASS.cast(a0.fma(b3, c30));
            c31 = EXACT_CLASS.cast(a1.fma(b3, c31));
            FloatVector b4 = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, panel[bp + 4]));
            c40 = EXACT_CLASS.cast(a0.fma(b4, c40));
            c41 = EXACT_CLASS.cast(a1.fma(b4, c41));
        }
        c00.intoArray(tileOut, 0);
        c01.intoArray(tileOut, LANES);
        c10.intoArray(tileOut, TILE_ROWS);
        c11.intoArray(tileOut, TILE_ROWS + LANES);
        c20.intoArray(tileOut, 2 * TILE_ROWS);
        c21.intoArray(tileOut, 2 * TILE_ROWS + LANES);
        c30.intoArray(tileOut, 3 * TILE_ROWS);
        c31.intoArray(tileOut, 3 * TILE_ROWS + LANES);
        c40.intoArray(tileOut, 4 * TILE_ROWS);
        c41.intoArray(tileOut, 4 * TILE_ROWS + LANES);
    }
    // end::column-tile[]

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
