package org.nnlab.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;

/**
 * The frame of a chart and its two axes: where the data area lies in a figure under its title,
 * the scales that map data to pixels, and the grid, the frame, the ticks with their labels, the
 * axis titles and a break in the x axis. Every chart with axes draws them with one of these, and
 * figures with axes of their own (the weight heat map) draw their ticks with {@link #tickBelow}
 * and {@link #tickLeft}, so that all ticks look alike.
 *
 * <p>The frame leaves room below for the tick labels and the x axis title, and on the left for the
 * widest y tick label and the turned y axis title; the scales keep {@link #INSET} pixels between
 * the frame and their end ticks, so that markers at the ends are not cut by the frame.
 */
public final class Axes {
    /** Space between the frame and the axes' end ticks. */
    public static final double INSET = 14;
    /** Space around the whole chart. */
    public static final double MARGIN = 18;
    static final Color GRID = new Color(0xE4E4E4);
    static final Color FRAME = new Color(0x555555);
    static final double TICK_LENGTH = 5;
    static final double TICK_SIZE = 13;
    static final double AXIS_LABEL_SIZE = 15;

    /** Chooses a scale once the axis' pixel range is known. */
    @FunctionalInterface
    public interface ScaleChoice {
        /**
         * The scale for an axis drawn from {@code pixelAtMin} to {@code pixelAtMax}, in a frame
         * {@code frameLength} pixels long along that axis.
         *
         * @param pixelAtMin  where the smallest value goes
         * @param pixelAtMax  where the largest value goes (above the smallest, for a y axis)
         * @param frameLength the frame's width (x axis) or height (y axis)
         * @return the scale
         */
        Scale between(double pixelAtMin, double pixelAtMax, double frameLength);
    }

    private final String xLabel;
    private final String yLabel;
    private final double left;
    private final double top;
    private final double right;
    private final double bottom;
    private final Scale xScale;
    private final Scale yScale;

    /**
     * Axes for a figure {@code width}×{@code height} with {@code title} above: the y scale is chosen
     * first, since the widest of its tick labels decides where the frame starts on the left.
     *
     * @param width  the figure's width
     * @param height the figure's height
     * @param title  the block drawn above the frame
     * @param xLabel the x axis title
     * @param x      chooses the x scale
     * @param yLabel the y axis title
     * @param y      chooses the y scale
     */
    public Axes(int width, int height, TitleBlock title, String xLabel, ScaleChoice x, String yLabel, ScaleChoice y) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        top = MARGIN + title.height(width - 2 * MARGIN) + 12;
        bottom = height - MARGIN - TextMetrics.height(AXIS_LABEL_SIZE) - 8 - TextMetrics.height(TICK_SIZE) - 4 - TICK_LENGTH;
        yScale = y.between(bottom - INSET, top + INSET, bottom - top);
        double widestYLabel = yScale.ticks().stream()
                .mapToDouble(t -> TextMetrics.width(t.label(), TICK_SIZE, false)).max().orElse(0);
        left = MARGIN + TextMetrics.height(AXIS_LABEL_SIZE) + 10 + widestYLabel + 4 + TICK_LENGTH;
        right = width - MARGIN - 14;
        xScale = x.between(left + INSET, right - INSET, right - left);
    }

    /** The x scale. */
    public Scale x() {
        return xScale;
    }

    /** The y scale. */
    public Scale y() {
        return yScale;
    }

    /** The frame around the data. */
    public Rectangle2D plotArea() {
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    /** The frame's left edge, in pixels from the figure's left. */
    public double left() {
        return left;
    }

    /** The frame's right edge. */
    public double right() {
        return right;
    }

    /** The frame's top edge, in pixels from the figure's top. */
    public double top() {
        return top;
    }

    /** The frame's bottom edge. */
    public double bottom() {
        return bottom;
    }

    /** Light lines across the data area at every tick, drawn first, under the data. */
    public void drawGrid(Canvas canvas) {
        Pen grid = Pen.solid(GRID, 1);
        for (Tick tick : yScale.ticks()) {
            canvas.line(left, yScale.toPixel(tick.value()), right, yScale.toPixel(tick.value()), grid);
        }
        for (Tick tick : xScale.ticks()) {
            canvas.line(xScale.toPixel(tick.value()), top, xScale.toPixel(tick.value()), bottom, grid);
        }
    }

    /** The frame, the ticks and their labels, a break in the x axis if it has one, and the axis titles, drawn over the data. */
    public void drawFrame(Canvas canvas) {
        Pen pen = Pen.solid(FRAME, 1);
        canvas.rect(left, top, right - left, bottom - top, pen);
        for (Tick tick : xScale.ticks()) {
            tickBelow(canvas, xScale.toPixel(tick.value()), bottom, tick.label(), pen);
        }
        for (Tick tick : yScale.ticks()) {
            tickLeft(canvas, left, yScale.toPixel(tick.value()), tick.label(), pen);
        }
        drawAxisBreak(canvas);
        titleBelow(canvas, xLabel, (left + right) / 2, bottom);
        // Turned anticlockwise, the text's top faces left: anchoring its top at the margin keeps it inside.
        canvas.text(yLabel, MARGIN, (top + bottom) / 2, TextStyle.plain(AXIS_LABEL_SIZE, Anchor.TOP_CENTER).rotated(-90));
    }

    /** A tick down from an axis at height {@code axisY}, at {@code x}, with its label under it. */
    static void tickBelow(Canvas canvas, double x, double axisY, String label, Pen pen) {
        canvas.line(x, axisY, x, axisY + TICK_LENGTH, pen);
        canvas.text(label, x, axisY + TICK_LENGTH + 3, TextStyle.plain(TICK_SIZE, Anchor.TOP_CENTER));
    }

    /** A tick left from an axis at {@code axisX}, at height {@code y}, with its label before it. */
    static void tickLeft(Canvas canvas, double axisX, double y, String label, Pen pen) {
        canvas.line(axisX - TICK_LENGTH, y, axisX, y, pen);
        canvas.text(label, axisX - TICK_LENGTH - 4, y, TextStyle.plain(TICK_SIZE, Anchor.CENTER_RIGHT));
    }

    /** An axis title centred at {@code x} under the tick labels of an axis at height {@code axisY}. */
    static void titleBelow(Canvas canvas, String title, double x, double axisY) {
        double labelTop = axisY + TICK_LENGTH + 4 + TextMetrics.height(TICK_SIZE) + 8;
        canvas.text(title, x, labelTop, TextStyle.plain(AXIS_LABEL_SIZE, Anchor.TOP_CENTER));
    }

    /** Two short slanted strokes across a gap in the x axis, the usual sign that the axis skips a stretch. */
    private void drawAxisBreak(Canvas canvas) {
        double x = xScale.breakPixel();
        if (Double.isNaN(x)) {
            return;
        }
        canvas.fillRect(x - 4, bottom - 3, 8, 6, Color.WHITE);
        Pen pen = Pen.solid(FRAME, 1.2);
        canvas.line(x - 7, bottom + 5, x - 1, bottom - 5, pen);
        canvas.line(x + 1, bottom + 5, x + 7, bottom - 5, pen);
    }
}
