package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /** A model that reads a horizontal bar on rows 2c+4 and 2c+5 as digit c. */
    private Path barModel() {
        Matrix w1 = Matrix.zeros(Precision.FLOAT32, 784, 10);
        for (int c = 0; c < 10; c++) {
            for (int row = 2 * c + 4; row <= 2 * c + 5; row++) {
                for (int col = 0; col < 28; col++) {
                    w1.set(row * 28 + col, c, 1);
                }
            }
        }
        return model(w1, new double[10]);
    }

    /** A size×size PNG with a bar where the bar model expects digit {@code digit}, scaled by size/28. */
    private Path barImage(String name, int digit, int size, boolean darkOnLight) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        int scale = size / 28;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int row = y / scale;
                boolean bar = row == 2 * digit + 4 || row == 2 * digit + 5;
                int grey = bar != darkOnLight ? 255 : 0;
                image.getRaster().setSample(x, y, 0, grey);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void predictReadsAWhiteOnBlackDigit() throws IOException {
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), barImage("seven.png", 7, 28, false).toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("predicted: 7"), run.out());
        assertTrue(run.out().contains("a light digit on a dark background"), run.out());
        assertTrue(run.out().contains("    7       1.0000 ##############################  ←"), run.out());
    }

    @Test
    void predictInvertsAndShrinksALargerBlackOnWhiteImage() throws IOException {
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), barImage("two.png", 2, 112, true).toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("predicted: 2"), run.out());
        assertTrue(run.out().contains("(inverted)"), run.out());
    }

    @Test
    void anImageSmallerThanTheModelsInputIsRejected() throws IOException {
        BufferedImage tiny = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        Path file = dir.resolve("tiny.png");
        ImageIO.write(tiny, "png", file.toFile());
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("tiny.png is 10×10 pixels; a digit image must be at least 28×28"), run.err());
    }

    @Test
    void aFileThatIsNoImageIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("digit.png"), "not a picture");
        CommandLineTest.Run run = CommandLineTest.run("predict", barModel().toString(), file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("digit.png is not a PNG"), run.err());
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
