package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.training.EpochResult;
import org.nnlab.training.History;

/** nnlab plot, and the pictures train --plots writes, without training on MNIST. */
class PlotCommandTest {
    @TempDir
    Path dir;

    private Path savedHistory() throws Exception {
        History history = History.of(List.of(new EpochResult(1, 0.1, 0.38, 0.89, 0.25, 0.92, 1.9, 29000),
                new EpochResult(2, 0.095, 0.21, 0.94, 0.20, 0.94, 1.4, 40000)));
        return HistoryCsv.write(history, dir.resolve("history.csv"));
    }

    @Test
    void plotDrawsBothCurvesFromASavedHistory() throws Exception {
        Path out = dir.resolve("pictures");
        CommandLineTest.Run run = CommandLineTest.run("plot", "--history", savedHistory().toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        for (String name : List.of("loss.png", "loss.svg", "accuracy.png", "accuracy.svg")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name + " in " + run.out());
        }
        BufferedImage loss = ImageIO.read(out.resolve("loss.png").toFile());
        assertEquals(900, loss.getWidth());
        assertEquals(600, loss.getHeight());
        assertTrue(Files.readString(out.resolve("accuracy.svg")).contains("history from " + dir.resolve("history.csv")),
                "without --title the subtitle names the file");
        assertTrue(run.out().contains("wrote 4 files"), run.out());
    }

    @Test
    void plotWithoutInputIsAUsageError() {
        CommandLineTest.Run run = CommandLineTest.run("plot", "--out", dir.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("nothing to draw; give --history FILE, --model FILE, --search FILE"
                + " or --augment KINDS"), run.err());
    }

    @Test
    void augmentNoneOrFlippedDigitsAreUsageErrors() {
        CommandLineTest.Run none = CommandLineTest.run("plot", "--augment", "none", "--out", dir.toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--augment none draws nothing"), none.err());
        CommandLineTest.Run flip = CommandLineTest.run("plot", "--augment", "affine+flip", "--out", dir.toString());
        assertEquals(2, flip.status());
        assertTrue(flip.err().contains("flips are for clothes, never digits"), flip.err());
        assertEquals(1, flip.err().strip().lines().count(), flip.err());
    }

    @Test
    void aMalformedHistoryFailsNamingTheFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, HistoryCsv.HEADER + "\n1,0.1,oops,0.9,0.4,0.91,1.0,100\n");
        CommandLineTest.Run run = CommandLineTest.run("plot", "--history", bad.toString(), "--out", dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(bad + " line 2: train_loss must be a number, got 'oops'"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aMissingHistoryFileIsNamed() {
        CommandLineTest.Run run = CommandLineTest.run("plot", "--history", dir.resolve("none.csv").toString(), "--out", dir.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("none.csv: no such file"), run.err());
    }

    @Test
    void trainHelpListsThePlotsFlag() {
        CommandLineTest.Run run = CommandLineTest.run("train", "--help");
        assertTrue(run.out().contains("--plots DIR"), run.out());
    }

    @Test
    void weightImagesAreWrittenForAHiddenLayerOverMnistSizedInputs() throws Exception {
        List<Path> written = RunPlots.writeWeights(network(784, 5), "setup", dir, silent());
        assertEquals(List.of("w1-tiles.png", "w1-tiles.svg", "w2.png", "w2.svg", "w1w2.png", "w1w2.svg"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : written) {
            assertTrue(Files.size(file) > 0, file.toString());
        }
    }

    @Test
    void otherNetworksGetTheWeightImagesThatApplyAndAReasonForTheRest() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertEquals(List.of("w1.png", "w1.svg"), names(RunPlots.writeWeights(network(784, 0), "", dir, out)));
        assertEquals(List.of("w2.png", "w2.svg"), names(RunPlots.writeWeights(network(16, 4), "", dir, out)));
        assertEquals(List.of(), RunPlots.writeWeights(network(16, 0), "", dir, out));
        String said = text.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("no W1 tiles, W2 or W1·W2: this network has no hidden layer (--hidden 0);"
                + " w1 shows its W1 as class templates instead"), said);
        assertTrue(said.contains("no W1 tiles or W1·W2 templates: they draw W1's columns as 28×28 images,"
                + " and this network has 16 inputs, not 784"), said);
        assertTrue(said.contains("no weight images: they draw W1's columns as 28×28 images, and this network has 16 inputs"), said);
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "w1 and w2, nothing else");
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static Network network(int inputs, int hidden) {
        NetworkSpec spec = new NetworkSpec(inputs, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
        return Network.create(spec, Precision.FLOAT32, new Random(1));
    }

    private static PrintStream silent() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
