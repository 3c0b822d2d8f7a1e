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

    /** Markers on more points than this would merge into a thick line. */
    private static final int MAX_MARKED_POINTS = 60;
    /** The legend's corner: the first of these that covers the fewest drawn points. */
    private static final List<Legend.Corner> LEGEND_CORNERS = List.of(Legend.Corner.TOP_RIGHT,
            Legend.Corner.BOTTOM_RIGHT, Legend.Corner.TOP_LEFT, Legend.Corner.BOTTOM_LEFT);
    private static final double LINE_WIDTH = 2.2;
    private static final double MARKER_RADIUS = 3.6;

    private final int width;
    private final int height;
    private final TitleBlock title;
    private final List<Series> series;
    private final Axes axes;
    private final Legend legend;

    LineChart(int width, int height, TitleBlock title, String xLabel, String yLabel, XAxis xAxis, List<Series> series) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.series = series.stream().filter(s -> !s.isEmpty()).toList();
        if (this.series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: every series is empty or NaN");
        }
        double[] yRange = yRange();
        this.axes = new Axes(width, height, title, xLabel, (from, to, length) -> xScale(xAxis, from, to, length),
                yLabel, (from, to, length) -> LinearScale.covering(yRange[0], yRange[1], false, from, to,
                        Math.max(4, (int) (length / 50))));
        this.legend = Legend.ofLines(this.series.stream().filter(s -> s.name() != null)
                .map(s -> new Legend.Entry(s.name(), s.color(), s.dashed())).toList());
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
        return axes.x().toPixel(x);
    }

    /** Where a data y value is drawn, in pixels from the top. */
    public double yPixel(double y) {
        return axes.y().toPixel(y);
    }

    /** The frame around the data. */
    public Rectangle2D plotArea() {
        return axes.plotArea();
    }

    @Override
    public void draw(Canvas canvas) {
        axes.drawGrid(canvas);
        for (Series s : series) {
            drawSeries(canvas, s);
        }
        axes.drawFrame(canvas);
        if (!legend.isEmpty()) {
            legend.draw(canvas, legend.place(axes, LEGEND_CORNERS, this::coveredPoints));
        }
        title.draw(canvas, Axes.MARGIN, Axes.MARGIN, width - 2 * Axes.MARGIN);
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

    /** The x scale of the given kind over the series' x values, drawn from {@code from} to {@code to}. */
    private Scale xScale(XAxis kind, double from, double to, double frameWidth) {
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
        if (kind == XAxis.LOG_WHEN_WIDE && min >= 0 && max / minPositive >= 10) {
            return LogScale.covering(minPositive, max, hasZero, from, to);
        }
        return LinearScale.covering(min, max, kind == XAxis.WHOLE_NUMBERS, from, to, Math.max(3, (int) (frameWidth / 100)));
    }

    private void drawSeries(Canvas canvas, Series s) {
        Pen pen = new Pen(s.color(), LINE_WIDTH, s.dashed());
        for (double[][] run : runs(s)) {
            canvas.polyline(run[0], run[1], pen);
        }
        boolean marked = s.xs().length <= MAX_MARKED_POINTS;
        for (int i = 0; i < s.xs().length; i++) {
            if (!s.hasPoint(i)) {
                continue;
            }
            double x = xPixel(s.xs()[i]);
            if (s.error(i) > 0) {
                drawErrorBar(canvas, x, s.ys()[i], s.error(i), s.color());
            }
            if (marked) {
                canvas.dot(x, yPixel(s.ys()[i]), MARKER_RADIUS, s.color());
            }
        }
    }

    /** The series in pixels, cut into runs of points that may be joined: not across a NaN, nor across an axis break. */
    private List<double[][]> runs(Series s) {
        List<double[][]> runs = new ArrayList<>();
        List<double[]> run = new ArrayList<>();
        double previousX = Double.NaN;
        for (int i = 0; i < s.xs().length; i++) {
            boolean drawable = s.hasPoint(i) && Double.isFinite(xPixel(s.xs()[i]));
            if (!drawable || (!run.isEmpty() && axes.x().breaksBetween(previousX, s.xs()[i]))) {
                addRun(runs, run);
                run = new ArrayList<>();
            }
            if (drawable) {
                run.add(new double[] {xPixel(s.xs()[i]), yPixel(s.ys()[i])});
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
        double low = yPixel(y - error);
        double high = yPixel(y + error);
        canvas.line(x, low, x, high, pen);
        canvas.line(x - 5, low, x + 5, low, pen);
        canvas.line(x - 5, high, x + 5, high, pen);
    }

    /** How many points, taken every 2 pixels along the drawn lines and error bars, fall in the box. */
    private long coveredPoints(Rectangle2D box) {
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
                    double x = xPixel(s.xs()[i]);
                    covered += coveredAlong(padded, x, yPixel(s.ys()[i] - s.error(i)),
                            x, yPixel(s.ys()[i] + s.error(i)));
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
