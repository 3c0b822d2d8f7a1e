package org.nnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnlab.augment.Augmentation;
import org.nnlab.data.TrainTest;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentOptions;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.persistence.SavedModel;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.plot.MalformedHistoryException;
import org.nnlab.preprocessing.Examples;
import org.nnlab.search.SearchDirectory;
import org.nnlab.search.SearchPlan;
import org.nnlab.search.SweepFigures;
import org.nnlab.search.SweepInput;
import org.nnlab.search.TableCsv;
import org.nnlab.training.History;

/**
 * {@code nnlab plot}: draws pictures from files a run left behind. Each input flag adds its own
 * pictures: {@code --history}, a CSV written by {@code nnlab train --plots}; {@code --model}, a
 * model written by {@code nnlab train --save}; {@code --search}, the table.csv of {@code nnlab
 * search}. (The roofline of chapter 7 is a benchmark figure: {@code bench/}'s RooflinePlot draws it.)
 */
final class PlotCommand implements Main.Command {
    /** The flags that each name something to draw. */
    private static final List<String> INPUTS = List.of("history", "model", "search");

    static Flags flags() {
        return ExperimentFlags.declare(new Flags("plot"), ExperimentOptions.AUGMENTATION)
                .option("history", "FILE", null, "a history CSV (from nnlab train --plots): draws its loss and accuracy curves")
                .option("model", "FILE", null, "a model (from nnlab train --save): draws its weights, and its confusion"
                        + " matrix and misclassified images on the test set")
                .option("dataset", "NAME", null, "with --model: mnist or fashion-mnist (default: the dataset the model was trained on);"
                        + " with --augment: the training images to distort (default: mnist)")
                .option("seed", "N", "1", "with --augment: seeds the distortions drawn")
                .option("search", "FILE", null, "a search's table.csv (from nnlab search): draws validation accuracy"
                        + " against each numeric option searched")
                .option("out", "DIR", null, "directory for the pictures, PNG and SVG (created if missing)")
                .option("title", "TEXT", null, "the run's setup, shown under each heading (default: the setup saved in the --model, or the --history file's name)");
    }

    @Override
    public String summary() {
        return "draw learning curves, a saved model's weights and mistakes, or a search's sweeps (PNG and SVG)";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        if (INPUTS.stream().allMatch(input -> flags.get(input) == null) && !flags.isSet("augment")) {
            throw new UsageException("plot: nothing to draw; give --history FILE, --model FILE, --search FILE"
                    + " or --augment KINDS (see nnlab plot --help)");
        }
        if (flags.get("dataset") != null && flags.get("model") == null && !flags.isSet("augment")) {
            throw new UsageException("plot: --dataset names the images to score a --model on or to distort with --augment;"
                    + " give --model FILE or --augment KINDS too");
        }
        if (flags.get("out") == null) {
            throw new UsageException("plot: --out DIR is required: the directory the pictures go to");
        }
        Path out = OutputPaths.directory(flags, "out");
        List<Path> written = new ArrayList<>();
        try {
            if (flags.get("history") != null) {
                written.addAll(drawHistory(Path.of(flags.get("history")), flags.get("title"), out));
            }
            if (flags.get("model") != null) {
                written.addAll(drawModel(flags.get("model"), flags.get("dataset"), flags.get("title"), out));
            }
            if (flags.get("search") != null) {
                written.addAll(drawSearch(Path.of(flags.get("search")), flags.get("title"), out));
            }
            if (flags.isSet("augment")) {
                written.addAll(drawAugmentation(flags, out));
            }
        } catch (IOException e) {
            throw new CommandFailedException("nnlab plot: writing to " + out + " failed (" + AtomicFiles.reason(e) + ")");
        }
        System.out.println(RunPlots.summary(written, out));
        return 0;
    }

    /** Reads one input file; its parser's messages name the file and line. */
    private interface InputReader<T> {
        T read(Path file) throws IOException;
    }

    /**
     * {@code reader} applied to the file given with {@code flag}, with the three ways that fails
     * (no file, a malformed line, another read error) turned into one line naming the flag and file.
     */
    private static <T> T readInput(String flag, Path file, InputReader<T> reader) {
        try {
            return reader.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("nnlab plot: " + flag + " " + file + ": no such file");
        } catch (MalformedHistoryException | IllegalArgumentException e) {
            throw new CommandFailedException("nnlab plot: " + flag + " " + e.getMessage());
        } catch (IOException e) {
            throw new CommandFailedException("nnlab plot: cannot read " + flag + " " + file + " (" + AtomicFiles.reason(e) + ")");
        }
    }

    private static List<Path> drawHistory(Path file, String title, Path out) throws IOException {
        History history = readInput("--history", file, HistoryCsv::read);
        if (history.epochs().isEmpty()) {
            throw new CommandFailedException("nnlab plot: --history " + file + " has a header but no epochs to draw");
        }
        Files.createDirectories(out);
        return RunPlots.writeCurves(history, title != null ? title : "history from " + file, out);
    }

    /**
     * The weight images of a saved model, and its confusion matrix and mistakes on the test images
     * of its dataset (read as {@code nnlab evaluate} reads them); what does not apply to the model
     * is skipped with a line saying why.
     */
    private static List<Path> drawModel(String modelPath, String datasetFlag, String title, Path out) throws IOException {
        SavedModel model = ModelArgument.load(modelPath);
        String setup = title != null ? title : modelSetup(modelPath, model);
        String dataset = ModelArgument.datasetName(model, datasetFlag);
        TrainTest images = DatasetImages.load("plot", dataset);
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>(RunPlots.writeWeights(model.network(), setup, out, System.out));
        String mismatch = ModelArgument.sizeMismatch(modelPath, model, dataset, images.test());
        if (mismatch != null) {
            System.out.println("nnlab: no confusion matrix or misclassified images: " + mismatch);
            return written;
        }
        Examples test = Examples.from(images.test(), model.preprocessing(), model.task());
        RunPlots.ScoredImages scored = new RunPlots.ScoredImages(test, images.test(), dataset + " test set");
        written.addAll(RunPlots.writeScoredPictures(model.network(), model.task(), scored, setup, out));
        return written;
    }

    /** "m.npz: mnist, network 784-512-10 relu, softmax-ce; SGD …" from the model's record of its training. */
    private static String modelSetup(String modelPath, SavedModel model) {
        String name = Path.of(modelPath).getFileName().toString();
        return model.experiment() != null ? name + ": " + RunPlots.setup(model.experiment())
                : name + ": network " + ModelArgument.describe(model) + " (no record of its training)";
    }

    /** augmentation.png and .svg: training images of the --dataset beside distortions of them, as --augment draws them. */
    private static List<Path> drawAugmentation(Flags flags, Path out) throws IOException {
        String dataset = flags.get("dataset") != null ? flags.get("dataset") : "mnist";
        // The augmentation options as train reads them; an experiment on the dataset refuses flipped digits.
        Experiment.Builder onDataset = Experiment.builder().dataset(dataset);
        Augmentation augmentation = ExperimentFlags.from(flags, ExperimentOptions.AUGMENTATION, onDataset)
                .training().augmentation();
        if (!augmentation.isOn()) {
            throw new UsageException("plot: --augment none draws nothing; name the kinds to draw, e.g. --augment elastic");
        }
        TrainTest images = DatasetImages.load("plot", dataset);
        Files.createDirectories(out);
        String setup = flags.get("title") != null ? flags.get("title") : dataset + " training images";
        return RunPlots.writeAugmentation(out, images.train(), augmentation, flags.longValue("seed"), setup);
    }

    /** The sweep plots of a search table; the subtitle describes the search when its plan.json lies beside the table. */
    private static List<Path> drawSearch(Path file, String title, Path out) throws IOException {
        SweepInput sweep = readInput("--search", file, TableCsv::read);
        if (SweepFigures.numericOptions(sweep).isEmpty()) {
            throw new CommandFailedException("nnlab plot: --search " + file + ": no numeric option with two or more"
                    + " values that trained, so there is no sweep to draw");
        }
        Files.createDirectories(out);
        return SweepFigures.write(sweep, title != null ? title : searchSetup(file), out);
    }

    private static String searchSetup(Path table) {
        Path directory = table.toAbsolutePath().getParent();
        try {
            return SearchDirectory.storedPlan(directory).map(SearchPlan::describe).orElse("search table " + table);
        } catch (IOException | IllegalArgumentException e) {
            return "search table " + table;
        }
    }
}
