package org.nnlab.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * An x–y chart of one or more {@link Series}: a frame with round-numbered ticks and grid lines,
 * labelled axes, lines with a marker at each point, optional error bars, a legend in the corner
 * the data leave most free, and a {@link TitleBlock} above.
 */
public final class LineChart implements Figure {

    /** How the x axis maps values. */
    public enum XAxis {
        LINEAR,
        /** Linear with ticks on whole numbers only, e.g. epochs. */
        WHOLE_NUMBERS,
        /** Logarithmic when the positive values span a factor 10 (a decade) or more, else linear. */
        LOG_WHEN_WIDE
    }

    private static final Color GRID = new Color(0xE4E4E4);
    private static final Color FRAME = new Color(0x555555);
    private static final double MARGIN = 18;
    private static final double TICK_LENGTH = 5;
    private static final double TICK_SIZE = 13;
    private static final double AXIS_LABEL_SIZE = 15;
    private static final double LEGEND_SIZE = 13;
    private static final double LEGEND_SAMPLE = 34;
    /** Space between the frame and the outermost data, so that markers at the ends are not cut by the frame. */
    private static final double INSET = 14;
    /** Markers on more points than this would merge into a thick line. */
    private static final int MAX_MARKED_POINTS = 60;

    private final int width;
    private final int height;
    private final TitleBlock title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final double left;
    private final double top;
    private final double right;
    private final double bottom;
    private final LinearScale yScale;
    private final Scale xScale;

    LineChart(int width, int height, TitleBlock title, String xLabel, String yLabel, XAxis xAxis, List<Series> series) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = series.stream().filter(s -> !s.isEmpty()).toList();
        if (this.series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: every series is empty or NaN");
        }
        top = MARGIN + title.height(width - 2 * MARGIN) + 12;
        bottom = height - MARGIN - TextMetrics.height(AXIS_LABEL_SIZE) - 8 - TextMetrics.height(TICK_SIZE) - 4 - TICK_LENGTH;
        double[] yRange = yRange();
        yScale = LinearScale.covering(yRange[0], yRange[1], false, bottom - INSET, top + INSET,
                Math.max(4, (int) ((bottom - top) / 50)));
        double widestYLabel = yScale.ticks().stream()
                .mapToDouble(t -> TextMetrics.width(t.label(), TICK_SIZE, false)).max().orElse(0);
        left = MARGIN + TextMetrics.height(AXIS_LABEL_SIZE) + 10 + widestYLabel + 4 + TICK_LENGTH;
        right = width - MARGIN - 14;
        xScale = xScale(xAxis);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Where a data x value is drawn, in pixels from the left; for tests that look for the lines. */
    public double xPixel(double x) {
        return xScale.toPixel(x);
    }

    /** Where a data y value is drawn, in pixels from the top. */
    public double yPixel(double y) {
        return yScale.toPixel(y);
    }

    /** The frame around the data. */
    public Rectangle2D plotArea() {
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    @Override
    public void draw(Canvas canvas) {
        drawGrid(canvas);
        for (Series s : series) {
            drawSeries(canvas, s);
        }
        canvas.rect(left, top, right - left, bottom - top, Pen.solid(FRAME, 1));
        drawTicks(canvas);
        drawAxisBreak(canvas);
        drawAxisLabels(canvas);
        drawLegend(canvas);
        title.draw(canvas, MARGIN, MARGIN, width - 2 * MARGIN);
    }

    private double[] yRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.ys().length; i++) {
                if (s.hasPoint(i)) {
                    min = Math.min(min, s.ys()[i] - s.error(i));
                    max = Math.max(max, s.ys()[i] + s.error(i));
                }
            }
        }
        return new double[] {min, max};
    }

    private Scale xScale(XAxis kind) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        boolean hasZero = false;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                double x = s.xs()[i];
                if (s.hasPoint(i)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    hasZero |= x == 0;
                    if (x > 0) {
                        minPositive = Math.min(minPositive, x);
                    }
                }
            }
        }
        int targetTicks = Math.max(3, (int) ((right - left) / 100));
        if (kind == XAxis.LOG_WHEN_WIDE && min >= 0 && max / minPositive >= 10) {
            return LogScale.covering(minPositive, max, hasZero, left + INSET, right - INSET);
        }
        return LinearScale.covering(min, max, kind == XAxis.WHOLE_NUMBERS, left + INSET, right - INSET, targetTicks);
    }

    private void drawGrid(Canvas canvas) {
        Pen grid = Pen.solid(GRID, 1);
        for (Tick tick : yScale.ticks()) {
            canvas.line(left, yScale.toPixel(tick.value()), right, yScale.toPixel(tick.value()), grid);
        }
        for (Tick tick : xScale.ticks()) {
            canvas.line(xScale.toPixel(tick.value()), top, xScale.toPixel(tick.value()), bottom, grid);
        }
    }

    private void drawSeries(Canvas canvas, Series s) {
        Pen pen = new Pen(s.color(), 2.2, s.dashed());
        for (double[][] run : runs(s)) {
            canvas.polyline(run[0], run[1], pen);
        }
        boolean marked = s.xs().length <= MAX_MARKED_POINTS;
        for (int i = 0; i < s.xs().length; i++) {
            if (!s.hasPoint(i)) {
                continue;
            }
            double x = xScale.toPixel(s.xs()[i]);
            if (s.error(i) > 0) {
                drawErrorBar(canvas, x, s.ys()[i], s.error(i), s.color());
            }
            if (marked) {
                canvas.dot(x, yScale.toPixel(s.ys()[i]), 3.6, s.color());
            }
        }
    }

    /** The series in pixels, cut into runs of points that may be joined: not across a NaN, nor across an axis break. */
    private List<double[][]> runs(Series s) {
        List<double[][]> runs = new ArrayList<>();
        List<double[]> run = new ArrayList<>();
        double previousX = Double.NaN;
        for (int i = 0; i < s.xs().length; i++) {
            boolean drawable = s.hasPoint(i) && Double.isFinite(xScale.toPixel(s.xs()[i]));
            if (!drawable || (!run.isEmpty() && xScale.breaksBetween(previousX, s.xs()[i]))) {
                addRun(runs, run);
                run = new ArrayList<>();
            }
            if (drawable) {
                run.add(new double[] {xScale.toPixel(s.xs()[i]), yScale.toPixel(s.ys()[i])});
                previousX = s.xs()[i];
            }
        }
        addRun(runs, run);
        return runs;
    }

    private static void addRun(List<double[][]> runs, List<double[]> points) {
        if (points.size() < 2) {
            return;
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        runs.add(new double[][] {xs, ys});
    }

    private void drawErrorBar(Canvas canvas, double x, double y, double error, Color color) {
        Pen pen = Pen.solid(color, 1.5);
        double low = yScale.toPixel(y - error);
        double high = yScale.toPixel(y + error);
        canvas.line(x, low, x, high, pen);
        canvas.line(x - 5, low, x + 5, low, pen);
        canvas.line(x - 5, high, x + 5, high, pen);
    }

    private void drawTicks(Canvas canvas) {
        Pen pen = Pen.solid(FRAME, 1);
        for (Tick tick : xScale.ticks()) {
            double x = xScale.toPixel(tick.value());
            canvas.line(x, bottom, x, bottom + TICK_LENGTH, pen);
            canvas.text(tick.label(), x, bottom + TICK_LENGTH + 3, TextStyle.plain(TICK_SIZE, Anchor.TOP_CENTER));
        }
        for (Tick tick : yScale.ticks()) {
            double y = yScale.toPixel(tick.value());
            canvas.line(left - TICK_LENGTH, y, left, y, pen);
            canvas.text(tick.label(), left - TICK_LENGTH - 4, y, TextStyle.plain(TICK_SIZE, Anchor.CENTER_RIGHT));
        }
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

    private void drawAxisLabels(Canvas canvas) {
        double xLabelTop = bottom + TICK_LENGTH + 4 + TextMetrics.height(TICK_SIZE) + 8;
        canvas.text(xLabel, (left + right) / 2, xLabelTop, TextStyle.plain(AXIS_LABEL_SIZE, Anchor.TOP_CENTER));
        // Turned anticlockwise, the text's top faces left: anchoring its top at the margin keeps it inside.
        canvas.text(yLabel, MARGIN, (top + bottom) / 2, TextStyle.plain(AXIS_LABEL_SIZE, Anchor.TOP_CENTER).rotated(-90));
    }

    private void drawLegend(Canvas canvas) {
        List<Series> entries = series.stream().filter(s -> s.name() != null).toList();
        if (entries.isEmpty()) {
            return;
        }
        Rectangle2D box = legendBox(entries);
        canvas.fillRect(box.getX(), box.getY(), box.getWidth(), box.getHeight(), Color.WHITE);
        canvas.rect(box.getX(), box.getY(), box.getWidth(), box.getHeight(), Pen.solid(new Color(0xAAAAAA), 1));
        double rowHeight = LEGEND_SIZE * 1.7;
        for (int i = 0; i < entries.size(); i++) {
            Series s = entries.get(i);
            double y = box.getY() + 6 + (i + 0.5) * rowHeight;
            double x = box.getX() + 10;
            canvas.line(x, y, x + LEGEND_SAMPLE, y, new Pen(s.color(), 2.2, s.dashed()));
            canvas.dot(x + LEGEND_SAMPLE / 2, y, 3.6, s.color());
            canvas.text(s.name(), x + LEGEND_SAMPLE + 8, y, TextStyle.plain(LEGEND_SIZE, Anchor.CENTER_LEFT));
        }
    }

    /** The legend's box in whichever inside corner covers the fewest drawn points (top right on a tie). */
    private Rectangle2D legendBox(List<Series> entries) {
        double textWidth = entries.stream().mapToDouble(s -> TextMetrics.width(s.name(), LEGEND_SIZE, false)).max().orElse(0);
        double w = 10 + LEGEND_SAMPLE + 8 + textWidth + 12;
        double h = 12 + entries.size() * LEGEND_SIZE * 1.7;
        double gap = 8;
        List<Rectangle2D> corners = List.of(
                new Rectangle2D.Double(right - gap - w, top + gap, w, h),
                new Rectangle2D.Double(right - gap - w, bottom - gap - h, w, h),
                new Rectangle2D.Double(left + gap, top + gap, w, h),
                new Rectangle2D.Double(left + gap, bottom - gap - h, w, h));
        Rectangle2D best = corners.get(0);
        int fewest = Integer.MAX_VALUE;
        for (Rectangle2D corner : corners) {
            int covered = coveredPoints(corner);
            if (covered < fewest) {
                fewest = covered;
                best = corner;
            }
        }
        return best;
    }

    /** How many points, taken every 2 pixels along the drawn lines and error bars, fall in the box. */
    private int coveredPoints(Rectangle2D box) {
        Rectangle2D padded = new Rectangle2D.Double(box.getX() - 4, box.getY() - 4, box.getWidth() + 8, box.getHeight() + 8);
        int covered = 0;
        for (Series s : series) {
            for (double[][] run : runs(s)) {
                for (int i = 0; i + 1 < run[0].length; i++) {
                    covered += coveredAlong(padded, run[0][i], run[1][i], run[0][i + 1], run[1][i + 1]);
                }
            }
            for (int i = 0; i < s.xs().length; i++) {
                if (s.hasPoint(i)) {
                    double x = xScale.toPixel(s.xs()[i]);
                    covered += coveredAlong(padded, x, yScale.toPixel(s.ys()[i] - s.error(i)),
                            x, yScale.toPixel(s.ys()[i] + s.error(i)));
                }
            }
        }
        return covered;
    }

    private static int coveredAlong(Rectangle2D box, double x1, double y1, double x2, double y2) {
        int steps = Math.max(1, (int) (Math.hypot(x2 - x1, y2 - y1) / 2));
        int covered = 0;
        for (int k = 0; k <= steps; k++) {
            double t = (double) k / steps;
            if (box.contains(x1 + t * (x2 - x1), y1 + t * (y2 - y1))) {
                covered++;
            }
        }
        return covered;
    }
}
