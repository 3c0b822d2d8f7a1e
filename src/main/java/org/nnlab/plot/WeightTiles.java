package org.nnlab.plot;

import java.awt.Color;
import java.awt.Rectangle;
import org.nnlab.matrix.Matrix;

/**
 * The first layer's weights W1 (784×H) as a grid of 28×28 tiles, one per hidden unit, as in report
 * 001's figure 5: column j of W1 holds the weight from every pixel to unit j, so reshaped to
 * 28×28 it shows which strokes excite the unit (white) and which inhibit it (black). Each tile is
 * stretched between its own smallest and largest weight, because units differ in scale and one
 * common scale would leave most tiles flat grey.
 */
public final class WeightTiles implements Figure {
    private static final int MARGIN = 20;
    private static final int GAP = 4;
    /** The widest the grid may be; tiles are drawn at the largest whole-number zoom that fits. */
    private static final int MAX_GRID_WIDTH = 760;
    private static final Color TILE_FRAME = new Color(0xBBBBBB);

    private final Matrix w1;
    private final int units;
    private final int side;
    private final int columns;
    private final int zoom;
    private final TitleBlock title;
    private final int width;
    private final int height;
    private final int gridLeft;
    private final int gridTop;

    /**
     * @param w1       the weights, one row per input pixel and one column per hidden unit
     * @param maxUnits how many units to show at most (the first ones), e.g. 100 as in report 001
     * @param setup    the run's settings, shown under the heading
     */
    public WeightTiles(Matrix w1, int maxUnits, String setup) {
        this.w1 = w1;
        this.side = GreyLevels.squareSide(w1.rows(), "W1");
        this.units = Math.min(w1.cols(), maxUnits);
        if (units <= 0) {
            throw new IllegalArgumentException("no hidden units to draw: W1 is " + w1.shape() + ", at most " + maxUnits + " asked for");
        }
        this.columns = (int) Math.ceil(Math.sqrt(units));
        int rows = (units + columns - 1) / columns;
        this.zoom = Math.max(1, Math.min(8, (MAX_GRID_WIDTH / columns - GAP) / side));
        int tile = side * zoom;
        int gridWidth = columns * (tile + GAP) - GAP;
        int gridHeight = rows * (tile + GAP) - GAP;
        this.width = Math.max(gridWidth + 2 * MARGIN, 760);
        String shown = units == w1.cols()
                ? "All " + units + " hidden units"
                : "Hidden units 0–" + (units - 1) + " of " + w1.cols();
        this.title = new TitleBlock("First-layer weights W1: one tile per hidden unit", setup,
                shown + ", row by row. A tile is the unit's " + w1.rows() + " input weights as a " + side + "×" + side
                        + " image, scaled from its own lowest weight (black) to its highest (white).");
        this.gridTop = (int) Math.ceil(MARGIN + title.height(width - 2 * MARGIN) + 14);
        this.gridLeft = (width - gridWidth) / 2;
        this.height = gridTop + gridHeight + MARGIN;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Where unit {@code j}'s tile is drawn: each weight is a block of {@link #zoom()}×{@link #zoom()} pixels. */
    public Rectangle tileBounds(int unit) {
        int tile = side * zoom;
        return new Rectangle(gridLeft + (unit % columns) * (tile + GAP), gridTop + (unit / columns) * (tile + GAP), tile, tile);
    }

    /** Pixels per weight along each side of a tile. */
    public int zoom() {
        return zoom;
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, width - 2 * MARGIN);
        for (int unit = 0; unit < units; unit++) {
            Rectangle bounds = tileBounds(unit);
            canvas.image(bounds.x, bounds.y, bounds.width, bounds.height, tile(unit));
            canvas.rect(bounds.x - 0.5, bounds.y - 0.5, bounds.width + 1, bounds.height + 1, Pen.solid(TILE_FRAME, 1));
        }
    }

    /** Column {@code unit} of W1 as a side×side image, row-major like the input pixels it weighs. */
    private PixelImage tile(int unit) {
        double[] weights = new double[w1.rows()];
        for (int pixel = 0; pixel < weights.length; pixel++) {
            weights[pixel] = w1.get(pixel, unit);
        }
        int[] levels = GreyLevels.stretched(weights);
        PixelImage image = new PixelImage(side, side);
        for (int pixel = 0; pixel < levels.length; pixel++) {
            image.set(pixel % side, pixel / side, Colormaps.grey(levels[pixel]));
        }
        return image;
    }
}
