package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.data.LabeledImages;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.plot.ConfusionHeatMap;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.plot.MisclassifiedGallery;
import org.nnlab.plot.Pixels;
import org.nnlab.plot.Svg;
import org.nnlab.plot.WeightTiles;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.testing.Requirements;
import org.nnlab.training.TrainingConfig;

/**
 * nnlab plot --model on a hand-built model whose pictures are known in advance: hidden unit 2
 * looks at a square of pixels and no other unit looks at anything, and the second layer ignores
 * the hidden layer, so the bias b2 alone decides: every image is called a 3.
 */
class PlotModelTest {
    private static final int UNITS = 5;
    private static final int SQUARE_UNIT = 2;
    private static final int SQUARE_TOP = 3;
    private static final int SQUARE_LEFT = 10;
    private static final int SQUARE_SIDE = 6;
    private static final String TITLE = "T";
    /** The line under each test-set figure's heading: the title, then which images were scored. */
    private static final String SCORED_TITLE = TITLE + "; images: mnist test set";

    @TempDir
    static Path dir;
    private static LabeledImages mnistTest;
    private static Path model;
    private static Path out;
    private static CommandLineTest.Run run;

    @BeforeAll
    static void plotTheKnownModel() throws IOException {
        mnistTest = Requirements.mnist().test();
        model = save(dir.resolve("always-three.npz"), alwaysThree(), 28, 28, experiment());
        out = dir.resolve("pictures");
        run = CommandLineTest.run("plot", "--model", model.toString(), "--out", out.toString(), "--title", TITLE);
    }

    /** Unit 2's weights are 1 on a square and 0 elsewhere; every other unit's are all 0. */
    private static Matrix squareW1() {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, 784, UNITS);
        for (int row = SQUARE_TOP; row < SQUARE_TOP + SQUARE_SIDE; row++) {
            for (int col = SQUARE_LEFT; col < SQUARE_LEFT + SQUARE_SIDE; col++) {
                w1.set(row * 28 + col, SQUARE_UNIT, 1);
            }
        }
        return w1;
    }

    private static boolean inSquare(int row, int col) {
        return row >= SQUARE_TOP && row < SQUARE_TOP + SQUARE_SIDE && col >= SQUARE_LEFT && col < SQUARE_LEFT + SQUARE_SIDE;
    }

    /** W1 as above, W2 = 0, b2 = 5 for class 3 and 0 otherwise: the scores are b2 whatever the image. */
    private static Network alwaysThree() {
        Network network = Network.create(spec(784, UNITS), Precision.FLOAT32, new Random(1));
        network.parameter("W1").value().copyFrom(squareW1());
        network.parameter("W2").value().copyFrom(Matrix.zeros(Precision.FLOAT32, UNITS, 10));
        network.parameter("b2").value().set(0, 3, 5);
        return network;
    }

    private static NetworkSpec spec(int inputs, int hidden) {
        return new NetworkSpec(inputs, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
    }

    private static Experiment experiment() {
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.DEFAULT, InputScaling.UNIT, spec(784, UNITS),
                TrainingConfig.builder().epochs(3).build());
    }

    private static Path save(Path file, Network network, int rows, int cols, Experiment experiment) {
        ModelFile.save(file, new SavedModel(network, Task.TEN_CLASSES, Preprocessing.of(InputScaling.UNIT), rows, cols,
                experiment, Map.of()));
        return file;
    }

    private static BufferedImage png(String name) throws IOException {
        return ImageIO.read(out.resolve(name).toFile());
    }

    private static String svgText(Path file) throws Exception {
        return String.join(" ", Svg.texts(Files.readString(file)));
    }

    @Test
    void everyPictureOfAModelIsWritten() {
        assertEquals(0, run.status(), run.err());
        for (String name : List.of("w1-tiles", "w2", "w1w2", "confusion", "mistakes")) {
            assertTrue(Files.isRegularFile(out.resolve(name + ".png")) && Files.isRegularFile(out.resolve(name + ".svg")),
                    name + " in " + run.out());
        }
        assertTrue(run.out().contains("wrote 10 files to " + out), run.out());
    }

    @Test
    void theTileOfTheSquareUnitShowsTheSquareAndTheOtherTilesAreFlat() throws IOException {
        BufferedImage png = png("w1-tiles.png");
        WeightTiles layout = new WeightTiles(squareW1(), RunPlots.MAX_TILES, TITLE);
        for (int unit = 0; unit < UNITS; unit++) {
            Rectangle tile = layout.tileBounds(unit);
            for (int row = 0; row < 28; row++) {
                for (int col = 0; col < 28; col++) {
                    int zoom = layout.zoom();
                    Color c = Pixels.at(png, tile.x + col * zoom + zoom / 2, tile.y + row * zoom + zoom / 2);
                    // A tile is stretched from its lowest weight (black) to its highest (white); all-equal is mid-grey.
                    int expected = unit != SQUARE_UNIT ? 128 : inSquare(row, col) ? 255 : 0;
                    assertEquals(new Color(expected, expected, expected), c, "unit " + unit + ", pixel (" + row + ", " + col + ")");
                }
            }
        }
    }

    /** MNIST's test labels counted here, from the data: the model calls all of them 3, so these fill column 3. */
    private static int[] testLabelCounts() {
        int[] counts = new int[10];
        for (int i = 0; i < mnistTest.count(); i++) {
            counts[mnistTest.label(i)]++;
        }
        return counts;
    }

    @Test
    void theConfusionMatrixHasEveryImageInColumnThree() throws Exception {
        int[] perClass = testLabelCounts();
        int[][] expected = new int[10][10];
        for (int t = 0; t < 10; t++) {
            expected[t][3] = perClass[t];
        }
        String text = svgText(out.resolve("confusion.svg"));
        assertTrue(text.contains(SCORED_TITLE), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "%.2f%% correct", 100.0 * perClass[3] / mnistTest.count())), text);
        List<String> cells = Svg.texts(Files.readString(out.resolve("confusion.svg")));
        for (int t = 0; t < 10; t++) {
            assertTrue(cells.contains(String.valueOf(perClass[t])), "count " + perClass[t] + " of class " + t + " in " + cells);
        }
        assertEquals(90 + 2, cells.stream().filter("0"::equals).count(), "90 empty cells and the two axes' class 0: " + cells);

        // The colours: column 3 darkens with the count, the class with most images darkest; empty cells all the lightest.
        BufferedImage png = png("confusion.png");
        ConfusionHeatMap layout = new ConfusionHeatMap(expected, SCORED_TITLE);
        Color empty = corner(png, layout.cellBounds(0, 0));
        int most = IntStream.range(0, 10).reduce((a, b) -> perClass[a] >= perClass[b] ? a : b).orElseThrow();
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                Color cell = corner(png, layout.cellBounds(t, p));
                if (p != 3) {
                    assertEquals(empty, cell, "cell (" + t + ", " + p + ") is empty");
                } else {
                    assertTrue(Pixels.luminance(cell) < Pixels.luminance(empty) - 0.3, "cell (" + t + ", 3) is dark: " + cell);
                    assertTrue(t == most || Pixels.luminance(cell) > Pixels.luminance(corner(png, layout.cellBounds(most, 3))),
                            "class " + most + " has the most images and the darkest cell");
                }
            }
        }
        assertTrue(Pixels.luminance(empty) > 0.9, "an empty cell is near-white: " + empty);
    }

    @Test
    void theGalleryShowsTheFirstTestImagesThatAreNotThreesAsInkOnPaper() throws Exception {
        // Every image gets the same scores, so every mistake has the same confidence and they keep the test set's order.
        double confidence = Math.exp(5) / (Math.exp(5) + 9);
        int[] notThrees = IntStream.range(0, mnistTest.count()).filter(i -> mnistTest.label(i) != 3).toArray();
        String text = svgText(out.resolve("mistakes.svg"));
        assertTrue(text.contains(SCORED_TITLE), text);
        assertTrue(text.contains("true " + mnistTest.label(notThrees[0]) + ", predicted 3"), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "confidence %.1f%%", 100 * confidence)), text);
        assertTrue(text.contains("The 40 most confident of " + notThrees.length + " mistakes"), text);

        BufferedImage png = png("mistakes.png");
        MisclassifiedGallery layout = galleryLike(confidence);
        for (int k = 0; k < 3; k++) {
            Rectangle image = layout.imageBounds(k);
            int zoom = image.width / 28;
            for (int pixel = 0; pixel < 784; pixel++) {
                int ink = mnistTest.pixel(notThrees[k], pixel);
                Color shown = Pixels.at(png, image.x + (pixel % 28) * zoom + zoom / 2, image.y + (pixel / 28) * zoom + zoom / 2);
                // MNIST's pixels run 0..255 over the test set: 255 − ink exactly, as grey.
                assertEquals(new Color(255 - ink, 255 - ink, 255 - ink), shown, "mistake " + k + " (test image " + notThrees[k]
                        + "), pixel " + pixel);
            }
        }
    }

    /** A gallery laid out as the command's: the same images, verdicts, title and caption. */
    private static MisclassifiedGallery galleryLike(double confidence) {
        Matrix pixels = Matrix.zeros(Precision.FLOAT32, mnistTest.count(), 784);
        int[] labels = new int[mnistTest.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = mnistTest.label(i);
            for (int p = 0; p < 784; p++) {
                pixels.set(i, p, mnistTest.pixel(i, p));
            }
        }
        int[] threes = new int[labels.length];
        Arrays.fill(threes, 3);
        double[] confidences = new double[labels.length];
        Arrays.fill(confidences, confidence);
        return new MisclassifiedGallery(pixels, labels, threes, confidences, RunPlots.MAX_MISTAKES,
                SCORED_TITLE, RunPlots.classNames(Task.TEN_CLASSES), "Confidence: the softmax probability of the class predicted.");
    }

    @Test
    void withoutATitleTheFiguresStateTheSetupSavedInTheModel() throws Exception {
        Path pictures = dir.resolve("untitled");
        CommandLineTest.Run untitled = CommandLineTest.run("plot", "--model", model.toString(), "--out", pictures.toString());
        assertEquals(0, untitled.status(), untitled.err());
        for (String name : List.of("w1-tiles", "w2", "w1w2", "confusion", "mistakes")) {
            String text = svgText(pictures.resolve(name + ".svg"));
            assertTrue(text.contains("always-three.npz: mnist, network 784-5-10 relu, softmax-ce;"), name + ": " + text);
            assertTrue(text.contains("--epochs 3"), name + ": " + text);
        }
    }

    @Test
    void aHistoryAndAModelAreDrawnTogether() throws Exception {
        Path history = dir.resolve("history.csv");
        Files.writeString(history, HistoryCsv.HEADER + "\n1,0.1,0.38,0.89,0.25,0.92,1.9,29000\n");
        Path pictures = dir.resolve("both");
        CommandLineTest.Run both = CommandLineTest.run("plot", "--history", history.toString(), "--model", model.toString(),
                "--out", pictures.toString());
        assertEquals(0, both.status(), both.err());
        for (String name : List.of("loss.png", "accuracy.png", "w1-tiles.png", "confusion.png", "mistakes.png")) {
            assertTrue(Files.isRegularFile(pictures.resolve(name)), name + " in " + both.out());
        }
        assertTrue(both.out().contains("wrote 14 files"), both.out());
    }

    @Test
    void aModelOfOtherImagesGetsItsW2AndOneLinePerPictureSkipped() throws Exception {
        Network small = Network.create(spec(16, 3), Precision.FLOAT32, new Random(2));
        Path file = save(dir.resolve("four-by-four.npz"), small, 4, 4, null);
        Path pictures = dir.resolve("small");
        CommandLineTest.Run result = CommandLineTest.run("plot", "--model", file.toString(), "--out", pictures.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("no W1 tiles or W1·W2 templates: they draw W1's columns as 28×28 images,"
                + " and this network has 16 inputs, not 784"), result.out());
        assertTrue(result.out().contains("no confusion matrix or misclassified images: " + file
                + " expects 4×4 images, mnist has 28×28"), result.out());
        try (var files = Files.list(pictures)) {
            assertEquals(List.of("w2.png", "w2.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(svgText(pictures.resolve("w2.svg")).contains("four-by-four.npz: network 16-3-10 relu, softmax-ce"),
                "a model without a training record is described by its architecture");
    }

    @Test
    void aModelWithoutHiddenLayerShowsW1AsTemplates() throws Exception {
        NetworkSpec single = new NetworkSpec(784, 0, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.XAVIER, 0);
        Path file = save(dir.resolve("single.npz"), Network.create(single, Precision.FLOAT32, new Random(3)), 28, 28, null);
        Path pictures = dir.resolve("single");
        CommandLineTest.Run result = CommandLineTest.run("plot", "--model", file.toString(), "--out", pictures.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("no W1 tiles, W2 or W1·W2: this network has no hidden layer (--hidden 0)"), result.out());
        assertTrue(result.out().contains("wrote 6 files to " + pictures + ": w1.png, w1.svg, confusion.png, confusion.svg,"
                + " mistakes.png, mistakes.svg"), result.out());
    }

    @Test
    void aMissingModelFileIsNamedInOneLine() {
        Path missing = dir.resolve("none.npz");
        CommandLineTest.Run result = CommandLineTest.run("plot", "--model", missing.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, result.status());
        assertEquals("nnlab: " + missing + ": no such file", result.err().strip());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }

    @Test
    void aFileThatIsNoModelIsNamedInOneLine() throws IOException {
        Path broken = Files.write(dir.resolve("broken.npz"), new byte[] {'P', 'K', 3, 4, 0, 0});
        CommandLineTest.Run result = CommandLineTest.run("plot", "--model", broken.toString(), "--out", dir.resolve("y").toString());
        assertEquals(1, result.status());
        assertTrue(result.err().startsWith("nnlab: " + broken), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    @Test
    void anUnknownDatasetIsAUsageError() {
        CommandLineTest.Run result = CommandLineTest.run("plot", "--model", model.toString(), "--dataset", "cifar",
                "--out", dir.resolve("z").toString());
        assertEquals(2, result.status());
        assertTrue(result.err().contains("plot: --dataset: unknown dataset 'cifar'"), result.err());
    }

    @Test
    void aDatasetWithoutAModelIsAUsageError() {
        CommandLineTest.Run result = CommandLineTest.run("plot", "--history", "h.csv", "--dataset", "mnist", "--out", "o");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("plot: --dataset names the images to score a --model on"), result.err());
    }

    private static Color corner(BufferedImage png, Rectangle cell) {
        return Pixels.at(png, cell.x + 3, cell.y + 3);
    }
}
