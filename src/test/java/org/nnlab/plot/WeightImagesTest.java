package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/** W1 tiles, the W2 heat map and the W1·W2 templates show each weight where it belongs, in the colour it should have. */
class WeightImagesTest {
    private static final int PIXELS = 784;

    /** W1 with column 0 a ramp over the pixels, column 1 the reversed ramp, column 2 constant, column 3 one bright pixel. */
    private static Matrix knownW1() {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, PIXELS, 4);
        for (int pixel = 0; pixel < PIXELS; pixel++) {
            w1.set(pixel, 0, -0.5 + pixel * 0.001);
            w1.set(pixel, 1, 0.3 - pixel * 0.002);
            w1.set(pixel, 2, 0.25);
            w1.set(pixel, 3, pixel == 28 * 5 + 7 ? 0.9 : -0.1);
        }
        return w1;
    }

    /** The grey level of the block that shows pixel (row, column) of a tile. */
    private static int greyAt(BufferedImage png, Rectangle tile, int zoom, int row, int column) {
        Color c = Pixels.at(png, tile.x + column * zoom + zoom / 2, tile.y + row * zoom + zoom / 2);
        assertEquals(c.getRed(), c.getGreen(), "grey");
        assertEquals(c.getRed(), c.getBlue(), "grey");
        return c.getRed();
    }

    @Test
    void eachTileIsItsColumnStretchedFromBlackToWhite() {
        WeightTiles tiles = new WeightTiles(knownW1(), 100, "test");
        BufferedImage png = PngCanvas.render(tiles);
        assertEquals(tiles.width(), png.getWidth());
        assertEquals(tiles.height(), png.getHeight());
        int zoom = tiles.zoom();
        for (int pixel = 0; pixel < PIXELS; pixel++) {
            int row = pixel / 28;
            int column = pixel % 28;
            int rising = (int) Math.round(255.0 * pixel / (PIXELS - 1));
            assertEquals(rising, greyAt(png, tiles.tileBounds(0), zoom, row, column), "tile 0, pixel " + pixel);
            assertEquals(255 - rising, greyAt(png, tiles.tileBounds(1), zoom, row, column), "tile 1, pixel " + pixel);
            assertEquals(GreyLevels.FLAT, greyAt(png, tiles.tileBounds(2), zoom, row, column), "tile 2 is flat");
            assertEquals(pixel == 28 * 5 + 7 ? 255 : 0, greyAt(png, tiles.tileBounds(3), zoom, row, column), "tile 3, pixel " + pixel);
        }
    }

    @Test
    void tilesAreLaidOutRowByRowWithoutOverlap() {
        WeightTiles tiles = new WeightTiles(Matrix.zeros(Precision.FLOAT32, PIXELS, 10), 100, "");
        Rectangle first = tiles.tileBounds(0);
        Rectangle second = tiles.tileBounds(1);
        Rectangle belowFirst = tiles.tileBounds(4);
        assertEquals(28 * tiles.zoom(), first.width);
        assertEquals(first.y, second.y);
        assertTrue(second.x > first.getMaxX());
        assertEquals(first.x, belowFirst.x, "ten tiles make rows of four");
        assertTrue(belowFirst.y > first.getMaxY());
    }

    @Test
    void onlyTheFirstUnitsAreDrawnWhenCapped() throws Exception {
        WeightTiles tiles = new WeightTiles(Matrix.zeros(Precision.FLOAT32, PIXELS, 512), 100, "");
        String svg = SvgCanvas.render(tiles);
        assertEquals(100, svg.split("<image ", -1).length - 1, "one embedded image per tile shown");
        assertTrue(Svg.texts(svg).stream().anyMatch(t -> t.contains("0–99 of 512")), Svg.texts(svg).toString());
    }

    @Test
    void w1MustHoldSquareImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightTiles(Matrix.zeros(Precision.FLOAT32, 10, 3), 100, ""));
        assertTrue(e.getMessage().contains("784 = 28×28"), e.getMessage());
    }

    @Test
    void theW2HeatMapColoursPositiveRedNegativeBlueZeroWhite() {
        Matrix w2 = Matrix.zeros(Precision.FLOAT64, 6, 10);
        w2.set(0, 0, 2.0);
        w2.set(1, 0, -2.0);
        w2.set(3, 9, 1.0);
        WeightHeatMap map = new WeightHeatMap(w2, "");
        BufferedImage png = PngCanvas.render(map);
        Color strongest = centre(png, map.cellBounds(0, 0));
        Color weakest = centre(png, map.cellBounds(1, 0));
        Color zero = centre(png, map.cellBounds(2, 0));
        Color half = centre(png, map.cellBounds(3, 9));
        assertTrue(strongest.getRed() > 150 && strongest.getBlue() < 80, "the largest weight is red: " + strongest);
        assertTrue(weakest.getBlue() > 150 && weakest.getRed() < 80, "the most negative is blue: " + weakest);
        assertTrue(Pixels.luminance(zero) > 0.9, "zero is white: " + zero);
        assertTrue(half.getRed() > half.getBlue() && Pixels.luminance(half) > Pixels.luminance(strongest),
                "half the largest weight is a paler red: " + half);
    }

    @Test
    void theTemplatesAreColumnsOfW1TimesW2() {
        // Hidden unit 0 looks at pixel (3, 4), unit 1 at pixel (20, 10); class 7 is +unit 0 − unit 1.
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, PIXELS, 2);
        w1.set(28 * 3 + 4, 0, 1);
        w1.set(28 * 20 + 10, 1, 1);
        Matrix w2 = Matrix.zeros(Precision.FLOAT32, 2, 10);
        w2.set(0, 7, 0.5);
        w2.set(1, 7, -0.5);
        DigitTemplates templates = new DigitTemplates(w1, w2, "");
        BufferedImage png = PngCanvas.render(templates);
        Rectangle seven = templates.imageBounds(7);
        int zoom = seven.width / 28;
        Color positive = Pixels.at(png, seven.x + 4 * zoom + zoom / 2, seven.y + 3 * zoom + zoom / 2);
        Color negative = Pixels.at(png, seven.x + 10 * zoom + zoom / 2, seven.y + 20 * zoom + zoom / 2);
        Color elsewhere = Pixels.at(png, seven.x + 14 * zoom, seven.y + 14 * zoom);
        assertTrue(positive.getRed() > 150 && positive.getBlue() < 80, "raises class 7: red, got " + positive);
        assertTrue(negative.getBlue() > 150 && negative.getRed() < 80, "lowers class 7: blue, got " + negative);
        assertTrue(Pixels.luminance(elsewhere) > 0.9, "no effect: white, got " + elsewhere);
        Rectangle zeroClass = templates.imageBounds(0);
        assertTrue(Pixels.luminance(Pixels.at(png, zeroClass.x + 4 * zoom + 2, zeroClass.y + 3 * zoom + 2)) > 0.9,
                "class 0 has no weights at all: white");
    }

    @Test
    void withoutAHiddenLayerTheTemplatesAreTheColumnsOfW1() throws Exception {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, PIXELS, 10);
        w1.set(28 * 3 + 4, 7, 0.5);
        w1.set(28 * 20 + 10, 7, -0.5);
        DigitTemplates templates = DigitTemplates.ofSingleLayer(w1, "");
        BufferedImage png = PngCanvas.render(templates);
        Rectangle seven = templates.imageBounds(7);
        int zoom = seven.width / 28;
        Color positive = Pixels.at(png, seven.x + 4 * zoom + zoom / 2, seven.y + 3 * zoom + zoom / 2);
        Color negative = Pixels.at(png, seven.x + 10 * zoom + zoom / 2, seven.y + 20 * zoom + zoom / 2);
        assertTrue(positive.getRed() > 150 && positive.getBlue() < 80, "raises class 7: red, got " + positive);
        assertTrue(negative.getBlue() > 150 && negative.getRed() < 80, "lowers class 7: blue, got " + negative);
        String text = String.join(" ", Svg.texts(SvgCanvas.render(templates)));
        assertTrue(text.contains("W1: the class templates of a network without a hidden layer"), text);
        assertTrue(text.contains("Column c of W1 as a 28×28 image"), text);
    }

    @Test
    void aYesNoNetworkHasOneOutputNotAClass() throws Exception {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, PIXELS, 3);
        Matrix w2 = Matrix.zeros(Precision.FLOAT32, 3, 1);
        String heat = String.join(" ", Svg.texts(SvgCanvas.render(new WeightHeatMap(w2, ""))));
        assertTrue(heat.contains("3 hidden units × 1 yes/no output") && heat.contains("yes/no"), heat);
        assertFalse(heat.contains("digit class"), heat);
        List<String> templates = Svg.texts(SvgCanvas.render(new DigitTemplates(w1, w2, "")));
        assertTrue(templates.contains("the yes/no output") && !templates.contains("class 0"), templates.toString());
    }

    @Test
    void theWeightPicturesParseAsSvgWithTheirLabels() throws Exception {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, PIXELS, 3);
        Matrix w2 = Matrix.zeros(Precision.FLOAT32, 3, 10);
        List<String> heat = Svg.texts(SvgCanvas.render(new WeightHeatMap(w2, "setup line")));
        assertTrue(heat.containsAll(List.of("hidden unit", "output unit (digit class)", "weight", "setup line")), heat.toString());
        List<String> templates = Svg.texts(SvgCanvas.render(new DigitTemplates(w1, w2, "")));
        assertTrue(templates.containsAll(List.of("class 0", "class 9")), templates.toString());
    }

    private static Color centre(BufferedImage png, Rectangle2D cell) {
        return Pixels.at(png, (int) cell.getCenterX(), (int) cell.getCenterY());
    }
}
