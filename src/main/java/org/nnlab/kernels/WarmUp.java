package org.nnlab.kernels;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Calls every vector kernel on small inputs, often enough that the JIT's optimising compiler (C2)
 * compiles each one in the ordinary way, from its start and with a full profile, before real work
 * arrives. See {@link VectorKernels} for what can go wrong otherwise. The results are thrown away.
 *
 * <p>What it costs: until C2 has compiled a kernel, its vector operations run as ordinary Java
 * objects, a hundred times slower, and C2 compiles a method only after some hundreds of calls (more
 * while its queue is busy) and then takes tens of milliseconds per micro-kernel. So this does many
 * cheap calls, of 48 steps along k, and only with the tiles the kernels use: a tile's kernels in
 * every width and variant are about ten methods. Only float32 has vector kernels. On the AVX-512 machine the
 * four micro-kernels of the time were compiled after 55–230 rounds, and the whole warm-up took
 * 1.1 s. A deadline bounds it at {@value #MAX_MILLIS} ms: on the 2-core AMD EPYC of
 * bench/README.adoc, shared with up to a dozen other busy processes, the rounds took 30 ms each
 * until C2 had compiled the kernels and the deadline ended the warm-up first; the first multiplies
 * of a run then finish the job (a 64×784·784×512 multiply allocated 3.7 MB in its first 50 calls
 * and nothing after). A kernel compiled later is compiled in the ordinary way, and thanks to the
 * casts described at FloatMicroKernels' EXACT_CLASS it gets vector instructions.
 */
final class WarmUp {
    /** Rounds over the float32 matrix shapes; each round calls every micro-kernel 4–32 times. */
    static final int FLOAT_MATMUL_ROUNDS = 150;
    /** Rounds over the row and element kernels, which are cheap. */
    static final int ELEMENT_ROUNDS = 300;
    /** Stop warming up after this long, whatever is left. */
    static final long MAX_MILLIS = 1500;

    private WarmUp() {
    }

    static void run(VectorKernels kernels) {
        long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
        int rounds = Math.max(FLOAT_MATMUL_ROUNDS, ELEMENT_ROUNDS);
        for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
            if (round < FLOAT_MATMUL_ROUNDS) {
                matmulFloat(kernels);
            }
            if (round < ELEMENT_ROUNDS) {
                rowsAndElementsFloat(kernels);
            }
        }
    }

    /** The shapes below for each tile of the kernels' plans: the tiles for A with zeros and for A without. */
    private static void matmulFloat(VectorKernels kernels) {
        Set<Tile> tiles = new LinkedHashSet<>(kernels.tiles().distinct());
        tiles.addAll(kernels.zeroFreeTiles().distinct());
        for (Tile tile : tiles) {
            matmulFloat(kernels, tile);
            bottomEdges(kernels, tile);
        }
        columnTiles(kernels);
    }

    /**
     * The narrow Aᵀ·B of {@link ColumnTileMatmul}: one whole column tile and 3 rows left over; two
     * whole column groups and one of 3 columns; overwriting C and adding to it.
     */
    private static void columnTiles(VectorKernels kernels) {
        int m = ColumnTileMatmul.TILE_ROWS + 3;
        int k = 48;
        int n = 2 * ColumnTileMatmul.TILE_COLUMNS + 3;
        float[] aStoredTransposed = filled(new float[k * m]);
        float[] b = filled(new float[k * n]);
        float[] c = new float[m * n];
        kernels.matmulTransposeA(aStoredTransposed, b, c, m, k, n, false);
        kernels.matmulTransposeA(aStoredTransposed, b, c, m, k, n, true);
    }

    /**
     * Reaches every micro-kernel of the tile and every edge path: m is a full row tile and a
     * 3-row edge; C is w vectors less 3 columns wide for every width w from 1 to the tile's vectors
     * (narrow: A read in place), and whole strips past {@link FloatMatmul#PACK_MIN_COLS} and a
     * last strip of a vector less 3 (wide: A packed, zeros listed). A has zeros at every third
     * step, so the tiles walk their steps with the dense and the sparse kernels; the second copy of
     * A is the first stored transposed, for Aᵀ·B. All three forms, with and without accumulate: the
     * kernels hand each product to its form's tile, so each form meets the shapes of its own tile
     * too. The wide C is multiplied once more with an A without zeros, which zero-skipping kernels
     * hand to their dense multiply.
     */
    private static void matmulFloat(VectorKernels kernels, Tile tile) {
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        int tileCols = tile.vectors() * lanes;
        int wideStrips = tileCols * ((FloatMatmul.PACK_MIN_COLS + tileCols - 1) / tileCols);
        int m = tile.rows() + 3;
        int k = 48;
        float[] a = filled(new float[m * k]);
        float[] aStoredTransposed = new float[k * m];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                if (p % 3 == 0) {
                    a[i * k + p] = 0;
                }
                aStoredTransposed[p * m + i] = a[i * k + p];
            }
        }
        int[] widths = new int[tile.vectors() + 1]; // of C
        for (int width = 1; width <= tile.vectors(); width++) {
            widths[width - 1] = Math.max(1, width * lanes - 3);
        }
        widths[tile.vectors()] = wideStrips + Math.max(1, lanes - 3);
        for (int n : widths) {
            float[] b = filled(new float[k * n]);
            float[] c = new float[m * n];
            for (boolean accumulate : new boolean[] {false, true}) {
                kernels.matmul(a, b, c, m, k, n, accumulate);
                kernels.matmulTransposeA(aStoredTransposed, b, c, m, k, n, accumulate);
                kernels.matmulTransposeB(a, b, c, m, k, n, accumulate);
            }
        }
        float[] zeroFree = withoutZeros(a);
        int n = widths[tile.vectors()];
        float[] b = filled(new float[k * n]);
        float[] c = new float[m * n];
        kernels.matmul(zeroFree, b, c, m, k, n, false);
        kernels.matmulTransposeA(zeroFree, b, c, m, k, n, false); // any k×m A without zeros will do
        kernels.matmulTransposeB(zeroFree, b, c, m, k, n, false);
    }

    /**
     * The kernels of a bottom edge with fewer rows than the tile (FloatMatmul.multiplyBottomEdge):
     * for every row count below the tile's that has kernels of its own, m is a full row tile and
     * an edge of that many rows. k is {@link FloatMatmul#WALK_TILES_MAX_STEPS}, so that a wide C
     * also reaches the dense walk of a strip's tiles in one call. A without zeros; C one tile less
     * 3 columns wide (A read in place, a ragged strip) and wide enough to pack A; all three forms,
     * and the scaled product of plain SGD's step for W1, whose edge has scaled kernels of its own.
     * MNIST's 64 rows leave a 4-row edge under a 6-row tile, and 784 a 4-row edge under 6 and 5.
     */
    private static void bottomEdges(VectorKernels kernels, Tile tile) {
        int tileCols = tile.vectors() * jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        int k = FloatMatmul.WALK_TILES_MAX_STEPS;
        int wide = tileCols * ((FloatMatmul.PACK_MIN_COLS + tileCols - 1) / tileCols);
        for (int rows = 1; rows < tile.rows(); rows++) {
            if (!hasKernelsOfRows(rows)) {
                continue;
            }
            int m = tile.rows() + rows;
            float[] a = withoutZeros(filled(new float[m * k]));
            for (int n : new int[] {Math.max(1, tileCols - 3), wide}) {
                float[] b = filled(new float[k * n]);
                float[] c = new float[m * n];
                kernels.matmul(a, b, c, m, k, n, false);
                kernels.matmulTransposeA(a, b, c, m, k, n, false);
                kernels.matmulTransposeB(a, b, c, m, k, n, false);
                kernels.addScaledProductTransposeA(-1f / 64, a, b, c, new float[m * n], m, k, n);
            }
        }
    }

    private static boolean hasKernelsOfRows(int rows) {
        return Tile.SHAPES.stream().anyMatch(shape -> shape.rows() == rows);
    }

    /** A copy of x with every zero (+0 or −0) replaced by a small non-zero value. */
    static float[] withoutZeros(float[] x) {
        float[] copy = x.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == 0f) {
                copy[i] = 1f / 16;
            }
        }
        return copy;
    }

    /** 2 rows of 37: two whole vectors and a tail in every row, for every lane count up to 16. */
    private static void rowsAndElementsFloat(VectorKernels kernels) {
        int rows = 2;
        int cols = 37;
        float[] x = filled(new float[rows * cols]);
        float[] y = filled(new float[rows * cols]);
        float[] out = new float[rows * cols];
        float[] bias = filled(new float[cols]);
        kernels.addRowVector(x, bias, rows, cols);
        kernels.addRowVectorRelu(x, bias, out, rows, cols);
        kernels.relu(x, out, rows * cols);
        kernels.columnSums(x, bias, rows, cols);
        kernels.rowSoftmax(x, out, rows, cols);
        kernels.axpy(-1e-3f, y, x, rows * cols);
        kernels.dot(x, y, rows * cols);
        warmUpReluMask(kernels, rows * cols);
    }

    /**
     * The ReLU backward mask. Its body is a lab region: a student kit that asks
     * for ReLU's backward pass must not find the answer here.
     */
    private static void warmUpReluMask(VectorKernels kernels, int n) {
        // tag::lab-remove-relu[]
        kernels.reluBackward(filled(new float[n]), filled(new float[n]), new float[n], n);
        // end::lab-remove-relu[]
    }

    /** Small values of both signs, so that ReLU and softmax see realistic inputs. */
    private static float[] filled(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 37) % 17 - 8) / 8f;
        }
        return x;
    }
}
