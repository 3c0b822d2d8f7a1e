package org.nnlab.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The micro-kernel tile of each form of matrix product, told apart by what the multiply can see
 * (its arguments), with the product of a training step (784-512-10, minibatches of 64) it serves:
 * <ul>
 *   <li>{@code wide}: C = A·B with C at least {@value FloatMatmul#PACK_MIN_COLS} columns wide, A
 *       packed (and its zeros skipped): the hidden layer's X·W1;</li>
 *   <li>{@code transposedA}: C = Aᵀ·B with C at least {@value FloatMatmul#PACK_MIN_COLS} columns wide:
 *       the weight gradient Xᵀ·dZ1 (zeros skipped). A narrower C (Hᵀ·dZ2) takes no tile of the plan:
 *       it runs on {@link ColumnTileMatmul}'s column tiles, on every machine;</li>
 *   <li>{@code transposedB}: C = A·Bᵀ: the hidden layer's gradient dZ2·W2ᵀ (with zero-skipping,
 *       it runs the dense plan's tile for this form: dZ2 has no zero; see FloatMatmul);</li>
 *   <li>{@code narrow}: C = A·B with a narrower C, A read in place: the output layer's H·W2.</li>
 * </ul>
 * The same tile for a form wherever it is, since the fastest tile differs by form and JDK more
 * than by size ({@link MachineTile} has the measurements). Every tile gives the same bits, so a
 * plan changes only the speed.
 */
public record TilePlan(Tile wide, Tile transposedA, Tile transposedB, Tile narrow) {

    /** One tile for every form: what {@code -Dnnlab.tile=4x2} asks for. */
    public static TilePlan everywhere(Tile tile) {
        return new TilePlan(tile, tile, tile, tile);
    }

    /**
     * The plan the system property {@value Tile#PROPERTY} names: one tile for every form
     * ({@code 4x2}), or four separated by commas, one per form in the order wide A·B, Aᵀ·B, A·Bᵀ,
     * narrow A·B ({@code 2x4,6x2,6x2,4x2}), so that two plans can be timed against each other.
     */
    public static TilePlan parse(String text) {
        String[] tiles = text.split(",", -1);
        if (tiles.length == 1) {
            return everywhere(Tile.parse(tiles[0]));
        }
        if (tiles.length == 4) {
            return new TilePlan(tileOfPlan(text, tiles, 0), tileOfPlan(text, tiles, 1), tileOfPlan(text, tiles, 2),
                    tileOfPlan(text, tiles, 3));
        }
        throw new IllegalArgumentException(FORMAT + ", got '" + text + "'");
    }

    private static final String FORMAT = "system property " + Tile.PROPERTY + " must name one tile for every"
            + " product (e.g. 4x2), or four separated by commas, for wide A·B, Aᵀ·B, A·Bᵀ and narrow A·B"
            + " (e.g. 2x4,6x2,6x2,4x2)";
    private static final String[] FORMS = {"wide A·B", "Aᵀ·B", "A·Bᵀ", "narrow A·B"};

    /** Tile number {@code i} of a plan of four; a bad one is named with its form and the whole value. */
    private static Tile tileOfPlan(String text, String[] tiles, int i) {
        try {
            return Tile.parse(tiles[i]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FORMAT + "; its tile for " + FORMS[i] + ", '" + tiles[i].trim()
                    + "', is not one of " + Tile.shapesAsTyped() + " (got '" + text + "')", e);
        }
    }

    /** The plan's tiles, each once, in the order of the forms. */
    public List<Tile> distinct() {
        return List.copyOf(formsByTile().keySet());
    }

    /**
     * "6×2 tile" when one tile serves every form; otherwise each tile with its forms, e.g.
     * "tiles 6×2 (A·B, Aᵀ·B), 2×4 (A·Bᵀ), 4×2 (narrow)".
     */
    @Override
    public String toString() {
        Map<Tile, List<String>> forms = formsByTile();
        if (forms.size() == 1) {
            return wide + " tile";
        }
        List<String> parts = new ArrayList<>();
        forms.forEach((tile, names) -> parts.add(tile + " (" + String.join(", ", names) + ")"));
        return "tiles " + String.join(", ", parts);
    }

    /**
     * The forms whose tile here differs from {@code other}'s, with this plan's tiles as
     * {@link #toString()} names them, e.g. "4×2 (A·B), 2×4 (Aᵀ·B)"; empty when the plans agree.
     */
    public String differencesFrom(TilePlan other) {
        Map<Tile, List<String>> forms = new LinkedHashMap<>();
        List<Tile> mine = inFormOrder();
        List<Tile> theirs = other.inFormOrder();
        for (int i = 0; i < FORM_NAMES.length; i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                forms.computeIfAbsent(mine.get(i), t -> new ArrayList<>()).add(FORM_NAMES[i]);
            }
        }
        List<String> parts = new ArrayList<>();
        forms.forEach((tile, names) -> parts.add(tile + " (" + String.join(", ", names) + ")"));
        return String.join(", ", parts);
    }

    /** The forms as the descriptions name them, in the order of {@link #inFormOrder()}. */
    private static final String[] FORM_NAMES = {"A·B", "Aᵀ·B", "A·Bᵀ", "narrow"};

    /** The tiles of wide A·B, Aᵀ·B, A·Bᵀ and narrow A·B, in that order. */
    private List<Tile> inFormOrder() {
        return List.of(wide, transposedA, transposedB, narrow);
    }

    private Map<Tile, List<String>> formsByTile() {
        Map<Tile, List<String>> forms = new LinkedHashMap<>();
        List<Tile> tiles = inFormOrder();
        for (int i = 0; i < FORM_NAMES.length; i++) {
            forms.computeIfAbsent(tiles.get(i), t -> new ArrayList<>()).add(FORM_NAMES[i]);
        }
        return forms;
    }
}
