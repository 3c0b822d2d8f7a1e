package org.nnlab.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code FloatMicroKernels.java}, the micro-kernels of {@link FloatMatmul}, from one
 * template: the loop of fused multiply-adds over a tile of R rows × V vectors of C, for every tile
 * shape in {@link Tile#SHAPES}, in each of the four ways the multiply calls it.
 *
 * <p>Why generated: an accumulator lives in a register only as a local variable, so a kernel for
 * 6×2 cannot be a loop over a 6×2 array of vectors; it must name its 12 accumulators one by one.
 * Several tile shapes (the machine picks one, see {@link Tile}) in four variants each are too many
 * to keep in step by hand. The JDK generates its own {@code *Vector} classes from
 * {@code X-Vector.java.template} for the same reason. The generated file is committed, so that a
 * reader finds every kernel in the sources, and {@code MicroKernelSourceTest} fails when it is no
 * longer what this generator writes. To write it again:
 *
 * <pre>
 *   mvn -q test-compile
 *   java -cp target/classes:target/test-classes org.nnlab.kernels.MicroKernelGenerator
 * </pre>
 *
 * <p>The variants, for a tile at rows i … i+R−1 of C:
 * <ul>
 * <li>{@code rowA}: A read along its rows, A[i+r][p] at {@code aFrom + r·aStride + p} (C = A·B,
 * A·Bᵀ). The loop goes through k {@link #rowAUnroll} steps at a time (see the generated class
 * comment).
 * <li>{@code colA}: A stored transposed (C = Aᵀ·B), A[i+r][p] at {@code aFrom + p·aStride + r}: a
 * step's R values are neighbours.
 * <li>{@code packed}: A copied by PackedA, a step's R values side by side.
 * <li>{@code packedSparse}, {@code packedSparseBInPlace}: A copied by PackedA, over the steps p
 * listed in {@code steps[from .. to)} only, the steps where some row of the tile has a non-zero
 * A[i+r][p]; see {@link FloatMatmul} on zero-skipping.
 * <li>{@code packedSparseBand}, {@code colABand}: as packedSparse and colA, for a row band of
 * tiles across several strips of C, one panel each (see {@link Variant#band}).
 * </ul>
 * Each comes R × V wide and R × 1 wide (for strips of C at most one vector wide). Beside them, for
 * each tile row count, {@code packListedR}: the copy of a tile's listed steps of a row-major A into
 * the layout the packed kernels read (PackedA), with the R rows written out for the same reason.
 */
public final class MicroKernelGenerator {
    /** Where the generated class goes, relative to the project root. */
    static final Path TARGET = Path.of("src/main/java/org/nnlab/kernels/FloatMicroKernels.java");

    /** The kernels whose loops (and first stores) the book shows: docs/07-kernels.adoc includes them by tag. */
    static final String BOOK_KERNEL = "packed6x2";
    static final String BOOK_SPARSE_KERNEL = "packedSparse6x2";
    /** The copy into the packed layout that the book shows (docs/07-kernels.adoc includes it by its tag, pack-listed). */
    static final String BOOK_PACK = "packListed6";

    private final StringBuilder out = new StringBuilder();
    /** Added before every line: the body of a row-band kernel sits inside its loop over strips. */
    private String indent = "";

    private MicroKernelGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : TARGET;
        Files.writeString(target, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }

    /** The text of FloatMicroKernels.java. */
    static String generate() {
        return new MicroKernelGenerator().generateClass();
    }

    /** How a kernel finds A[i+r][p], the value of row r of its tile at step p, and which steps it walks. */
    private enum Variant {
        ROW_A("rowA", "A in place, read along its rows: A[i+r][p] at aFrom + r·aStride + p"),
        COL_A("colA", "A in place, stored transposed: A[i+r][p] at aFrom + p·aStride + r"),
        COL_A_BAND("colABand", "as colA, the sums started from +0 and stored in C; for a row band of tiles, one"
                + " per panel"),
        COL_A_SCALED("colAScaled", "as colA, the sums started from +0 and added to C times alpha: C = fma(alpha,"
                + " sum, C) in each lane, as FloatMatmul's addScaled rounds; for a row band of tiles, one per panel"),
        PACKED("packed", "A packed tile-wide: A[i+r][p] at aFrom + p·ROWS + r"),
        PACKED_SPARSE("packedSparse", "A packed tile-wide, listed steps only: the steps p = steps[q] for q in"
                + " [from, to), A[i+r][p] at q·ROWS + r; for a column of row tiles, tile t's list from"
                + " starts[at + t·startStride] to the next entry, its C ROWS rows below tile t − 1's"),
        PACKED_SPARSE_B_IN_PLACE("packedSparseBInPlace", "as packedSparse, but step p of B at bFrom + p·bStride,"
                + " where B lies (FloatMatmul.readsBInPlace)"),
        PACKED_SPARSE_SCALED("packedSparseScaled", "as packedSparse, the sums started from +0 and added to C times"
                + " alpha: C = fma(alpha, sum, C) in each lane, as FloatMatmul's addScaled rounds; for a row band of"
                + " tiles, one per panel"),
        PACKED_SPARSE_BAND("packedSparseBand", "as packedSparse, the sums started from +0 and stored in C; for a"
                + " row band of tiles, one per panel");

        final String prefix;
        final String meaning;

        Variant(String prefix, String meaning) {
            this.prefix = prefix;
            this.meaning = meaning;
        }

        boolean strided() {
            return this == ROW_A || readsTransposedA();
        }

        /** Whether A is read in place, stored transposed: a step's values of the tile side by side, steps aStride apart. */
        boolean readsTransposedA() {
            return this == COL_A || this == COL_A_SCALED || this == COL_A_BAND;
        }

        /**
         * Whether the loop counts along the panel rather than along k (see the generated class
         * comment): the dense kernels that read a step's values of A side by side do. The rowA
         * loops, unrolled, kept their counter p (counting along the panel made the 4×2 kernel
         * slower there), and the sparse ones are driven by their list of steps.
         */
        boolean countsAlongPanel() {
            return readsTransposedA() || this == PACKED;
        }

        /** Whether the kernel walks a list of steps: the kernels of a listed, packed A. */
        boolean sparse() {
            return listedPackedA();
        }

        /**
         * Whether the kernel adds its tile to C times alpha itself, from registers (a scaled
         * product, plain SGD's step for W1), rather than writing it into C: through the scratch
         * tile and a call of addScaledTile per tile, the addition took about a third as long as
         * the tiles' multiply-adds in MNIST's W1 step with zero-skipping (bench/README.adoc,
         * session 28). The dense W1 step reads Xᵀ in place (colAScaled).
         *
         * <p>A scaled kernel computes a row band of tiles: the tile's rows across {@code strips}
         * strips of C side by side, strip s from {@code panels[s]}, its tile of C W·LANES·s
         * columns to the right of the first. The W1 step walks W1 row band by row band
         * (FloatMatmul.multiplyBlockRowsFirst), and one call per band instead of one per tile
         * (16 strips of 2×4 at n = 512) left out the per-tile bookkeeping and dispatch: with
         * zero-skipping the step took 0.76–0.77 of the time on an AMD EPYC with AVX2, one-thread
         * epochs 0.90 (bench/README.adoc, session 29). A single tile is a band of one strip.
         */
        boolean scaled() {
            return this == PACKED_SPARSE_SCALED || this == COL_A_SCALED;
        }

        /**
         * Whether the kernel computes a row band of tiles, strip s from {@code panels[s]}, its
         * sums started from +0: the scaled kernels, and packedSparseBand and colABand, which store
         * their sums in C, for a product that overwrites C in one pass along k, walked band by
         * band as the scaled ones are (FloatMatmul.walksRowsFirst has why and what it saved).
         */
        boolean band() {
            return scaled() || this == PACKED_SPARSE_BAND || this == COL_A_BAND;
        }

        /**
         * Whether the kernel computes a column of row tiles of one strip, each with its own list of
         * steps (PackedA's starts): X·W1 with zero-skipping calls it once per strip and pass
         * instead of once per tile (FloatMatmul.multiplyTilesOfStrip), as the scaled kernels take
         * a row band.
         */
        boolean walksTiles() {
            return this == PACKED_SPARSE;
        }

        /**
         * Whether A is the packed copy of a listed tile, step q's values at q·ROWS: the kernel
         * indexes it by the list position alone, without an offset. With {@code aFrom +} in the
         * index (it was always 0) and B's step at {@code bFrom + p·bStride} even for a panel, the
         * JIT's loop for 2×4 spent an extra add, a multiply and a load from the stack per step;
         * without them X·W1 with zero-skipping took 0.91–0.94 of the time on an AMD EPYC with
         * AVX2, on JDK 17 and 25 (bench/README.adoc, session 28).
         */
        boolean listedPackedA() {
            return this == PACKED_SPARSE || this == PACKED_SPARSE_B_IN_PLACE || this == PACKED_SPARSE_SCALED
                    || this == PACKED_SPARSE_BAND;
        }

        /**
         * Whether the kernel reads B's steps at a stride it is given (bFrom + p·bStride) rather than
         * from a panel of W·LANES floats per step: in the panel, or where B lies (FloatMatmul reads
         * B in place when its panel would not stay in L1 anyway).
         */
        boolean stridedB() {
            return this == PACKED_SPARSE_B_IN_PLACE;
        }

        String parameters() {
            String c = (scaled() ? "float alpha, " : band() ? "" : "float[] cIn, int cInFrom, int cInRowStride, ")
                    + "float[] c, int cFrom, int cRowStride, ";
            String b = stridedB() ? "float[] b, int bFrom, int bStride, " : band() ? "float[][] panels, " : "float[] panel, ";
            String steps = walksTiles() ? "int[] steps, int[] starts, int at, int startStride, int tiles"
                    : sparse() ? "int[] steps, int from, int to" : "int kc";
            return aParameters() + b + c + steps + (band() ? ", int strips" : "");
        }

        String arguments() {
            return parameters().replaceAll("(float|int)(\\[])*(\\[])? ", "");
        }

        private String aParameters() {
            if (listedPackedA()) {
                return "float[] a, ";
            }
            return strided() ? "float[] a, int aFrom, int aStride, " : "float[] a, int aFrom, ";
        }
    }

    /** The (rows, width) pairs that get kernels: each tile's rows, with every width from 1 to its vectors. */
    private static List<Tile> kernelShapes() {
        List<Tile> shapes = new ArrayList<>();
        for (Tile tile : Tile.SHAPES) {
            for (int width = tile.vectors(); width >= 1; width--) {
                Tile shape = new Tile(tile.rows(), width);
                if (!shapes.contains(shape)) {
                    shapes.add(shape);
                }
            }
        }
        return shapes;
    }

    private String generateClass() {
        line("// GENERATED by src/test/java/org/nnlab/kernels/MicroKernelGenerator.java: do not edit by hand.");
        line("// Regenerate (see that class) after changing the generator or Tile.SHAPES.");
        line("package org.nnlab.kernels;");
        line("");
        line("import jdk.incubator.vector.FloatVector;");
        line("import jdk.incubator.vector.VectorSpecies;");
        line("");
        line("/**");
        line(" * The micro-kernels of {@link FloatMatmul}: for a tile of ROWS rows × W vectors of C, the loop");
        line(" * of fused multiply-adds over k, with the tile's ROWS·W accumulators in registers. One method per");
        line(" * tile shape ({@link Tile#SHAPES}), width (W = the tile's vectors, or fewer for a narrower last");
        line(" * strip of C) and variant:");
        line(" * <ul>");
        for (Variant variant : Variant.values()) {
            line(" * <li>{@code " + variant.prefix + "}: " + variant.meaning + ";");
        }
        line(" * </ul>");
        line(" *");
        line(" * <p>Every kernel computes the tile at c[cFrom] (rows cRowStride apart) = the tile at");
        line(" * cIn[cInFrom] (rows cInRowStride apart: C itself, or a row of zeros with stride 0) + the");
        line(" * tile's rows of A · the packed panel of B (one row of W·LANES floats per step;");
        line(" * packedSparseBInPlace reads step p at b[bFrom + p·bStride], B's own rows). Each");
        line(" * accumulator takes its fused multiply-adds in the order p = 0, 1, …: the bits do not depend");
        line(" * on the tile shape.");
        line(" *");
        line(" * <p>Most rowA loops go through k 2 steps at a time (4 when one vector wide; 1 for 5 and 6 rows and for 8×3):");
        line(" * the JIT computes each row's index (row start + p) with its own instructions, which at one");
        line(" * step per iteration cost as much issue bandwidth as the FMAs; unrolled, the next steps read A");
        line(" * at fixed offsets. A method of their own does the last steps (…LastSteps).");
        line(" *");
        line(" * <p>The colA and packed loops count along the panel: their counter is bp, the index of the");
        line(" * step's first float in the panel, and A's index ap advances beside it by a fixed stride. The");
        line(" * JIT then checks the panel's bounds once, before the loop. With both indices computed from a");
        line(" * counter p in every step (bp = p·W·LANES), JDK 17 checked them in every step, four compares");
        line(" * and branches per step with A's two, and JDK 25 kept one of packed6x2's accumulators on the");
        line(" * stack; counting along the panel, packed6x2 ran 1.16 (JDK 17) and 2.15 (JDK 25) times as fast");
        line(" * (bench/README.adoc, session 10). The steps and their order are the same. Every vector a");
        line(" * kernel makes (a load, a broadcast, a fused multiply-add) is cast to the species' exact class");
        line(" * where it is made: see {@link #EXACT_CLASS}.");
        line(" */");
        line("final class FloatMicroKernels {");
        line("    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;");
        line("    private static final int LANES = SPECIES.length();");
        line("    /**");
        line("     * The class of {@link #SPECIES}' vectors (Float256Vector with AVX2). Every vector a kernel");
        line("     * makes is cast to it where it is made. The JIT turns a Vector API call into a vector");
        line("     * instruction only when it knows the exact class of every vector the call takes. The 6×4");
        line("     * kernels make 82 such calls, more than the JIT inlines while it reads the method: the");
        line("     * rest it inlines afterwards, and until then it knows their results only as");
        line("     * \"some FloatVector\". A call that takes such a vector is decided by the vector classes seen");
        line("     * at that call in the whole program so far; when those are several (other code used another");
        line("     * vector shape) or none (the first call is one long loop), the call stays a call, its");
        line("     * vectors stay heap objects, and a loop's accumulators with them: the kernel runs 30–50");
        line("     * times slower, for the rest of the run, in some JVMs and not others. The cast states the");
        line("     * class whatever the order, and costs nothing once the JIT sees it holds. It is written out");
        line("     * rather than kept in a helper method: the JIT stops inlining ordinary methods into a large");
        line("     * method, and a vector passed to a method that is not inlined is boxed too; the Vector");
        line("     * API's own methods and Class.cast are exempt.");
        line("     */");
        line("    private static final Class<? extends FloatVector> EXACT_CLASS = SPECIES.vectorType().asSubclass(FloatVector.class);");
        line("");
        line("    private FloatMicroKernels() {");
        line("    }");
        dispatcher("inPlace", Variant.COL_A, Variant.ROW_A);
        dispatcher("packed", Variant.PACKED, null);
        dispatcher("packedSparse", Variant.PACKED_SPARSE, null);
        dispatcher("packedSparseBInPlace", Variant.PACKED_SPARSE_B_IN_PLACE, null);
        bandDispatcher(Variant.PACKED_SPARSE_SCALED);
        bandDispatcher(Variant.COL_A_SCALED);
        bandDispatcher(Variant.PACKED_SPARSE_BAND);
        bandDispatcher(Variant.COL_A_BAND);
        hasBandKernelsMethod();
        for (Tile shape : kernelShapes()) {
            for (Variant variant : Variant.values()) {
                if (!variant.band() || hasBandKernel(shape)) {
                    kernel(shape.rows(), shape.vectors(), variant);
                }
            }
        }
        packDispatcher();
        for (int rows : tileRows()) {
            packListed(rows);
        }
        packTransposedDispatcher();
        for (int rows : tileRows()) {
            packListedTransposed(rows);
        }
        line("}");
        return out.toString();
    }

    /** The row counts of the tiles in {@link Tile#SHAPES}, each once, largest first. */
    private static List<Integer> tileRows() {
        List<Integer> rows = new ArrayList<>();
        for (Tile tile : Tile.SHAPES) {
            if (!rows.contains(tile.rows())) {
                rows.add(tile.rows());
            }
        }
        rows.sort(Comparator.reverseOrder());
        return rows;
    }

    /**
     * The method PackedA calls to copy a full tile's listed steps: the copy for the tile's row
     * count, or false when there is none (PackedA's own loop then copies).
     */
    private void packDispatcher() {
        line("");
        line("    /**");
        line("     * Copies a tile of {@code rows} rows of a row-major A (row r at {@code from + r·k}) into the packed");
        line("     * layout: for each list position q in [next, end), the rows' values at step steps[q] side by side");
        line("     * at {@code values[q·rows + r]}. Returns false, copying nothing, when no copy for {@code rows} rows");
        line("     * is generated. One method per row count because the JIT does not unroll a loop of a few");
        line("     * iterations whose count it does not know: with a loop over the rows inside the loop over the");
        line("     * steps, or the other way round, packing a minibatch of MNIST in 6-row tiles, its zeros skipped,");
        line("     * took 30–36 µs, and 23–25 with the rows written out (JDK 17; 27.6–28.4 and 18–21 on JDK 25;");
        line("     * bench/README.adoc, session 24).");
        line("     */");
        line("    static boolean packListed(int rows, float[] a, int from, int k, float[] values, int[] steps, int next, int end) {");
        switchOnRows("packListed", "a, from, k, values, steps, next, end");
    }

    /**
     * The body of a copy's dispatcher: calls {@code method} followed by the row count with
     * {@code arguments} and returns true, or returns false for a row count without a copy.
     */
    private void switchOnRows(String method, String arguments) {
        line("        switch (rows) {");
        for (int rows : tileRows()) {
            line("            case " + rows + " -> " + method + rows + "(" + arguments + ");");
        }
        endSwitchReturningWhetherACaseRan();
    }

    /** The end of a dispatcher's switch whose cases call a method: false for any other case, else true. */
    private void endSwitchReturningWhetherACaseRan() {
        line("            default -> {");
        line("                return false;");
        line("            }");
        line("        }");
        line("        return true;");
        line("    }");
    }

    /** The copy of {@link #packDispatcher} for tiles of {@code rows} rows: one load and one store per row, written out. */
    private void packListed(int rows) {
        String name = "packListed" + rows;
        line("");
        line("    /** packListed for " + rows + " rows: the rows' values at each listed step, side by side. */");
        line("    static void " + name + "(float[] a, int from, int k, float[] values, int[] steps, int next, int end) {");
        if (name.equals(BOOK_PACK)) {
            line("        // tag::pack-listed[]");
        }
        line("        // aR: where row R of the tile starts in A");
        for (int r = 0; r < rows; r++) {
            line("        int a" + r + " = " + (r == 0 ? "from" : "a" + (r - 1) + " + k") + ";");
        }
        line("        for (int q = next, v = next * " + rows + "; q < end; q++, v += " + rows + ") {");
        line("            int p = steps[q];");
        for (int r = 0; r < rows; r++) {
            line("            values[v" + (r == 0 ? "" : " + " + r) + "] = a[a" + r + " + p];");
        }
        line("        }");
        if (name.equals(BOOK_PACK)) {
            line("        // end::pack-listed[]");
        }
        line("    }");
    }

    /**
     * The method PackedA calls to copy a full transposed tile's listed steps: the copy for the
     * tile's row count, or false when there is none.
     */
    private void packTransposedDispatcher() {
        line("");
        line("    /**");
        line("     * Copies a tile of {@code rows} neighbouring columns of a stored A (op(A) = its transpose; step p's");
        line("     * values of the tile at {@code from + p·m}, side by side) into the packed layout: for each list");
        line("     * position q in [next, end), the values at step steps[q] at {@code values[q·rows + r]}. Returns");
        line("     * false, copying nothing, when no copy for {@code rows} rows is generated. The rows are written");
        line("     * out for the reason given at packListed: with a loop over them, copying the listed steps of a");
        line("     * minibatch of MNIST for Xᵀ·dZ1 in tiles of 2 pixels took 31–45 µs more than listing them alone, and");
        line("     * 9–12 with the rows written out (JDK 17, AMD EPYC with AVX2; bench/README.adoc, session 28).");
        line("     */");
        line("    static boolean packListedTransposed(int rows, float[] a, int from, int m, float[] values, int[] steps, int next, int end) {");
        switchOnRows("packListedTransposed", "a, from, m, values, steps, next, end");
    }

    /** The copy of {@link #packTransposedDispatcher} for tiles of {@code rows} rows: the rows' values at a step are neighbours. */
    private void packListedTransposed(int rows) {
        line("");
        line("    /** packListedTransposed for " + rows + " rows: the rows' values at each listed step, side by side. */");
        line("    static void packListedTransposed" + rows + "(float[] a, int from, int m, float[] values, int[] steps, int next, int end) {");
        line("        for (int q = next, v = next * " + rows + "; q < end; q++, v += " + rows + ") {");
        line("            int at = from + steps[q] * m;");
        for (int r = 0; r < rows; r++) {
            line("            values[v" + (r == 0 ? "" : " + " + r) + "] = a[at" + (r == 0 ? "" : " + " + r) + "];");
        }
        line("        }");
        line("    }");
    }

    private static String name(int rows, int width, Variant variant) {
        return variant.prefix + rows + "x" + width;
    }

    /**
     * A method that runs the kernel of {@code variant} for a tile and a width; with a second
     * variant, the first runs when {@code transposedA} and the second otherwise.
     */
    private void dispatcher(String method, Variant variant, Variant otherwise) {
        line("");
        line("    /**");
        line("     * Runs the " + method + " kernel of {@code tile}, {@code width} vectors wide (at most the tile's)"
                + (otherwise == null ? "." : ", with A stored transposed or not."));
        line("     */");
        line("    static void " + method + "(Tile tile, int width, " + (otherwise == null ? "" : "boolean transposedA, "));
        line("            " + variant.parameters() + ") {");
        line("        switch (tile.rows() * 16 + width) {");
        for (Tile shape : kernelShapes()) {
            line("            case " + (shape.rows() * 16 + shape.vectors()) + " -> {");
            if (otherwise == null) {
                line("                " + name(shape.rows(), shape.vectors(), variant) + "(" + variant.arguments() + ");");
            } else {
                line("                if (transposedA) {");
                line("                    " + name(shape.rows(), shape.vectors(), variant) + "(" + variant.arguments() + ");");
                line("                } else {");
                line("                    " + name(shape.rows(), shape.vectors(), otherwise) + "(" + otherwise.arguments() + ");");
                line("                }");
            }
            line("            }");
        }
        line("            default -> throw new IllegalArgumentException(\"no kernel for a \" + tile + \" tile \" + width + \" vector(s) wide\");");
        line("        }");
        line("    }");
    }

    /**
     * Whether the shape gets the kernels of row bands (packedSparseScaled, colAScaled, packedSparseBand, colABand): at most
     * {@value #MOST_BAND_ACCUMULATORS} accumulators. With 24 (6×4, 8×3), the scaled kernel's last loads, multiply-adds and stores of
     * C were more than C1 could compile ("out of virtual registers in LIR generator", JDK 17 and
     * 25; MicroKernelsCompileTest); such tiles go through the scratch tile as before.
     */
    static boolean hasBandKernel(Tile shape) {
        return shape.rows() * shape.vectors() <= MOST_BAND_ACCUMULATORS;
    }

    static final int MOST_BAND_ACCUMULATORS = 16;

    /** FloatMicroKernels.hasBandKernels, for FloatMatmul to choose a walk its tile has kernels for. */
    private void hasBandKernelsMethod() {
        line("");
        line("    /** Whether {@code tile} has row-band kernels (packedSparseScaled, colAScaled, packedSparseBand, colABand): at most "
                + MOST_BAND_ACCUMULATORS + " accumulators. */");
        line("    static boolean hasBandKernels(Tile tile) {");
        line("        return tile.rows() * tile.vectors() <= " + MOST_BAND_ACCUMULATORS + ";");
        line("    }");
    }

    /**
     * The dispatcher of a variant's row-band kernels: runs the kernel of the tile and width and
     * returns true, or returns false when the shape has none ({@link #hasBandKernel}).
     */
    private void bandDispatcher(Variant variant) {
        line("");
        line("    /**");
        line("     * Runs the " + variant.prefix + " kernel of {@code tile}, {@code width} vectors wide (at most the tile's),");
        line("     * and returns true; returns false, doing nothing, for a shape without one (more than "
                + MOST_BAND_ACCUMULATORS + " accumulators).");
        line("     */");
        line("    static boolean " + variant.prefix + "(Tile tile, int width, ");
        line("            " + variant.parameters() + ") {");
        line("        switch (tile.rows() * 16 + width) {");
        for (Tile shape : kernelShapes()) {
            if (hasBandKernel(shape)) {
                line("            case " + (shape.rows() * 16 + shape.vectors()) + " -> "
                        + name(shape.rows(), shape.vectors(), variant) + "(" + variant.arguments() + ");");
            }
        }
        endSwitchReturningWhetherACaseRan();
    }

    private void kernel(int rows, int width, Variant variant) {
        int unroll = unroll(variant, rows, width);
        kernel(rows, width, variant, unroll, false);
        if (unroll > 1) {
            kernel(rows, width, variant, 1, true);
        }
    }

    /**
     * One kernel method. An unrolled loop leaves the last kc mod unroll steps to a method of their
     * own, {@code …LastSteps}, a loop of one step at a time from {@code from}, which continues
     * from the values the unrolled kernel stored in C. Kept in the unrolled method, that loop made
     * rowA8x2 too large for C1 (see {@link #rowAUnroll}); a float stored and loaded again is the
     * same float, so the bits do not change.
     */
    private void kernel(int rows, int width, Variant variant, int unroll, boolean lastSteps) {
        String name = name(rows, width, variant) + (lastSteps ? "LastSteps" : "");
        line("");
        if (lastSteps) {
            line("    /** Steps [from, kc) of " + name(rows, width, variant) + ", one at a time: what its unrolled loop leaves. */");
            line("    static void " + name + "(" + variant.parameters().replace("int kc", "int from, int kc") + ") {");
        } else {
            line("    /** " + rows + " rows × " + width + " vector" + (width > 1 ? "s" : "") + "; " + variant.meaning + ". */");
            line("    static void " + name + "(" + variant.parameters() + ") {");
        }
        if (variant.band()) {
            if (variant.scaled()) {
                line("        FloatVector alphas = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, alpha));");
            }
            line("        for (int s = 0; s < strips; s++) {");
            indent = "    ";
            line("        float[] panel = panels[s];");
        } else if (variant.walksTiles()) {
            line("        for (int t = 0; t < tiles; t++, at += startStride, cFrom += " + rows + " * cRowStride, cInFrom += "
                    + rows + " * cInRowStride) {");
            indent = "    ";
            line("        int from = starts[at];");
            line("        int to = starts[at + 1];");
        }
        for (int r = 0; r < rows; r++) {
            String first = variant.band() ? "cFrom + s * " + panelStride(width) : "cFrom";
            line("        int c" + r + " = " + (r == 0 ? first : "c" + (r - 1) + " + cRowStride") + ";");
        }
        for (int r = 0; r < rows && !variant.band(); r++) {
            line("        int i" + r + " = " + (r == 0 ? "cInFrom" : "i" + (r - 1) + " + cInRowStride") + ";");
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < width; v++) {
                if (r == 0 && v == 0) {
                    tag(name, "tag::exact-class-load[]");
                }
                line("        FloatVector " + acc(r, v) + " = " + (variant.band() ? "EXACT_CLASS.cast(FloatVector.zero(SPECIES));"
                        : "EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, cIn, i" + r + offset(v) + "));"));
                if (r == 0 && v == width - 1) {
                    tag(name, "end::exact-class-load[]");
                }
            }
        }
        if (variant == Variant.ROW_A) {
            for (int r = 0; r < rows; r++) {
                line("        int a" + r + " = " + (r == 0 ? "aFrom" : "a" + (r - 1) + " + aStride") + ";");
            }
        }
        String counter = variant.sparse() ? "q" : "p";
        String start = variant.sparse() || lastSteps ? "from" : "0";
        String end = variant.sparse() ? "to" : "kc";
        if (unroll > 1) {
            line("        int main = " + end + " - (" + end + " - " + start + ") % " + unroll + ";");
            line("        for (int " + counter + " = " + start + "; " + counter + " < main; " + counter + " += " + unroll + ") {");
            if (variant == Variant.ROW_A) {
                for (int r = 0; r < rows; r++) {
                    line("            int r" + r + " = a" + r + " + p;");
                }
            }
            for (int u = 0; u < unroll; u++) {
                step(rows, width, variant, u, true);
            }
        } else {
            tag(name, "tag::micro-kernel-loop[]");
            sparseTag(name, "tag::sparse-loop[]");
            if (variant.countsAlongPanel()) {
                String stride = panelStride(width);
                String aStep = variant.readsTransposedA() ? "aStride" : Integer.toString(rows);
                line("        int end = kc * " + stride + ";");
                line("        for (int bp = 0, ap = aFrom; bp < end; bp += " + stride + ", ap += " + aStep + ") {");
            } else {
                line("        for (int " + counter + " = " + start + "; " + counter + " < " + end + "; " + counter + "++) {");
            }
            step(rows, width, variant, 0, false);
        }
        line("        }");
        tag(name, "end::micro-kernel-loop[]");
        sparseTag(name, "end::sparse-loop[]");
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < width; v++) {
                String at = "c" + r + offset(v);
                if (variant.scaled()) {
                    line("        EXACT_CLASS.cast(" + acc(r, v) + ".fma(alphas, EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, c, "
                            + at + ")))).intoArray(c, " + at + ");");
                } else {
                    line("        " + acc(r, v) + ".intoArray(c, " + at + ");");
                }
            }
        }
        if (variant.band() || variant.walksTiles()) {
            indent = "";
            line("        }");
        }
        if (unroll > 1) {
            line("        if (main < " + end + ") {");
            line("            " + name + "LastSteps(a, aFrom, aStride, panel, c, cFrom, cRowStride, c, cFrom, cRowStride, main, " + end + ");");
            line("        }");
        }
        line("    }");
    }

    /**
     * Steps of k per iteration of a rowA loop. Unrolled, each row's index (row start + p) is
     * computed once for several steps; but each row then keeps two index registers, and x86-64
     * has 16 general registers. Measured (bench/README.adoc, MatmulTileBenchmark at 64×512·512×10,
     * AMD EPYC, AVX2): 4×2 ran at 36 GFLOP/s unrolled by 2 and 28 not unrolled (JDK 17 and 25),
     * 6×2 at 19 unrolled and 27 not (JDK 17); 8×2 ran faster unrolled by 2 on the AVX-512 machine of
     * bench/TUNING.adoc. One-vector kernels do less per step and unroll by 4.
     *
     * <p>With every vector cast to its class, rowA8x2 unrolled by 2, with its last steps in the
     * same method, was more than C1, the JIT's first tier, could compile on JDK 17 ("out of
     * virtual registers"; rowA8x3 on JDK 25 too). C1 had compiled the kernel once, quickly,
     * without profiling; its compile with profiling then failed, and in some runs C2 never took
     * the kernel over: it ran that slow code, every vector a heap object, for good
     * (VectorsStayInRegistersTest with -XX:MaxVectorSize=16, session 14). Not unrolled, rowA8x2
     * ran 0.80–0.85 times as fast at 64×512·512×32; so the last steps went to a method of their
     * own instead, and rowA8x3, which C1 still could not compile, is not unrolled (no plan uses it
     * for the narrow A·B). MicroKernelsCompileTest checks that C1 compiles every kernel.
     */
    private static int rowAUnroll(int rows, int width) {
        if (width == 1) {
            return 4;
        }
        if (rows == 8 && width >= 3) {
            return 1;
        }
        return rows == 5 || rows == 6 ? 1 : 2;
    }

    /** Steps per iteration of the main loop; see the generated class comment. */
    private static int unroll(Variant variant, int rows, int width) {
        return variant == Variant.ROW_A ? rowAUnroll(rows, width) : 1;
    }

    /**
     * One step along k, the {@code u}-th of an unrolled iteration: load the panel's W vectors of
     * that step, broadcast each row's A value, one fused multiply-add per accumulator. In the body
     * of an unrolled row-A loop the row indices rR = aR + p were computed once per iteration, and
     * {@code u} is the fixed offset from them.
     */
    private void step(int rows, int width, Variant variant, int u, boolean unrolled) {
        String indent = "            ";
        String suffix = u == 0 ? "" : Integer.toString(u);
        String counter = variant.sparse() ? "q" : "p";
        String at = u == 0 ? counter : "(" + counter + " + " + u + ")";
        String panelStep = at;
        if (variant.sparse()) {
            line(indent + "int p" + suffix + " = steps[" + at + "];");
            panelStep = "p" + suffix;
        }
        if (variant.stridedB()) {
            line(indent + "int bp" + suffix + " = bFrom + " + panelStep + " * bStride;");
        } else if (!variant.countsAlongPanel()) {
            line(indent + "int bp" + suffix + " = " + panelStep + " * " + panelStride(width) + ";");
        }
        String bArray = variant.stridedB() ? "b" : "panel";
        for (int v = 0; v < width; v++) {
            line(indent + "FloatVector " + bName(v, u) + " = EXACT_CLASS.cast(FloatVector.fromArray(SPECIES, " + bArray + ", bp" + suffix + offset(v) + "));");
        }
        if (variant.listedPackedA()) {
            line(indent + "int ap" + suffix + " = " + at + " * " + rows + ";");
        }
        for (int r = 0; r < rows; r++) {
            String aValue;
            if (variant != Variant.ROW_A) {
                aValue = "a[ap" + suffix + (r == 0 ? "" : " + " + r) + "]";
            } else if (unrolled) {
                aValue = "a[r" + r + (u == 0 ? "" : " + " + u) + "]";
            } else {
                aValue = "a[a" + r + " + p]";
            }
            line(indent + (r == 0 ? "FloatVector " : "") + "x" + suffix + " = EXACT_CLASS.cast(FloatVector.broadcast(SPECIES, " + aValue + "));");
            for (int v = 0; v < width; v++) {
                line(indent + acc(r, v) + " = EXACT_CLASS.cast(x" + suffix + ".fma(" + bName(v, u) + ", " + acc(r, v) + "));");
            }
        }
    }

    /** A tag comment for the book's include, in {@link #BOOK_KERNEL} only. */
    private void tag(String kernel, String tag) {
        if (kernel.equals(BOOK_KERNEL)) {
            line("        // " + tag);
        }
    }

    private void sparseTag(String kernel, String tag) {
        if (kernel.equals(BOOK_SPARSE_KERNEL)) {
            line("        // " + tag);
        }
    }

    /** Floats per step in a panel W vectors wide. */
    private static String panelStride(int width) {
        return width == 1 ? "LANES" : width + " * LANES";
    }

    private static String acc(int r, int v) {
        return "acc" + r + v;
    }

    private static String bName(int v, int u) {
        return "b" + (u == 0 ? "" : u + "_") + v;
    }

    private static String offset(int v) {
        return v == 0 ? "" : v == 1 ? " + LANES" : " + " + v + " * LANES";
    }

    private void line(String text) {
        out.append(text.isEmpty() ? "" : indent).append(text).append('\n');
    }
}
