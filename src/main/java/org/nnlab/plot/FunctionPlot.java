package org.nnlab.plot;

import java.util.List;

/** Curves of functions of one variable, e.g. the activations and their derivatives, on a plain x–y chart. */
public final class FunctionPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private FunctionPlot() {
    }

    /** A chart of the series under a heading, with a caption that says how to read it. */
    public static LineChart chart(String heading, String caption, String xLabel, String yLabel, List<Series> series) {
        return new LineChart(WIDTH, HEIGHT, new TitleBlock(heading, null, caption), xLabel, yLabel, LineChart.XAxis.LINEAR,
                series);
    }
}
