package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/** The confusion heat map and the gallery of mistakes. */
class ConfusionAndMistakesTest {

    @Test
    void countingTalliesTrueAgainstPredicted() {
        int[][] counts = ConfusionHeatMap.count(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 2, 0}, 3);
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}, counts);
    }

    @Test
    void cellsDarkenAsTheirCountsGrow() {
        // Every count different, so the order of the cells' lightness must be exactly the reverse of the counts'.
        int classes = 4;
        int[][] counts = new int[classes][classes];
        int[] values = {0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987};
        for (int i = 0; i < values.length; i++) {
            counts[i / classes][(i * 7) % classes] = values[i];
        }
        ConfusionHeatMap map = new ConfusionHeatMap(counts, "");
        BufferedImage png = PngCanvas.render(map);
        List<double[]> cells = new ArrayList<>();
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                Rectangle cell = map.cellBounds(t, p);
                // A corner of the cell, away from the count written in its middle.
                cells.add(new double[] {counts[t][p], Pixels.luminance(Pixels.at(png, cell.x + 3, cell.y + 3))});
            }
        }
        cells.sort(Comparator.comparingDouble(c -> c[0]));
        for (int i = 1; i < cells.size(); i++) {
            assertTrue(cells.get(i)[1] < cells.get(i - 1)[1], "count " + (int) cells.get(i)[0] + " should be darker than "
                    + (int) cells.get(i - 1)[0] + ": " + cells.get(i)[1] + " vs " + cells.get(i - 1)[1]);
        }
    }

    @Test
    void theCountsAndAxisNamesAreWritten() throws Exception {
        int[][] counts = {{966, 3}, {12, 1116}};
        List<String> texts = Svg.texts(SvgCanvas.render(new ConfusionHeatMap(counts, "test set")));
        assertTrue(texts.containsAll(List.of("966", "3", "12", "1116", "true class", "predicted class", "Confusion matrix")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("2,097 images. 99.28% correct.")), texts.toString());
    }

    @Test
    void theCountOnADarkCellIsWhite() {
        int[][] counts = {{1000, 0}, {1, 10}};
        ConfusionHeatMap map = new ConfusionHeatMap(counts, "");
        BufferedImage png = PngCanvas.render(map);
        Rectangle dark = map.cellBounds(0, 0);
        assertTrue(Pixels.count(crop(png, dark), Color.WHITE, 30) > 20, "white digits on the darkest cell");
    }

    @Test
    void aYesNoTaskNamesItsTwoClassesOnBothAxes() throws Exception {
        int[][] counts = {{9078, 30}, {66, 826}};
        List<String> texts = Svg.texts(SvgCanvas.render(new ConfusionHeatMap(counts, List.of("rest", "5"), "")));
        assertEquals(2, texts.stream().filter("rest"::equals).count(), texts.toString());
        assertEquals(2, texts.stream().filter("5"::equals).count(), texts.toString());
        assertTrue(texts.stream().noneMatch("0"::equals), "no numbered classes: " + texts);
    }

    /** Four 2×2 images; the network is wrong on images 1, 2 and 3, most confident on 3. */
    private static MisclassifiedGallery gallery(int maxShown) {
        Matrix images = Matrix.of(Precision.FLOAT32,
                new double[] {0, 0, 0, 0},
                new double[] {0, 1, 0, 0},
                new double[] {0, 0, 1, 0},
                new double[] {1, 0, 0, 0.5});
        return new MisclassifiedGallery(images, new int[] {1, 3, 5, 7}, new int[] {1, 8, 6, 2},
                new double[] {0.99, 0.6, 0.75, 0.9}, maxShown, "test set");
    }

    @Test
    void mistakesAreShownMostConfidentFirstUpToTheLimit() throws Exception {
        assertEquals(List.of(3, 2, 1), gallery(10).shownImages());
        assertEquals(List.of(3, 2), gallery(2).shownImages());
        List<String> texts = Svg.texts(SvgCanvas.render(gallery(10)));
        assertTrue(texts.containsAll(List.of("true 7, predicted 2", "confidence 90.0%", "true 3, predicted 8", "confidence 60.0%")),
                texts.toString());
        assertTrue(texts.stream().noneMatch(t -> t.startsWith("true 1,")), "a correct prediction is not shown");
    }

    @Test
    void theGalleryUsesTheClassNamesAndSaysWhatItsConfidenceIs() throws Exception {
        Matrix images = Matrix.zeros(Precision.FLOAT32, 2, 4);
        MisclassifiedGallery gallery = new MisclassifiedGallery(images, new int[] {1, 0}, new int[] {0, 0},
                new double[] {0.8, 0.9}, 10, "", List.of("rest", "5"), "Confidence: a note.");
        List<String> texts = Svg.texts(SvgCanvas.render(gallery));
        assertTrue(texts.contains("true 5, predicted rest"), texts.toString());
        assertTrue(String.join(" ", texts).contains("Confidence: a note."), texts.toString());
        assertTrue(texts.stream().noneMatch(t -> t.contains("probability the network gave")), "the default note is replaced");
    }

    @Test
    void aClassWithoutANameIsRefused() {
        Matrix images = Matrix.zeros(Precision.FLOAT32, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MisclassifiedGallery(images,
                new int[] {2}, new int[] {0}, new double[] {0.5}, 10, "", List.of("rest", "5"), ""));
        assertTrue(e.getMessage().contains("class 2 has no name; 2 class names given"), e.getMessage());
    }

    @Test
    void digitsAreDarkInkOnWhitePaper() {
        MisclassifiedGallery gallery = gallery(10);
        BufferedImage png = PngCanvas.render(gallery);
        Rectangle first = gallery.imageBounds(0);
        int block = first.width / 2;
        // Image 3 is {1, 0, 0, 0.5}: the largest value black, zero white, half grey.
        assertEquals(Color.BLACK, Pixels.at(png, first.x + block / 2, first.y + block / 2));
        assertEquals(Color.WHITE, Pixels.at(png, first.x + block + block / 2, first.y + block / 2));
        assertEquals(128, Pixels.at(png, first.x + block + block / 2, first.y + block + block / 2).getRed(), 1);
    }

    @Test
    void confidencesMustBeProbabilities() {
        Matrix images = Matrix.zeros(Precision.FLOAT32, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MisclassifiedGallery(images, new int[] {1}, new int[] {2}, new double[] {11.9}, 10, ""));
        assertTrue(e.getMessage().contains("not raw scores"), e.getMessage());
    }

    private static BufferedImage crop(BufferedImage png, Rectangle r) {
        return png.getSubimage(r.x, r.y, r.width, r.height);
    }
}
