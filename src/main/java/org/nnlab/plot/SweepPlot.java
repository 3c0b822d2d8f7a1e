package org.nnlab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validation accuracy against one hyperparameter, as in report 000's tables of learning rate,
 * hidden size and L2 strength. The x axis is logarithmic when the values span a decade or more;
 * a value of 0 (no L2) then sits in a slot of its own before a break in the axis.
 *
 * <p>A sweep over several hyperparameters at once ({@code nnlab search}) draws one line per setting
 * of the others, e.g. one per hidden size in a plot against the learning rate.
 */
public final class SweepPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    static final Color LINE = new Color(0x0072B2);
    /**
     * Okabe and Ito's palette without its yellow, which is too pale on white: told apart by readers
     * with colour-blindness too. More lines than colours repeat them dashed.
     */
    private static final Color[] PALETTE = {LINE, new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
                                            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

    /** One line of a sweep: its legend entry (null: none) and its points. */
    public record Line(String name, List<SweepPoint> points) {
    }

    private SweepPlot() {
    }

    /**
     * @param parameter the hyperparameter with its unit if it has one, e.g. "learning rate" or "hidden units"
     * @param points    one per value tried, in any order
     * @param setup     what was held fixed, for the line under the heading
     */
    public static LineChart of(String parameter, List<SweepPoint> points, String setup) {
        boolean hasErrors = points.stream().anyMatch(p -> Double.isFinite(p.std()) && p.std() > 0);
        String name = hasErrors ? "mean over seeds, bars ± 1 standard deviation" : null;
        return ofLines(parameter, List.of(new Line(name, points)), setup);
    }

    /** Several lines against the same hyperparameter, each in its own colour (and dash, beyond seven). */
    public static LineChart ofLines(String parameter, List<Line> lines, String setup) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            series.add(series(lines.get(i), PALETTE[i % PALETTE.length], i >= PALETTE.length));
        }
        return new LineChart(WIDTH, HEIGHT, new TitleBlock("Validation accuracy against " + parameter, setup, null),
                parameter, "validation accuracy (%)", LineChart.XAxis.LOG_WHEN_WIDE, series);
    }

    private static Series series(Line line, Color color, boolean dashed) {
        List<SweepPoint> sorted = line.points().stream().sorted(Comparator.comparingDouble(SweepPoint::value)).toList();
        double[] xs = sorted.stream().mapToDouble(SweepPoint::value).toArray();
        double[] ys = sorted.stream().mapToDouble(p -> 100 * p.accuracy()).toArray();
        double[] errors = sorted.stream().mapToDouble(p -> Double.isFinite(p.std()) ? 100 * p.std() : 0).toArray();
        boolean hasErrors = sorted.stream().anyMatch(p -> Double.isFinite(p.std()) && p.std() > 0);
        return new Series(line.name(), xs, ys, hasErrors ? errors : null, color, dashed);
    }
}
