package org.nnlab.kernels;

import java.util.List;
import java.util.Locale;

/**
 * The register tile of the matrix multiply's micro-kernel: {@code rows} rows of C by
 * {@code vectors} vectors of columns, whose rows·vectors accumulators stay in vector registers for
 * the whole loop over k (see {@link FloatMatmul}). A step of that loop also holds the tile's
 * {@code vectors} values of B and one broadcast value of A, so a tile needs
 * {@link #registers()} = rows·vectors + vectors + 1 registers. If the CPU has fewer, the JIT keeps
 * some accumulators in memory and reloads them on every step.
 *
 * <p>Which tile is fastest depends on the machine (x86 with AVX-512 and AArch64 have 32 vector
 * registers, x86 with AVX2 16), on the JIT of the JDK and on the product, so one is chosen for
 * each form of product once at start-up by {@link MachineTile} ({@link TilePlan}), and the system
 * property {@value #PROPERTY} puts one tile everywhere for experiments ({@code -Dnnlab.tile=6x2}),
 * or names a tile per form ({@code -Dnnlab.tile=2x4,6x2,6x2,4x2}, {@link TilePlan#parse}). Every
 * tile gives the same bits: see {@link FloatMatmul}.
 */
public record Tile(int rows, int vectors) {
    /** System property that overrides the tiles chosen for the machine: {@code 6x2}, or a plan {@code 2x4,6x2,6x2,4x2}. */
    public static final String PROPERTY = "nnlab.tile";

    /**
     * The shapes that have micro-kernels (generated from one template by the test class
     * MicroKernelGenerator). The order is the generator's. The last three, of 21 to 29 registers,
     * are for CPUs with 32 (see {@link MachineTile}); with 16 they spill.
     */
    public static final List<Tile> SHAPES = List.of(
            new Tile(8, 2), new Tile(6, 2), new Tile(5, 2), new Tile(4, 2),
            new Tile(3, 3), new Tile(2, 4), new Tile(8, 3), new Tile(6, 4), new Tile(4, 4));

    public Tile {
        if (rows < 1 || vectors < 1) {
            throw new IllegalArgumentException("a tile needs at least one row and one vector, got " + rows + "x" + vectors);
        }
    }

    /** Vector registers the micro-kernel's loop needs: the accumulators, one step's B vectors and a broadcast A value. */
    public int registers() {
        return rows * vectors + vectors + 1;
    }

    /**
     * The tile named by {@code text}, "ROWSxVECTORS" (also with ×), which must be one of
     * {@link #SHAPES}; otherwise an exception whose message names the property and the shapes.
     */
    public static Tile parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("[x×]");
        if (parts.length == 2) {
            try {
                Tile tile = new Tile(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                if (SHAPES.contains(tile)) {
                    return tile;
                }
            } catch (IllegalArgumentException e) {
                // NumberFormatException included: reported below
            }
        }
        throw new IllegalArgumentException("system property " + PROPERTY + " must be one of " + shapesAsTyped()
                + ", got '" + text + "'");
    }

    /** The shapes with kernels as one types them: "8x2, 6x2, 5x2, 4x2, 3x3, 2x4, 8x3, 6x4, 4x4". */
    public static String shapesAsTyped() {
        return String.join(", ", SHAPES.stream().map(t -> t.rows + "x" + t.vectors).toList());
    }

    /** "6×2". */
    @Override
    public String toString() {
        return rows + "×" + vectors;
    }
}
