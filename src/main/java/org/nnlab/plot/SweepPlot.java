package org.nnlab.plot;

import java.awt.Color;
import java.util.Comparator;
import java.util.List;

/**
 * Validation accuracy against one hyperparameter, as in report 000's tables of learning rate,
 * hidden size and L2 strength. The x axis is logarithmic when the values span more than a decade;
 * a value of 0 (no L2) then sits in a slot of its own before a break in the axis.
 */
public final class SweepPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    static final Color LINE = new Color(0x0072B2);

    private SweepPlot() {
    }

    /**
     * @param parameter the hyperparameter with its unit if it has one, e.g. "learning rate" or "hidden units"
     * @param points    one per value tried, in any order
     * @param setup     what was held fixed, for the line under the heading
     */
    public static LineChart of(String parameter, List<SweepPoint> points, String setup) {
        List<SweepPoint> sorted = points.stream().sorted(Comparator.comparingDouble(SweepPoint::value)).toList();
        double[] xs = sorted.stream().mapToDouble(SweepPoint::value).toArray();
        double[] ys = sorted.stream().mapToDouble(p -> 100 * p.accuracy()).toArray();
        double[] errors = sorted.stream().mapToDouble(p -> Double.isFinite(p.std()) ? 100 * p.std() : 0).toArray();
        boolean hasErrors = sorted.stream().anyMatch(p -> Double.isFinite(p.std()) && p.std() > 0);
        String name = hasErrors ? "mean over seeds, bars ± 1 standard deviation" : null;
        return new LineChart(WIDTH, HEIGHT, new TitleBlock("Validation accuracy against " + parameter, setup, null),
                parameter, "validation accuracy (%)", LineChart.XAxis.LOG_WHEN_WIDE,
                List.of(new Series(name, xs, ys, hasErrors ? errors : null, LINE, false)));
    }
}
