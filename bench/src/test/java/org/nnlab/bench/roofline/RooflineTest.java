package org.nnlab.bench.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.plot.Axes;
import org.nnlab.plot.Pixels;
import org.nnlab.plot.PngCanvas;
import org.nnlab.plot.Svg;
import org.nnlab.plot.SvgCanvas;

/** The roofline puts points and roofs where the numbers say, on log–log axes. */
class RooflineTest {
    /** Antialiased cores of dots and lines stay within this of the pure colour. */
    private static final int TOLERANCE = 40;

    /**
     * A 100 GFLOP/s roof, a 10 GB/s roof (knee at 10 flop/byte), and two points. The axes' ends are
     * the 1-2-5 ticks just outside the data: across, knee and points span 1..100 flop/byte, widened
     * by 2 on each side to 0.5..200; up, from half the slower point (2.5) to 1.6 × the roof (160),
     * so 2..200.
     */
    private static RooflineData example() {
        return new RooflineData("test machine",
                List.of(new RooflineData.Roof("peak", 100)),
                List.of(new RooflineData.Roof("memory", 10)),
                List.of(new RooflineData.Point("kernels", "slow", 1, 5),
                        new RooflineData.Point("kernels", "fast", 100, 50)));
    }

    @Test
    void aPointLandsAtThePixelItsIntensityAndRateGiveOnLogAxes() {
        Roofline roofline = new Roofline(example(), "setup");
        Rectangle2D frame = roofline.plotArea();
        double x0 = frame.getMinX() + Axes.INSET;
        double x1 = frame.getMaxX() - Axes.INSET;
        double y0 = frame.getMaxY() - Axes.INSET;
        double y1 = frame.getMinY() + Axes.INSET;
        // Intensity 1 on an axis from 0.5 to 200; 5 GFLOP/s on an axis from 2 to 200.
        double expectedX = x0 + Math.log10(1 / 0.5) / Math.log10(200 / 0.5) * (x1 - x0);
        double expectedY = y0 + Math.log10(5 / 2.0) / Math.log10(200 / 2.0) * (y1 - y0);
        assertEquals(expectedX, roofline.xPixel(1), 1e-9);
        assertEquals(expectedY, roofline.yPixel(5), 1e-9);
        // Equal ratios are equal distances: a decade is a decade wherever it starts.
        assertEquals(roofline.xPixel(10) - roofline.xPixel(1), roofline.xPixel(100) - roofline.xPixel(10), 1e-9);

        BufferedImage png = PngCanvas.render(roofline);
        Color kernels = roofline.seriesColor("kernels");
        assertTrue(Pixels.colorNear(png, expectedX, expectedY, 1, kernels, TOLERANCE), "dot at (1, 5)");
        assertTrue(Pixels.colorNear(png, roofline.xPixel(100), roofline.yPixel(50), 1, kernels, TOLERANCE), "dot at (100, 50)");
        assertFalse(Pixels.colorNear(png, roofline.xPixel(100), roofline.yPixel(5), 6, kernels, TOLERANCE), "no dot at (100, 5)");
    }

    @Test
    void theRoofsMeetAtPeakOverBandwidthAndStopThere() {
        Roofline roofline = new Roofline(example(), "setup");
        BufferedImage png = PngCanvas.render(roofline);
        double knee = RooflineData.knee(new RooflineData.Roof("peak", 100), new RooflineData.Roof("memory", 10));
        assertEquals(10, knee, 1e-12);
        assertTrue(Pixels.colorNear(png, roofline.xPixel(knee), roofline.yPixel(100), 1, Roofline.ROOF, TOLERANCE), "the knee");
        // Left of the knee the slanted roof is bandwidth × intensity, and the flat roof is absent.
        assertTrue(Pixels.colorNear(png, roofline.xPixel(2), roofline.yPixel(20), 1, Roofline.ROOF, TOLERANCE), "10 GB/s × 2");
        assertTrue(Pixels.colorNear(png, roofline.xPixel(5), roofline.yPixel(50), 1, Roofline.ROOF, TOLERANCE), "10 GB/s × 5");
        assertFalse(Pixels.colorNear(png, roofline.xPixel(5), roofline.yPixel(100), 2, Roofline.ROOF, TOLERANCE),
                "no flat roof left of the knee");
        // Right of it the flat roof holds, and the slanted one does not go on.
        assertTrue(Pixels.colorNear(png, roofline.xPixel(50), roofline.yPixel(100), 1, Roofline.ROOF, TOLERANCE), "flat roof");
        assertFalse(Pixels.colorNear(png, roofline.xPixel(14), roofline.yPixel(140), 2, Roofline.ROOF, TOLERANCE),
                "no slanted roof right of the knee");
    }

    @Test
    void theSvgNamesEveryRoofWithItsRateAndEveryKernelOnce() throws Exception {
        List<String> texts = Svg.texts(SvgCanvas.render(new Roofline(example(), "test machine; JDK 17")));
        assertTrue(texts.contains("peak: 100.0 GFLOP/s"), texts.toString());
        assertTrue(texts.contains("memory: 10.0 GB/s"), texts.toString());
        assertTrue(texts.contains("test machine; JDK 17"), texts.toString());
        assertEquals(1, Collections.frequency(texts, "slow"), texts.toString());
        assertEquals(1, Collections.frequency(texts, "fast"), texts.toString());
        assertTrue(texts.contains("kernels"), "legend: " + texts);
    }

    @Test
    void theSameKernelInTwoSeriesIsLabelledOnceAndColouredTwice() throws Exception {
        RooflineData data = new RooflineData(null, List.of(new RooflineData.Roof("peak", 100)),
                List.of(new RooflineData.Roof("memory", 10)),
                List.of(new RooflineData.Point("vector", "matmul", 20, 80),
                        new RooflineData.Point("scalar", "matmul", 20, 3)));
        Roofline roofline = new Roofline(data, "setup");
        assertEquals(1, Collections.frequency(Svg.texts(SvgCanvas.render(roofline)), "matmul"));
        BufferedImage png = PngCanvas.render(roofline);
        assertTrue(Pixels.colorNear(png, roofline.xPixel(20), roofline.yPixel(80), 1, roofline.seriesColor("vector"), TOLERANCE));
        assertTrue(Pixels.colorNear(png, roofline.xPixel(20), roofline.yPixel(3), 1, roofline.seriesColor("scalar"), TOLERANCE));
        assertTrue(Pixels.distance(roofline.seriesColor("vector"), roofline.seriesColor("scalar")) > 100);
    }

    @Test
    void formatKeepsThreeFiguresAndOneDecimalFromAHundred() {
        assertEquals("166.4", Roofline.format(166.4));
        assertEquals("15.8", Roofline.format(15.83));
        assertEquals("2.50", Roofline.format(2.5));
        assertEquals("0.52", Roofline.format(0.5213));
    }
}
