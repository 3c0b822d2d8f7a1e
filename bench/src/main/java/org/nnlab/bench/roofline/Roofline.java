package org.nnlab.bench.roofline;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nnlab.plot.Anchor;
import org.nnlab.plot.Axes;
import org.nnlab.plot.Canvas;
import org.nnlab.plot.Figure;
import org.nnlab.plot.Legend;
import org.nnlab.plot.LogScale;
import org.nnlab.plot.Pen;
import org.nnlab.plot.TextMetrics;
import org.nnlab.plot.TextStyle;
import org.nnlab.plot.Tick;
import org.nnlab.plot.TitleBlock;

/**
 * A roofline (Williams, Waterman and Patterson, 2009): each kernel as a point, its arithmetic
 * intensity (operations per byte it must move) across, the rate it reached up, both axes
 * logarithmic. Above every intensity I lie two limits: a flat roof, the machine's peak rate, and a
 * slanted one, bandwidth × I, which is how fast the operands can arrive. A kernel cannot rise
 * above the lower of the two; the intensity where they cross, peak / bandwidth, is the knee.
 *
 * <p>Each slanted roof runs from the left edge to its knee with the highest flat roof; each flat
 * roof from its knee with the highest slanted roof to the right edge. Roofs are labelled where
 * they are drawn; points carry their label beside them and their series' colour, named in a legend.
 */
public final class Roofline implements Figure {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 720;
    static final Color ROOF = new Color(0x333333);
    /** Series colours in order of first appearance (Okabe and Ito's palette, told apart by most colour-blind readers). */
    static final Color[] SERIES = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9)};
    private static final double ROOF_LABEL_SIZE = 13;
    private static final double POINT_LABEL_SIZE = 12;
    static final double DOT_RADIUS = 4.5;
    /** The legend's corner: the first of these that covers the fewest roofs, dots and labels (above the slanted roofs on a tie). */
    private static final List<Legend.Corner> LEGEND_CORNERS = List.of(Legend.Corner.TOP_LEFT,
            Legend.Corner.BOTTOM_RIGHT, Legend.Corner.BOTTOM_LEFT, Legend.Corner.TOP_RIGHT);
    private static final Color LEADER = new Color(0x999999);
    /** Right, left, above and below the dot: a label anywhere else gets a leader line. */
    private static final int ADJACENT_PLACES = 4;

    private final RooflineData data;
    private final TitleBlock title;
    private final Map<String, Color> seriesColors = new LinkedHashMap<>();
    private final Axes axes;
    private final double left;
    private final double top;
    private final double right;
    private final double bottom;

    /** @param setup the line under the heading: which machine and JDK the numbers come from */
    public Roofline(RooflineData data, String setup) {
        this.data = data;
        this.title = new TitleBlock("Roofline: GFLOP/s against arithmetic intensity", setup,
                "Flat roofs: peak arithmetic rate. Slanted roofs: bandwidth × intensity. "
                        + "A kernel cannot run above the lower roof over its intensity.");
        for (RooflineData.Point point : data.points()) {
            seriesColors.putIfAbsent(point.series(), SERIES[seriesColors.size() % SERIES.length]);
        }
        double[] xs = xRange();
        double[] ys = yRange();
        axes = new Axes(WIDTH, HEIGHT, title, "arithmetic intensity (flop per byte moved)",
                (from, to, length) -> LogScale.covering(xs[0], xs[1], false, from, to),
                "GFLOP/s", (from, to, length) -> LogScale.covering(ys[0], ys[1], false, from, to));
        left = axes.left();
        top = axes.top();
        right = axes.right();
        bottom = axes.bottom();
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    /** Where an intensity (flop/byte) is drawn, in pixels from the left. */
    public double xPixel(double intensity) {
        return axes.x().toPixel(intensity);
    }

    /** Where a rate (GFLOP/s) is drawn, in pixels from the top. */
    public double yPixel(double gflops) {
        return axes.y().toPixel(gflops);
    }

    /** The frame around the data. */
    public Rectangle2D plotArea() {
        return axes.plotArea();
    }

    /** The colour of a series' points, or null for a series that is not in the data. */
    public Color seriesColor(String series) {
        return seriesColors.get(series);
    }

    @Override
    public void draw(Canvas canvas) {
        axes.drawGrid(canvas);
        List<Rectangle2D> occupied = dotBoxes();
        drawRoofs(canvas, occupied);
        drawPoints(canvas, occupied);
        axes.drawFrame(canvas);
        Legend legend = Legend.ofDots(seriesColors.entrySet().stream()
                .map(series -> new Legend.Entry(series.getKey(), series.getValue(), false)).toList(), DOT_RADIUS);
        if (!legend.isEmpty()) {
            legend.draw(canvas, legend.place(axes, LEGEND_CORNERS,
                    box -> occupied.stream().filter(box::intersects).count()));
        }
        title.draw(canvas, Axes.MARGIN, Axes.MARGIN, WIDTH - 2 * Axes.MARGIN);
    }

    // ---- axes ----

    /** From half the slowest point to well above the highest roof, which leaves room for its label. */
    private double[] yRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = data.topComputeRoof().rate() * 1.6;
        for (RooflineData.Roof roof : data.computeRoofs()) {
            min = Math.min(min, roof.rate() / 4);
        }
        for (RooflineData.Point point : data.points()) {
            min = Math.min(min, point.gflops() / 2);
            max = Math.max(max, point.gflops() * 1.6);
        }
        return new double[] {min, max};
    }

    /** Every point and every knee, with a factor 2 to spare on each side. */
    private double[] xRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double knee : knees()) {
            min = Math.min(min, knee);
            max = Math.max(max, knee);
        }
        for (RooflineData.Point point : data.points()) {
            min = Math.min(min, point.intensity());
            max = Math.max(max, point.intensity());
        }
        return new double[] {min / 2, max * 2};
    }

    private List<Double> knees() {
        List<Double> knees = new ArrayList<>();
        for (RooflineData.Roof memory : data.memoryRoofs()) {
            knees.add(RooflineData.knee(data.topComputeRoof(), memory));
        }
        for (RooflineData.Roof compute : data.computeRoofs()) {
            knees.add(RooflineData.knee(compute, topMemoryRoof()));
        }
        return knees;
    }

    private RooflineData.Roof topMemoryRoof() {
        RooflineData.Roof top = data.memoryRoofs().get(0);
        for (RooflineData.Roof roof : data.memoryRoofs()) {
            if (roof.rate() > top.rate()) {
                top = roof;
            }
        }
        return top;
    }

    // ---- roofs ----

    private void drawRoofs(Canvas canvas, List<Rectangle2D> occupied) {
        Pen pen = Pen.solid(ROOF, 2);
        RooflineData.Roof topCompute = data.topComputeRoof();
        // Far beyond the axes on purpose: the segments are cut at the frame.
        List<Tick> ticks = axes.x().ticks();
        double farLeft = 1e-6 * ticks.get(0).value();
        double farRight = 1e6 * ticks.get(ticks.size() - 1).value();
        for (RooflineData.Roof memory : data.memoryRoofs()) {
            double knee = RooflineData.knee(topCompute, memory);
            double[] segment = clip(xPixel(farLeft), yPixel(memory.rate() * farLeft), xPixel(knee), yPixel(topCompute.rate()));
            if (segment != null) {
                canvas.line(segment[0], segment[1], segment[2], segment[3], pen);
                labelMemoryRoof(canvas, memory, segment, occupied);
                occupied.addAll(alongSegment(segment));
            }
        }
        // Highest first, so that a lower roof's label can see the line above it.
        List<RooflineData.Roof> computeRoofs = new ArrayList<>(data.computeRoofs());
        computeRoofs.sort((r, s) -> Double.compare(s.rate(), r.rate()));
        for (RooflineData.Roof compute : computeRoofs) {
            double knee = RooflineData.knee(compute, topMemoryRoof());
            double[] segment = clip(xPixel(knee), yPixel(compute.rate()), xPixel(farRight), yPixel(compute.rate()));
            if (segment != null) {
                canvas.line(segment[0], segment[1], segment[2], segment[3], pen);
                labelComputeRoof(canvas, compute, segment, occupied);
                occupied.addAll(alongSegment(segment));
            }
        }
    }

    /**
     * A flat roof's label: above its left end, or, where that is taken (by the roof above, or by
     * points), left of the line's start, below its left end, or at its right end.
     */
    private void labelComputeRoof(Canvas canvas, RooflineData.Roof compute, double[] segment, List<Rectangle2D> occupied) {
        String text = compute.label() + ": " + format(compute.rate()) + " GFLOP/s";
        double y = segment[1];
        double[][] places = {{segment[0] + 8, y - 3}, {segment[0] - 16, y}, {segment[0] + 8, y + 3},
            {right - 8, y - 3}, {right - 8, y + 3}};
        Anchor[] anchors = {Anchor.BOTTOM_LEFT, Anchor.CENTER_RIGHT, Anchor.TOP_LEFT, Anchor.BOTTOM_RIGHT, Anchor.TOP_RIGHT};
        Rectangle2D frame = plotArea();
        int chosen = 0;
        for (int i = 0; i < places.length; i++) {
            Rectangle2D box = box(text, places[i][0], places[i][1], TextStyle.plain(ROOF_LABEL_SIZE, anchors[i]));
            if (frame.contains(box) && occupied.stream().noneMatch(box::intersects)) {
                chosen = i;
                break;
            }
        }
        TextStyle style = TextStyle.plain(ROOF_LABEL_SIZE, anchors[chosen]).withColor(ROOF);
        canvas.text(text, places[chosen][0], places[chosen][1], style);
        occupied.add(box(text, places[chosen][0], places[chosen][1], style));
    }

    /**
     * A slanted roof's label, along the line and just above it: at the first of a few places from
     * its lower end up that covers no dot and no other label.
     */
    private void labelMemoryRoof(Canvas canvas, RooflineData.Roof memory, double[] segment, List<Rectangle2D> occupied) {
        double dx = segment[2] - segment[0];
        double dy = segment[3] - segment[1];
        double length = Math.hypot(dx, dy);
        String text = memory.label() + ": " + format(memory.rate()) + " GB/s";
        double textLength = TextMetrics.width(text, ROOF_LABEL_SIZE, false);
        double textHeight = TextMetrics.height(ROOF_LABEL_SIZE);
        List<Rectangle2D> outline = List.of();
        double x = 0;
        double y = 0;
        for (double fraction : new double[] {0.2, 0.1, 0.3, 0.4, 0.5, 0.6, 0.05}) {
            double along = fraction * length;
            x = segment[0] + dx / length * along + dy / length * 3;
            y = segment[1] + dy / length * along - dx / length * 3;
            // The turned text's outline, approximated by boxes along its baseline.
            double[] baseline = {x, y, x + dx / length * textLength, y + dy / length * textLength};
            List<Rectangle2D> boxes = new ArrayList<>();
            for (Rectangle2D b : alongSegment(baseline)) {
                boxes.add(new Rectangle2D.Double(b.getX(), b.getY() - textHeight, b.getWidth(), b.getHeight() + textHeight));
            }
            outline = boxes;
            if (along + textLength <= length && boxes.stream().noneMatch(b -> occupied.stream().anyMatch(b::intersects))) {
                break;
            }
        }
        canvas.text(text, x, y, TextStyle.plain(ROOF_LABEL_SIZE, Anchor.BOTTOM_LEFT).withColor(ROOF)
                .rotated(Math.toDegrees(Math.atan2(dy, dx))));
        occupied.addAll(outline);
    }

    /**
     * The part of the segment (x1, y1)–(x2, y2) inside the frame, or null (Liang and Barsky's
     * clipping: the segment is x1 + t·dx for t in [0, 1], and each side of the frame cuts t).
     */
    private double[] clip(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x1 - left, right - x1, y1 - top, bottom - y1};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 >= t1) {
            return null;
        }
        return new double[] {x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy};
    }

    /** Small boxes every 6 pixels along a segment, so that labels and the legend keep off the line. */
    private static List<Rectangle2D> alongSegment(double[] s) {
        List<Rectangle2D> boxes = new ArrayList<>();
        int steps = Math.max(1, (int) (Math.hypot(s[2] - s[0], s[3] - s[1]) / 6));
        for (int k = 0; k <= steps; k++) {
            double t = (double) k / steps;
            boxes.add(new Rectangle2D.Double(s[0] + t * (s[2] - s[0]) - 2, s[1] + t * (s[3] - s[1]) - 2, 4, 4));
        }
        return boxes;
    }

    // ---- points ----

    /**
     * Dots first, then labels, each label in the first free place around its dot. A label is
     * written once, at its first point: the same kernel in another series sits straight above or
     * below it, at the same intensity.
     */
    private void drawPoints(Canvas canvas, List<Rectangle2D> occupied) {
        for (RooflineData.Point point : data.points()) {
            canvas.dot(xPixel(point.intensity()), yPixel(point.gflops()), DOT_RADIUS, seriesColors.get(point.series()));
        }
        Set<String> labelled = new HashSet<>();
        for (RooflineData.Point point : data.points()) {
            if (labelled.add(point.label())) {
                placeLabel(canvas, point.label(), xPixel(point.intensity()), yPixel(point.gflops()), occupied);
            }
        }
    }

    /** Where the dots go, so that the roofs' labels keep clear of them. */
    private List<Rectangle2D> dotBoxes() {
        List<Rectangle2D> boxes = new ArrayList<>();
        for (RooflineData.Point point : data.points()) {
            double x = xPixel(point.intensity());
            double y = yPixel(point.gflops());
            boxes.add(new Rectangle2D.Double(x - DOT_RADIUS, y - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS));
        }
        return boxes;
    }

    /** Right of the dot, left of it, above, below, then further up and down on either side. */
    private void placeLabel(Canvas canvas, String text, double x, double y, List<Rectangle2D> occupied) {
        double gap = DOT_RADIUS + 3;
        double step = TextMetrics.height(POINT_LABEL_SIZE);
        List<double[]> places = new ArrayList<>();
        List<Anchor> anchors = new ArrayList<>();
        for (int shift = 0; shift <= 6; shift++) {
            for (int sign : shift == 0 ? new int[] {1} : new int[] {-1, 1}) {
                places.add(new double[] {x + gap, y + sign * shift * step});
                anchors.add(Anchor.CENTER_LEFT);
                places.add(new double[] {x - gap, y + sign * shift * step});
                anchors.add(Anchor.CENTER_RIGHT);
            }
            if (shift == 0) {
                places.add(new double[] {x, y - gap});
                anchors.add(Anchor.BOTTOM_CENTER);
                places.add(new double[] {x, y + gap});
                anchors.add(Anchor.TOP_CENTER);
            }
        }
        Rectangle2D frame = plotArea();
        for (int i = 0; i < places.size(); i++) {
            TextStyle style = TextStyle.plain(POINT_LABEL_SIZE, anchors.get(i));
            Rectangle2D box = box(text, places.get(i)[0], places.get(i)[1], style);
            if (frame.contains(box) && occupied.stream().noneMatch(box::intersects)) {
                canvas.text(text, places.get(i)[0], places.get(i)[1], style);
                occupied.add(box);
                if (i >= ADJACENT_PLACES) {
                    drawLeader(canvas, x, y, box);
                }
                return;
            }
        }
        // Nowhere free: right of the dot all the same, rather than no label.
        TextStyle style = TextStyle.plain(POINT_LABEL_SIZE, Anchor.CENTER_LEFT);
        canvas.text(text, x + gap, y, style);
        occupied.add(box(text, x + gap, y, style));
    }

    /** A thin line from a dot to its label, for a label that had to move away from the dot. */
    private static void drawLeader(Canvas canvas, double x, double y, Rectangle2D box) {
        double toX = Math.max(box.getMinX(), Math.min(x, box.getMaxX()));
        double toY = Math.max(box.getMinY(), Math.min(y, box.getMaxY()));
        double length = Math.hypot(toX - x, toY - y);
        if (length > DOT_RADIUS + 2) {
            double fromX = x + (toX - x) / length * (DOT_RADIUS + 1);
            double fromY = y + (toY - y) / length * (DOT_RADIUS + 1);
            canvas.line(fromX, fromY, toX, toY, Pen.solid(LEADER, 1));
        }
    }

    /** The box an unrotated text occupies when anchored at (x, y). */
    private static Rectangle2D box(String text, double x, double y, TextStyle style) {
        double w = TextMetrics.width(text, style);
        double h = TextMetrics.height(style.size());
        return new Rectangle2D.Double(x - style.anchor().horizontal() * w, y - style.anchor().vertical() * h, w, h);
    }

    /** One decimal from 100 up, else three significant figures (two below 1): "166.4", "12.3", "0.52". */
    static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (value >= 1) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return String.format(Locale.ROOT, "%.2g", value);
    }
}
