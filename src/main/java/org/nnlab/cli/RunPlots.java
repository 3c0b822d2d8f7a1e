package org.nnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.plot.DigitTemplates;
import org.nnlab.plot.FigureFiles;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.plot.TrainingCurves;
import org.nnlab.plot.WeightHeatMap;
import org.nnlab.plot.WeightTiles;
import org.nnlab.training.History;

/** The files that describe one training run, written into a directory by {@code train --plots} and {@code plot}. */
final class RunPlots {
    static final String HISTORY_FILE = "history.csv";
    /** Report 001 shows the first 100 of its 512 units; more tiles would each be too small to read. */
    static final int MAX_TILES = 100;
    private static final int IMAGE_PIXELS = 28 * 28;

    private RunPlots() {
    }

    /** The --plots directory, created before training so that a bad path fails at once, not after an hour. */
    static Path createDirectory(String name) {
        try {
            return Files.createDirectories(Path.of(name));
        } catch (IOException e) {
            throw new CommandFailedException("nnlab train: cannot create the --plots directory " + name + ": " + e);
        }
    }

    /** Everything {@code train --plots} writes: history.csv, the curves, and the weight images when they apply. */
    static void writeAfterTraining(Path directory, History history, Network network, String setup, PrintStream out) {
        try {
            List<Path> written = new ArrayList<>();
            written.add(writeHistory(history, directory));
            written.addAll(writeCurves(history, setup, directory));
            written.addAll(writeWeights(network, setup, directory, out));
            out.println(summary(written, directory));
        } catch (IOException e) {
            throw new CommandFailedException("nnlab train: writing the plots to " + directory + " failed: " + e);
        }
    }

    /** history.csv: the history's numbers, for other tools and for {@code nnlab plot} later. */
    static Path writeHistory(History history, Path directory) throws IOException {
        return HistoryCsv.write(history, directory.resolve(HISTORY_FILE));
    }

    /** loss.png/.svg and accuracy.png/.svg. */
    static List<Path> writeCurves(History history, String setup, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        written.addAll(FigureFiles.writePngAndSvg(TrainingCurves.loss(history, setup), directory, "loss"));
        written.addAll(FigureFiles.writePngAndSvg(TrainingCurves.accuracy(history, setup), directory, "accuracy"));
        return written;
    }

    /**
     * w1-tiles, w2 and w1w2 (.png and .svg), for a network with a hidden layer over 28×28 images;
     * for any other network, says on {@code out} what was skipped and why.
     */
    static List<Path> writeWeights(Network network, String setup, Path directory, PrintStream out) throws IOException {
        if (!network.spec().hasHiddenLayer()) {
            out.println("nnlab: no weight images: they show W1 and W2, and this network has no hidden layer (--hidden 0)");
            return List.of();
        }
        if (network.spec().inputs() != IMAGE_PIXELS) {
            out.println("nnlab: no weight images: they draw W1's columns as 28×28 images, and this network has "
                    + network.spec().inputs() + " inputs, not " + IMAGE_PIXELS);
            return List.of();
        }
        Matrix w1 = network.parameter("W1").value();
        Matrix w2 = network.parameter("W2").value();
        List<Path> written = new ArrayList<>();
        written.addAll(FigureFiles.writePngAndSvg(new WeightTiles(w1, MAX_TILES, setup), directory, "w1-tiles"));
        written.addAll(FigureFiles.writePngAndSvg(new WeightHeatMap(w2, setup), directory, "w2"));
        written.addAll(FigureFiles.writePngAndSvg(new DigitTemplates(w1, w2, setup), directory, "w1w2"));
        return written;
    }

    /** "wrote 3 files to DIR: a.csv, b.png, b.svg". */
    static String summary(List<Path> written, Path directory) {
        return "nnlab: wrote " + written.size() + " files to " + directory + ": "
                + String.join(", ", written.stream().map(p -> p.getFileName().toString()).toList());
    }
}
