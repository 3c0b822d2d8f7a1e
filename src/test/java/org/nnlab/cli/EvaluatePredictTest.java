package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.images.PngHeaders;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.testing.Requirements;

/** nnlab evaluate and nnlab predict on models whose answers are known in advance. */
class EvaluatePredictTest {
    @TempDir
    Path dir;

    /** A 784-10 softmax model (no hidden layer) with the given weights and biases. */
    private Path model(Matrix w1, double[] b1) {
        NetworkSpec spec = new NetworkSpec(784, 0, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.XAVIER, 0);
        Network network = Network.create(spec, Precision.FLOAT32, new Random(1));
        network.parameter("W1").value().copyFrom(w1);
        for (int c = 0; c < 10; c++) {
            network.parameter("b1").value().set(0, c, b1[c]);
        }
        Path file = dir.resolve("model.npz");
        ModelFile.save(file, new SavedModel(network, Task.TEN_CLASSES, Preprocessing.of(InputScaling.UNIT), 28, 28, null, Map.of()));
        return file;
    }

    @Test
    void aModelThatAlwaysSaysThreeHasTheTestSetHistogramInColumnThree() {
        Requirements.mnist();
        double[] bias = new double[10];
        bias[3] = 5; // zero weights: every image gets the same scores, and class 3 wins
        Path file = model(Matrix.zeros(Precision.FLOAT32, 784, 10), bias);

        CommandLineTest.Run run = CommandLineTest.run("evaluate", file.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("accuracy: 10.10% (1010 of 10000)"), run.out());
        // Class 3: precision 1010/10000, recall 1; every other class: never predicted (NaN), recall 0.
        assertTrue(run.out().contains("      3     0.1010  1.0000  0.1835     1010"), run.out());
        assertTrue(run.out().contains("      0        NaN  0.0000  0.0000      980"), run.out());
        // The confusion matrix's rows put every image in column 3; row 1 has MNIST's 1135 ones.
        assertTrue(run.out().contains("      1      0      0      0   1135      0      0      0      0      0      0"), run.out());
    }

    /**
     * A model that says 1 for ink on column 14 and 7 for ink on row 14: after MNIST-style
     * preprocessing a vertical bar anywhere ends up on column 14 (a "1"), a horizontal one on row 14.
     */
    private Path barModel() {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, 784, 10);
        for (int i = 0; i < 28; i++) {
            w1.set(i * 28 + 14, 1, 1);
            w1.set(14 * 28 + i, 7, 1);
        }
        return model(w1, new double[10]);
    }

    /** A width×height greyscale PNG with a bar of ink from (x0, y0) to (x1, y1), inclusive. */
    private Path barImage(String name, int width, int height, int x0, int y0, int x1, int y1, boolean darkOnLight)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean ink = x >= x0 && x <= x1 && y >= y0 && y <= y1;
                image.getRaster().setSample(x, y, 0, ink != darkOnLight ? 255 : 0);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void predictCentresAnOffCentreWhiteOnBlackStrokeAndPrintsWhatTheNetworkSaw() throws IOException {
        Path image = barImage("one.png", 28, 28, 2, 3, 3, 16, false);
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), image.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("predicted: 1"), run.out());
        assertTrue(run.out().contains("ink 2×14 at (2, 3) of 28×28, scaled to 3×20"), run.out());
        assertTrue(run.out().contains("    1       1.0000 ##############################  ←"), run.out());
        // The 28×28 as text, two characters per pixel: the stroke, now 20 rows long, crosses row 14 at column 14.
        List<String> picture = run.out().lines().dropWhile(l -> !l.startsWith("the 28×28 image")).skip(1).limit(28).toList();
        assertEquals(28, picture.size(), run.out());
        assertEquals(20, picture.stream().filter(l -> l.charAt(2 + 2 * 14) != ' ').count(), run.out());
        assertEquals('@', picture.get(14).charAt(2 + 2 * 14), run.out());
    }

    @Test
    void predictInvertsAndShrinksALargerBlackOnWhiteImage() throws IOException {
        Path image = barImage("seven.png", 112, 90, 10, 70, 100, 77, true);
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), image.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("predicted: 7"), run.out());
        assertTrue(run.out().contains("dark on light, inverted"), run.out());
    }

    @Test
    void aPictureSmallerThanTwentyEightPixelsIsScaledUp() throws IOException {
        Path image = barImage("tiny.png", 10, 10, 4, 1, 5, 8, true);
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), image.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("predicted: 1"), run.out());
        assertTrue(run.out().contains("ink 2×8 at (4, 1) of 10×10, scaled to 5×20"), run.out());
    }

    @Test
    void showWritesTheTwentyEightByTwentyEightImageWhichPredictTakesAsItIs() throws IOException {
        Path image = barImage("one.png", 200, 200, 20, 30, 40, 150, true);
        Path shown = dir.resolve("shown.png");
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), image.toString(), "--show", shown.toString());
        assertEquals(0, run.status(), run.err());
        BufferedImage written = ImageIO.read(shown.toFile());
        assertEquals(28, written.getWidth());
        assertEquals(28, written.getHeight());
        CommandLineTest.Run again = CommandLineTest.run("predict", barModel().toString(), shown.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("already MNIST-style (28×28, ink 3×20, centred), used as it is"), again.out());
        assertEquals(picture(run.out()), picture(again.out()));
        assertEquals(run.out().lines().filter(l -> l.startsWith("    ")).toList(),
                again.out().lines().filter(l -> l.startsWith("    ")).toList(), "the class probabilities");
    }

    private static List<String> picture(String out) {
        return out.lines().dropWhile(l -> !l.startsWith("the 28×28 image")).skip(1).limit(28).toList();
    }

    @Test
    void aBlankPictureIsPredictedWithAWarning() throws IOException {
        Path white = barImage("white.png", 64, 64, -1, -1, -1, -1, true);
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), white.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("nnlab: warning: " + white + " is blank (every pixel is 255 (white)): the network is shown an empty"
                + " image, and its answer says nothing about a digit", run.err().strip());
    }

    @Test
    void aPictureClaimingBillionsOfPixelsIsRefusedBeforeItIsDecoded() throws IOException {
        Path huge = Files.write(dir.resolve("huge.png"), PngHeaders.claiming(100_000, 100_000));
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), huge.toString());
        assertEquals(1, run.status());
        assertEquals("nnlab: " + huge + " is 100000×100000 pixels; at most 16777216 pixels (4096×4096) are read",
                run.err().strip());
    }

    @Test
    void aFileThatIsNoImageIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("digit.png"), "not a picture");
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("digit.png is not a PNG"), run.err());
    }

    @Test
    void aDirectoryOrAMissingFileIsNamedAsSuch() {
        CommandLineTest.Run directory = CommandLineTest.run("predict", barModel().toString(), dir.toString());
        assertEquals(1, directory.status());
        assertEquals("nnlab: " + dir + " is a directory, not an image file", directory.err().strip());
        CommandLineTest.Run missing = CommandLineTest.run("predict", barModel().toString(), dir.resolve("nothing.png").toString());
        assertEquals(1, missing.status());
        assertEquals("nnlab: " + dir.resolve("nothing.png") + ": no such file", missing.err().strip());
    }

    @Test
    void aDamagedModelFileIsAOneLineFailureNamingIt() throws IOException {
        Path file = Files.write(dir.resolve("broken.npz"), new byte[] {'P', 'K', 3, 4, 0, 0});
        CommandLineTest.Run run = CommandLineTest.run("evaluate", file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("nnlab: " + file), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aMissingModelArgumentIsAUsageError() {
        CommandLineTest.Run run = CommandLineTest.run("predict");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("predict: MODEL is missing"), run.err());
    }
}
