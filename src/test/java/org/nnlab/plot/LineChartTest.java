package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.training.EpochResult;
import org.nnlab.training.History;

/** Learning curves and sweep plots: the lines are where the data put them, and nowhere else. */
class LineChartTest {
    private static final double[] TRAIN_LOSS = {1.0, 0.5, 0.3, 0.2, 0.1};
    private static final double[] VALIDATION_LOSS = {0.9, 0.7, 0.6, 0.55, 0.5};
    private static final String SETUP = "784-64-10 relu, softmax-ce; lr 0.1, batch 64, 5 epochs";
    /** Antialiased line cores stay within this of the pure colour; gridlines and text are far further away. */
    private static final int TOLERANCE = 40;

    private static History history(boolean withValidation) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 0; i < TRAIN_LOSS.length; i++) {
            double validation = withValidation ? VALIDATION_LOSS[i] : Double.NaN;
            epochs.add(new EpochResult(i + 1, 0.1, TRAIN_LOSS[i], 0.5 + 0.1 * i, validation, withValidation ? 0.55 + 0.1 * i : Double.NaN,
                    1, 1000));
        }
        return History.of(epochs);
    }

    @Test
    void theLossCurveIsDrawnThroughEveryEpochsValue() {
        LineChart chart = TrainingCurves.loss(history(true), SETUP);
        BufferedImage png = PngCanvas.render(chart);
        assertEquals(TrainingCurves.WIDTH, png.getWidth());
        assertEquals(TrainingCurves.HEIGHT, png.getHeight());
        for (int i = 0; i < TRAIN_LOSS.length; i++) {
            double x = chart.xPixel(i + 1);
            assertTrue(Pixels.colorNear(png, x, chart.yPixel(TRAIN_LOSS[i]), 1, TrainingCurves.TRAIN, TOLERANCE),
                    "training marker at epoch " + (i + 1));
            assertTrue(Pixels.colorNear(png, x, chart.yPixel(VALIDATION_LOSS[i]), 1, TrainingCurves.VALIDATION, TOLERANCE),
                    "validation marker at epoch " + (i + 1));
        }
        // The solid training line runs straight between its points: halfway, it is halfway.
        for (int i = 0; i + 1 < TRAIN_LOSS.length; i++) {
            double x = (chart.xPixel(i + 1) + chart.xPixel(i + 2)) / 2;
            double y = (chart.yPixel(TRAIN_LOSS[i]) + chart.yPixel(TRAIN_LOSS[i + 1])) / 2;
            assertTrue(Pixels.colorNear(png, x, y, 1, TrainingCurves.TRAIN, TOLERANCE), "training line between epochs " + (i + 1) + " and " + (i + 2));
        }
    }

    @Test
    void theLinesAreAbsentWhereTheDataAreNot() {
        LineChart chart = TrainingCurves.loss(history(true), SETUP);
        BufferedImage png = PngCanvas.render(chart);
        // At epoch 4 the curves are at 0.2 and 0.55; at 0.4, between them, there is neither.
        double x = chart.xPixel(4);
        assertFalse(Pixels.colorNear(png, x, chart.yPixel(0.4), 4, TrainingCurves.TRAIN, TOLERANCE));
        assertFalse(Pixels.colorNear(png, x, chart.yPixel(0.4), 4, TrainingCurves.VALIDATION, TOLERANCE));
        // Nor outside the frame (the legend aside, which sits inside it).
        Rectangle2D frame = chart.plotArea();
        for (int y = 0; y < (int) frame.getY() - 1; y++) {
            for (int px = 0; px < png.getWidth(); px += 3) {
                assertTrue(Pixels.distance(Pixels.at(png, px, y), TrainingCurves.TRAIN) > TOLERANCE, "above the frame at " + px + ", " + y);
            }
        }
    }

    @Test
    void accuracyIsPlottedInPercent() {
        LineChart chart = TrainingCurves.accuracy(history(true), SETUP);
        BufferedImage png = PngCanvas.render(chart);
        assertTrue(Pixels.colorNear(png, chart.xPixel(3), chart.yPixel(70), 1, TrainingCurves.TRAIN, TOLERANCE));
        assertTrue(Pixels.colorNear(png, chart.xPixel(3), chart.yPixel(75), 1, TrainingCurves.VALIDATION, TOLERANCE));
    }

    @Test
    void withoutValidationOnlyTheTrainingCurveIsDrawn() {
        BufferedImage png = PngCanvas.render(TrainingCurves.loss(history(false), SETUP));
        assertEquals(0, Pixels.count(png, TrainingCurves.VALIDATION, TOLERANCE), "no validation colour, not even in the legend");
        assertTrue(Pixels.count(png, TrainingCurves.TRAIN, TOLERANCE) > 500);
    }

    @Test
    void theSvgCarriesTitleSetupAxisLabelsAndLegend() throws Exception {
        List<String> texts = Svg.texts(SvgCanvas.render(TrainingCurves.loss(history(true), SETUP)));
        assertTrue(texts.contains("Loss per epoch"), texts.toString());
        assertTrue(texts.contains(SETUP), texts.toString());
        assertTrue(texts.contains("epoch"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("loss (")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("training (")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("validation (")), texts.toString());
    }

    @Test
    void aSweepOverDecadesUsesALogAxisAndDrawsErrorBars() {
        List<SweepPoint> points = List.of(new SweepPoint(0.001, 0.90, 0.02), new SweepPoint(0.01, 0.95, 0.01),
                new SweepPoint(0.1, 0.97, 0.005), new SweepPoint(1, 0.10, 0.0));
        LineChart chart = SweepPlot.of("learning rate", points, "H 100, 10 epochs");
        assertEquals(chart.xPixel(0.01) - chart.xPixel(0.001), chart.xPixel(1) - chart.xPixel(0.1), 1e-9, "equal decades");

        BufferedImage png = PngCanvas.render(chart);
        double x = chart.xPixel(0.001);
        double top = chart.yPixel(92);
        double bottom = chart.yPixel(88);
        assertTrue(Pixels.colorNear(png, x, top, 1, SweepPlot.LINE, TOLERANCE), "upper end of the error bar, mean + std");
        assertTrue(Pixels.colorNear(png, x + 4, top, 1, SweepPlot.LINE, TOLERANCE), "its cap");
        assertTrue(Pixels.colorNear(png, x, bottom, 1, SweepPlot.LINE, TOLERANCE), "lower end, mean − std");
        assertFalse(Pixels.colorNear(png, x, chart.yPixel(86), 2, SweepPlot.LINE, TOLERANCE), "nothing below the bar");
    }

    @Test
    void aSweepWithinADecadeStaysLinear() {
        List<SweepPoint> points = List.of(SweepPoint.of(2, 0.9), SweepPoint.of(4, 0.92), SweepPoint.of(8, 0.93));
        LineChart chart = SweepPlot.of("batch size", points, "");
        assertEquals(2 * (chart.xPixel(4) - chart.xPixel(2)), chart.xPixel(8) - chart.xPixel(4), 1e-9);
    }

    @Test
    void aSweepOverExactlyOneDecadeIsLogarithmic() {
        List<SweepPoint> points = List.of(SweepPoint.of(0.05, 0.9), SweepPoint.of(0.1, 0.92), SweepPoint.of(0.5, 0.93));
        LineChart chart = SweepPlot.of("learning rate", points, "");
        double decade = chart.xPixel(0.5) - chart.xPixel(0.05);
        assertEquals(Math.log10(2) * decade, chart.xPixel(0.1) - chart.xPixel(0.05), 1e-9);
    }

    @Test
    void aSweepOfSeveralLinesNamesEachInTheLegend() throws Exception {
        List<SweepPlot.Line> lines = List.of(
                new SweepPlot.Line("hidden 128", List.of(SweepPoint.of(0.05, 0.90), SweepPoint.of(0.5, 0.95))),
                new SweepPlot.Line("hidden 512", List.of(SweepPoint.of(0.05, 0.92), SweepPoint.of(0.5, 0.97))));
        LineChart chart = SweepPlot.ofLines("learning rate", lines, "");
        List<String> texts = Svg.texts(SvgCanvas.render(chart));
        assertTrue(texts.contains("hidden 128") && texts.contains("hidden 512"), texts.toString());
        BufferedImage png = PngCanvas.render(chart);
        assertTrue(Pixels.colorNear(png, chart.xPixel(0.05), chart.yPixel(90), 2, SweepPlot.LINE, TOLERANCE), "first line");
        assertFalse(Pixels.colorNear(png, chart.xPixel(0.05), chart.yPixel(92), 2, SweepPlot.LINE, TOLERANCE),
                "the second line has another colour");
    }

    @Test
    void aSweepWithZeroKeepsZeroOffTheLine() {
        List<SweepPoint> points = List.of(SweepPoint.of(0, 0.98), SweepPoint.of(1e-5, 0.98), SweepPoint.of(1e-3, 0.77),
                SweepPoint.of(1e-1, 0.1));
        LineChart chart = SweepPlot.of("L2 strength λ", points, "");
        BufferedImage png = PngCanvas.render(chart);
        assertTrue(Pixels.colorNear(png, chart.xPixel(0), chart.yPixel(98), 1, SweepPlot.LINE, TOLERANCE), "the λ = 0 point");
        double gapX = (chart.xPixel(0) + chart.xPixel(1e-5)) / 2;
        assertFalse(Pixels.colorNear(png, gapX, chart.yPixel(98), 3, SweepPlot.LINE, TOLERANCE), "no line across the axis break");
    }
}
