package org.nnlab.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The key to a chart's colours: a white box in one inside corner of its frame, one row per entry,
 * each a sample of how the entry is drawn (a line with a marker, or a dot) and its name. The box
 * goes to whichever corner covers least of what the chart drew, which the chart measures.
 */
public final class Legend {
    private static final double TEXT_SIZE = 13;
    private static final double ROW_HEIGHT = TEXT_SIZE * 1.7;
    private static final double LINE_SAMPLE = 34;
    private static final double LINE_WIDTH = 2.2;
    private static final double MARKER_RADIUS = 3.6;
    private static final double GAP = 8;
    private static final Color BORDER = new Color(0xAAAAAA);

    /** An inside corner of the frame. */
    public enum Corner { TOP_RIGHT, BOTTOM_RIGHT, TOP_LEFT, BOTTOM_LEFT }

    /**
     * One row: a name and how its data are drawn.
     *
     * @param name   the text
     * @param color  the colour of the line or dot
     * @param dashed whether the line is dashed (lines only)
     */
    public record Entry(String name, Color color, boolean dashed) {
    }

    private final List<Entry> entries;
    private final double dotRadius;

    private Legend(List<Entry> entries, double dotRadius) {
        this.entries = List.copyOf(entries);
        this.dotRadius = dotRadius;
    }

    /** A legend whose samples are a short line with a marker in its middle, as line charts draw series. */
    public static Legend ofLines(List<Entry> entries) {
        return new Legend(entries, 0);
    }

    /** A legend whose samples are dots of the given radius, as scatter plots draw points. */
    public static Legend ofDots(List<Entry> entries, double radius) {
        return new Legend(entries, radius);
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The box in whichever corner of {@code frame} costs least, trying them in the order given and
     * keeping the first on a tie.
     *
     * @param axes   the chart's axes, whose frame the legend goes in
     * @param order  the corners to try, the preferred first
     * @param cost   how much of the chart a box would cover
     * @return the box
     */
    public Rectangle2D place(Axes axes, List<Corner> order, ToLongFunction<Rectangle2D> cost) {
        Rectangle2D best = null;
        long fewest = Long.MAX_VALUE;
        for (Corner corner : order) {
            Rectangle2D box = box(axes, corner);
            long covered = cost.applyAsLong(box);
            if (covered < fewest) {
                fewest = covered;
                best = box;
            }
        }
        return best;
    }

    /** Draws the legend in {@code box}, which {@link #place} chose. */
    public void draw(Canvas canvas, Rectangle2D box) {
        canvas.fillRect(box.getX(), box.getY(), box.getWidth(), box.getHeight(), Color.WHITE);
        canvas.rect(box.getX(), box.getY(), box.getWidth(), box.getHeight(), Pen.solid(BORDER, 1));
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            double y = box.getY() + 6 + (i + 0.5) * ROW_HEIGHT;
            double x = box.getX() + 10;
            if (dotRadius > 0) {
                canvas.dot(x + dotRadius, y, dotRadius, entry.color());
            } else {
                canvas.line(x, y, x + LINE_SAMPLE, y, new Pen(entry.color(), LINE_WIDTH, entry.dashed()));
                canvas.dot(x + LINE_SAMPLE / 2, y, MARKER_RADIUS, entry.color());
            }
            canvas.text(entry.name(), x + sampleWidth() + 8, y, TextStyle.plain(TEXT_SIZE, Anchor.CENTER_LEFT));
        }
    }

    private double sampleWidth() {
        return dotRadius > 0 ? 2 * dotRadius : LINE_SAMPLE;
    }

    private Rectangle2D box(Axes frame, Corner corner) {
        double textWidth = entries.stream().mapToDouble(e -> TextMetrics.width(e.name(), TEXT_SIZE, false)).max().orElse(0);
        double w = 10 + sampleWidth() + 8 + textWidth + 12;
        double h = 12 + entries.size() * ROW_HEIGHT;
        boolean right = corner == Corner.TOP_RIGHT || corner == Corner.BOTTOM_RIGHT;
        boolean top = corner == Corner.TOP_RIGHT || corner == Corner.TOP_LEFT;
        double x = right ? frame.right() - GAP - w : frame.left() + GAP;
        double y = top ? frame.top() + GAP : frame.bottom() - GAP - h;
        return new Rectangle2D.Double(x, y, w, h);
    }
}
