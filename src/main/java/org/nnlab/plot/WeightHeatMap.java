package org.nnlab.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import org.nnlab.matrix.Matrix;

/**
 * The second layer's weights W2 (H×10) as a heat map: one row per hidden unit, one column per
 * output class, red for positive weights (the unit votes for the class), blue for negative,
 * white for zero, on one scale symmetric about 0 so that equal colours mean equal weights.
 */
public final class WeightHeatMap implements Figure {
    private static final int MARGIN = 20;
    private static final int CELL_WIDTH = 48;
    /** Rows get the largest whole number of pixels that keeps the map about this tall (at least 1 each). */
    private static final int TARGET_MAP_HEIGHT = 560;
    private static final double TICK_SIZE = Axes.TICK_SIZE;
    private static final double AXIS_LABEL_SIZE = Axes.AXIS_LABEL_SIZE;
    private static final double TICK_LENGTH = Axes.TICK_LENGTH;

    private final Matrix w2;
    private final double limit;
    private final int cellHeight;
    private final TitleBlock title;
    private final ColorBar colorBar;
    private final int width;
    private final int height;
    private final double mapLeft;
    private final double mapTop;

    public WeightHeatMap(Matrix w2, String setup) {
        if (w2.rows() == 0 || w2.cols() == 0) {
            throw new IllegalArgumentException("W2 is empty: " + w2.shape());
        }
        this.w2 = w2;
        this.limit = largestMagnitude(w2);
        this.cellHeight = Math.max(1, TARGET_MAP_HEIGHT / w2.rows());
        this.colorBar = new ColorBar(limit, "weight");
        this.width = 760;
        this.title = new TitleBlock("Second-layer weights W2: hidden unit → class", setup,
                w2.rows() + " hidden units × " + (isYesNo() ? "1 yes/no output" : w2.cols() + " classes")
                        + ". Red: the unit raises the " + (isYesNo() ? "output" : "class's score")
                        + ", blue: lowers it; one scale for all, symmetric about 0.");
        double widestRowLabel = TextMetrics.width(String.valueOf(w2.rows()), TICK_SIZE, false);
        double mapWidth = CELL_WIDTH * w2.cols();
        double leftAxis = TextMetrics.height(AXIS_LABEL_SIZE) + 10 + widestRowLabel + 4 + TICK_LENGTH;
        double block = leftAxis + mapWidth + 24 + colorBar.width();
        this.mapLeft = Math.round((width - block) / 2 + leftAxis);
        this.mapTop = Math.ceil(MARGIN + title.height(width - 2 * MARGIN) + 14);
        this.height = (int) Math.ceil(mapTop + mapHeight() + TICK_LENGTH + 4 + TextMetrics.height(TICK_SIZE) + 8
                + TextMetrics.height(AXIS_LABEL_SIZE) + MARGIN);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Where the weight from hidden unit {@code unit} to class {@code c} is drawn. */
    public Rectangle2D cellBounds(int unit, int c) {
        return new Rectangle2D.Double(mapLeft + c * CELL_WIDTH, mapTop + (double) unit * cellHeight, CELL_WIDTH, cellHeight);
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, width - 2 * MARGIN);
        PixelImage cells = new PixelImage(w2.cols(), w2.rows());
        for (int unit = 0; unit < w2.rows(); unit++) {
            for (int c = 0; c < w2.cols(); c++) {
                cells.set(c, unit, Colormaps.diverging(limit > 0 ? w2.get(unit, c) / limit : 0));
            }
        }
        double mapWidth = CELL_WIDTH * w2.cols();
        canvas.image(mapLeft, mapTop, mapWidth, mapHeight(), cells);
        canvas.rect(mapLeft, mapTop, mapWidth, mapHeight(), Pen.solid(Color.GRAY, 1));
        drawClassAxis(canvas, mapWidth);
        drawUnitAxis(canvas);
        colorBar.draw(canvas, mapLeft + mapWidth + 24, mapTop, mapHeight());
    }

    /** A digit-vs-rest network has a single output, yes (the digit) or no (the rest), not one per class. */
    private boolean isYesNo() {
        return w2.cols() == 1;
    }

    private double mapHeight() {
        return (double) cellHeight * w2.rows();
    }

    private void drawClassAxis(Canvas canvas, double mapWidth) {
        double bottom = mapTop + mapHeight();
        for (int c = 0; c < w2.cols(); c++) {
            Axes.tickBelow(canvas, mapLeft + (c + 0.5) * CELL_WIDTH, bottom, isYesNo() ? "yes/no" : String.valueOf(c),
                    Pen.solid(Color.GRAY, 1));
        }
        Axes.titleBelow(canvas, isYesNo() ? "output unit" : "output unit (digit class)", mapLeft + mapWidth / 2, bottom);
    }

    private void drawUnitAxis(Canvas canvas) {
        int rows = w2.rows();
        int step = (int) Math.max(1, Math.round(NiceNumbers.step(rows, Math.max(2, (int) (mapHeight() / 45)))));
        double widest = 0;
        for (int unit = 0; unit < rows; unit += step) {
            Axes.tickLeft(canvas, mapLeft, mapTop + (unit + 0.5) * cellHeight, String.valueOf(unit), Pen.solid(Color.GRAY, 1));
            widest = Math.max(widest, TextMetrics.width(String.valueOf(unit), TICK_SIZE, false));
        }
        double labelX = mapLeft - TICK_LENGTH - 4 - widest - 10;
        canvas.text("hidden unit", labelX, mapTop + mapHeight() / 2,
                TextStyle.plain(AXIS_LABEL_SIZE, Anchor.BOTTOM_CENTER).rotated(-90));
    }

    private static double largestMagnitude(Matrix m) {
        double largest = 0;
        for (int i = 0; i < m.size(); i++) {
            largest = Math.max(largest, Math.abs(m.getFlat(i)));
        }
        return largest;
    }
}
