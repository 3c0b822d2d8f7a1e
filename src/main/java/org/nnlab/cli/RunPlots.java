package org.nnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nnlab.data.LabeledImages;
import org.nnlab.experiment.Experiment;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.formats.FileFormatException;
import org.nnlab.experiment.ExperimentOption.Section;
import org.nnlab.experiment.ExperimentOptions;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.augment.Augmentation;
import org.nnlab.plot.AugmentationGallery;
import org.nnlab.plot.ConfusionHeatMap;
import org.nnlab.plot.DigitTemplates;
import org.nnlab.plot.FigureFiles;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.plot.MisclassifiedGallery;
import org.nnlab.plot.TrainingCurves;
import org.nnlab.plot.WeightHeatMap;
import org.nnlab.plot.WeightTiles;
import org.nnlab.preprocessing.Examples;
import org.nnlab.training.History;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.evaluation.Predictions;
import org.nnlab.preprocessing.Task;

/**
 * The files that describe one training run or saved model, written into a directory by
 * {@code train --plots} and {@code plot}.
 */
final class RunPlots {
    static final String HISTORY_FILE = "history.csv";
    /** Report 001 shows the first 100 of its 512 units; more tiles would each be too small to read. */
    static final int MAX_TILES = 100;
    /** Five rows of eight: enough to see which mistakes recur, few enough to read each digit. */
    static final int MAX_MISTAKES = 40;
    private static final int IMAGE_PIXELS = 28 * 28;

    /**
     * Images a network is scored on, twice: as the network's examples (scaled, labelled for its
     * task) and as the pixels read, to draw; {@code name} says which they are, e.g. "mnist test set".
     */
    record ScoredImages(Examples examples, LabeledImages images, String name) {
    }

    private RunPlots() {
    }

    /**
     * "mnist, network 784-512-10 relu, softmax-ce; --optimizer sgd --lr 0.5 …": the line under each
     * figure's heading.
     */
    static String setup(Experiment experiment) {
        return experiment.dataset() + ", network " + experiment.network().describe() + "; "
                + ExperimentOptions.describe(experiment, Section.TRAINING);
    }

    /**
     * Everything {@code train --plots} writes: history.csv, the curves, the weight images when they
     * apply, and the confusion matrix and mistakes on the test images.
     */
    static void writeAfterTraining(Path directory, History history, Network network, Task task, ScoredImages test,
                                   String setup, PrintStream out, String alreadyDone) {
        try {
            List<Path> written = new ArrayList<>();
            written.add(writeHistory(history, directory));
            written.addAll(writeCurves(history, setup, directory));
            written.addAll(writeWeights(network, setup, directory, out));
            written.addAll(writeScoredPictures(network, task, test, setup, directory));
            out.println(summary(written, directory));
        } catch (IOException e) {
            throw new CommandFailedException("nnlab train: writing the plots to " + directory + " failed ("
                    + AtomicFiles.reason(e) + ")" + alreadyDone);
        } catch (FileFormatException e) {
            throw new CommandFailedException("nnlab train: writing the plots failed: " + e.getMessage() + alreadyDone);
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
     * The weight images that apply (.png and .svg each): w1-tiles, w2 and w1w2 for a network with
     * a hidden layer over 28×28 images; w2 alone over other inputs; w1 (W1's columns as class
     * templates) without a hidden layer. Says on {@code out} what was skipped and why.
     */
    static List<Path> writeWeights(Network network, String setup, Path directory, PrintStream out) throws IOException {
        boolean overImages = network.spec().inputs() == IMAGE_PIXELS;
        String notImages = "they draw W1's columns as 28×28 images, and this network has " + network.spec().inputs()
                + " inputs, not " + IMAGE_PIXELS;
        Matrix w1 = network.parameter("W1").value();
        if (!network.spec().hasHiddenLayer()) {
            if (!overImages) {
                out.println("nnlab: no weight images: " + notImages);
                return List.of();
            }
            out.println("nnlab: no W1 tiles, W2 or W1·W2: this network has no hidden layer (--hidden 0);"
                    + " w1 shows its W1 as class templates instead");
            return FigureFiles.writePngAndSvg(DigitTemplates.ofSingleLayer(w1, setup), directory, "w1");
        }
        Matrix w2 = network.parameter("W2").value();
        List<Path> written = new ArrayList<>();
        if (overImages) {
            written.addAll(FigureFiles.writePngAndSvg(new WeightTiles(w1, MAX_TILES, setup), directory, "w1-tiles"));
        }
        written.addAll(FigureFiles.writePngAndSvg(new WeightHeatMap(w2, setup), directory, "w2"));
        if (overImages) {
            written.addAll(FigureFiles.writePngAndSvg(new DigitTemplates(w1, w2, setup), directory, "w1w2"));
        } else {
            out.println("nnlab: no W1 tiles or W1·W2 templates: " + notImages);
        }
        return written;
    }

    /**
     * confusion.png/.svg, the confusion matrix as a heat map, and mistakes.png/.svg, the
     * misclassified images most confident first: how the network does on the scored images.
     */
    static List<Path> writeScoredPictures(Network network, Task task, ScoredImages scored, String setup, Path directory)
            throws IOException {
        Predictions predictions = Predictions.of(network, scored.examples());
        int[] labels = scored.examples().labels();
        List<String> names = classNames(task);
        String scoredSetup = setup + "; images: " + scored.name();
        int[][] counts = ConfusionHeatMap.count(labels, predictions.classes(), task.classes());
        // The pixels as read (0..255), not as scaled for the network: standardised inputs would not look like digits.
        Matrix pixels = Examples.from(scored.images(), InputScaling.RAW).inputs();
        MisclassifiedGallery mistakes = new MisclassifiedGallery(pixels, labels, predictions.classes(), predictions.confidences(),
                MAX_MISTAKES, scoredSetup, names, Predictions.describeConfidence(network.spec(), task));
        List<Path> written = new ArrayList<>();
        written.addAll(FigureFiles.writePngAndSvg(new ConfusionHeatMap(counts, names, scoredSetup), directory, "confusion"));
        written.addAll(FigureFiles.writePngAndSvg(mistakes, directory, "mistakes"));
        return written;
    }

    /** How many training images the augmentation figure distorts; it shows the first six of them. */
    private static final int AUGMENTED_IMAGES = 6;

    /**
     * augmentation.png/.svg: the first training images beside random distortions of them, and one
     * distortion's arrows up close. Drawn from the images as read (grey levels 0..255), whatever
     * the input scaling.
     */
    static List<Path> writeAugmentation(Path directory, LabeledImages training, Augmentation augmentation, long seed,
                                        String setup) throws IOException {
        int shown = Math.min(AUGMENTED_IMAGES, training.count());
        Matrix levels = Examples.from(training.subset(IntStream.range(0, shown).toArray()), InputScaling.RAW).inputs();
        return FigureFiles.writePngAndSvg(new AugmentationGallery(levels, augmentation, seed, setup), directory, "augmentation");
    }

    /** "0".."9", or "rest" and the digit for a yes/no task: short enough for a cell's label. */
    static List<String> classNames(Task task) {
        if (task.isBinary()) {
            return List.of("rest", String.valueOf(task.digit()));
        }
        return IntStream.range(0, task.classes()).mapToObj(String::valueOf).toList();
    }

    /** "wrote 3 files to DIR: a.csv, b.png, b.svg". */
    static String summary(List<Path> written, Path directory) {
        return "nnlab: wrote " + written.size() + " files to " + directory + ": "
                + String.join(", ", written.stream().map(p -> p.getFileName().toString()).toList());
    }
}
