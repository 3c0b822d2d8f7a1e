package org.nnlab.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A confusion matrix as a heat map with its counts written in the cells: row = true class,
 * column = predicted class, so the diagonal holds the correct predictions and every other cell
 * one kind of mistake. Colour darkens with log(1 + count): on a linear scale the diagonal's
 * thousands would leave the mistakes, which are what one looks for, all equally pale.
 */
public final class ConfusionHeatMap implements Figure {
    private static final int MARGIN = 20;
    private static final int CELL = 56;
    private static final double COUNT_SIZE = 14;
    private static final double TICK_SIZE = 14;
    private static final double AXIS_LABEL_SIZE = 15;
    private static final Color ZERO_TEXT = new Color(0xAAAAAA);

    private final int[][] counts;
    private final List<String> classNames;
    private final int max;
    private final TitleBlock title;
    private final int width;
    private final int height;
    private final int gridLeft;
    private final int gridTop;

    /** @param counts counts[t][p]: how many images of true class t were predicted as class p, classes named 0, 1, … */
    public ConfusionHeatMap(int[][] counts, String setup) {
        this(counts, IntStream.range(0, counts.length).mapToObj(String::valueOf).toList(), setup);
    }

    /** @param classNames the label of each class on the axes, e.g. "rest" and "digit 5" for a yes/no task */
    public ConfusionHeatMap(int[][] counts, List<String> classNames, String setup) {
        int classes = counts.length;
        if (classNames.size() != classes) {
            throw new IllegalArgumentException(classes + " classes but " + classNames.size() + " class names");
        }
        for (int[] row : counts) {
            if (row.length != classes) {
                throw new IllegalArgumentException("a confusion matrix is square, got a row of " + row.length + " in " + classes + " rows");
            }
        }
        if (classes == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        this.counts = counts;
        this.classNames = List.copyOf(classNames);
        this.max = maxCount(counts);
        long total = 0;
        long correct = 0;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                total += counts[t][p];
                correct += t == p ? counts[t][p] : 0;
            }
        }
        String accuracy = total == 0 ? "" : String.format(Locale.ROOT, " %.2f%% correct.", 100.0 * correct / total);
        this.width = Math.max(760, 2 * MARGIN + 90 + classes * CELL);
        this.title = new TitleBlock("Confusion matrix", setup,
                String.format(Locale.ROOT, "%,d images.", total) + accuracy + " Rows: true class; columns: predicted class; the diagonal is correct."
                        + " Colour darkens with log(1 + count).");
        int gridSize = classes * CELL;
        double leftAxis = TextMetrics.height(AXIS_LABEL_SIZE) + 12 + widestClassName() + 8;
        this.gridLeft = (int) Math.round((width - gridSize - leftAxis) / 2 + leftAxis);
        this.gridTop = (int) Math.ceil(MARGIN + title.height(width - 2 * MARGIN) + 14);
        this.height = (int) Math.ceil(gridTop + gridSize + 8 + TextMetrics.height(TICK_SIZE) + 10
                + TextMetrics.height(AXIS_LABEL_SIZE) + MARGIN);
    }

    /** counts[t][p] from the true and predicted class of each image. */
    public static int[][] count(int[] trueClasses, int[] predictedClasses, int classes) {
        if (trueClasses.length != predictedClasses.length) {
            throw new IllegalArgumentException(trueClasses.length + " true classes but " + predictedClasses.length + " predictions");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < trueClasses.length; i++) {
            counts[trueClasses[i]][predictedClasses[i]]++;
        }
        return counts;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Where the cell of (true class, predicted class) is drawn. */
    public Rectangle cellBounds(int trueClass, int predictedClass) {
        return new Rectangle(gridLeft + predictedClass * CELL, gridTop + trueClass * CELL, CELL, CELL);
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, width - 2 * MARGIN);
        int classes = counts.length;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                drawCell(canvas, cellBounds(t, p), counts[t][p]);
            }
        }
        canvas.rect(gridLeft, gridTop, classes * CELL, classes * CELL, Pen.solid(Color.GRAY, 1));
        drawClassLabels(canvas);
    }

    /** The cell's colour: near-white for 0, darkest blue for the largest count. */
    Color colorOf(int count) {
        return Colormaps.sequential(max == 0 ? 0 : Math.log1p(count) / Math.log1p(max));
    }

    private void drawCell(Canvas canvas, Rectangle cell, int count) {
        Color fill = colorOf(count);
        canvas.fillRect(cell.x, cell.y, cell.width, cell.height, fill);
        Color text = count == 0 ? ZERO_TEXT : Colormaps.luminance(fill) < 0.5 ? Color.WHITE : Color.BLACK;
        String label = String.valueOf(count);
        double size = Math.min(COUNT_SIZE, COUNT_SIZE * (CELL - 6) / TextMetrics.width(label, COUNT_SIZE, false));
        canvas.text(label, cell.getCenterX(), cell.getCenterY(), new TextStyle(size, false, text, Anchor.CENTER, 0));
    }

    private void drawClassLabels(Canvas canvas) {
        int classes = counts.length;
        double gridBottom = gridTop + classes * CELL;
        for (int c = 0; c < classes; c++) {
            canvas.text(classNames.get(c), gridLeft + (c + 0.5) * CELL, gridBottom + 8, TextStyle.plain(TICK_SIZE, Anchor.TOP_CENTER));
            canvas.text(classNames.get(c), gridLeft - 8, gridTop + (c + 0.5) * CELL, TextStyle.plain(TICK_SIZE, Anchor.CENTER_RIGHT));
        }
        canvas.text("predicted class", gridLeft + classes * CELL / 2.0, gridBottom + 8 + TextMetrics.height(TICK_SIZE) + 10,
                TextStyle.plain(AXIS_LABEL_SIZE, Anchor.TOP_CENTER));
        double labelX = gridLeft - 8 - widestClassName() - 12;
        canvas.text("true class", labelX, gridTop + classes * CELL / 2.0,
                TextStyle.plain(AXIS_LABEL_SIZE, Anchor.BOTTOM_CENTER).rotated(-90));
    }

    private double widestClassName() {
        return classNames.stream().mapToDouble(name -> TextMetrics.width(name, TICK_SIZE, false)).max().orElse(0);
    }

    private static int maxCount(int[][] counts) {
        int max = 0;
        for (int[] row : counts) {
            for (int count : row) {
                if (count < 0) {
                    throw new IllegalArgumentException("a count cannot be negative, got " + count);
                }
                max = Math.max(max, count);
            }
        }
        return max;
    }
}
