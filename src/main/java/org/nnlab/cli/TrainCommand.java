package org.nnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nnlab.data.TrainTest;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentOption.Section;
import org.nnlab.experiment.ExperimentOptions;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.persistence.CheckpointDirectory;
import org.nnlab.persistence.ModelFile;
import org.nnlab.formats.FileFormatException;
import org.nnlab.persistence.SavedModel;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.training.DivergenceWatch;
import org.nnlab.training.History;
import org.nnlab.training.TrainingDivergedException;
import org.nnlab.training.TrainingListener;

/**
 * {@code nnlab train}: trains a two-layer network and reports its test accuracy; optionally saves
 * the model, keeps checkpoints after every epoch, or resumes from them.
 */
final class TrainCommand implements Main.Command {
    /**
     * The only flags that may accompany --resume: the run's settings come from its checkpoint, except
     * the number of epochs, which may grow (no schedule depends on the total, so a run extended this
     * way equals one that was given the larger number from the start).
     */
    private static final String OVERWRITE = "overwrite-checkpoints";
    private static final List<String> RESUME_FLAGS = List.of("resume", "checkpoint-dir", "save", "epochs", "plots");

    static Flags flags() {
        return ExperimentFlags.declare(new Flags("train"))
                .option("save", "FILE", null, "write the trained model to FILE (.npz, opened by numpy.load); only a regular"
                        + " file is replaced, a symbolic link's target file is, a directory, device or FIFO is refused")
                .option("plots", "DIR", null, "after training, write history.csv, learning curves, weight images,"
                        + " the test confusion matrix and misclassified test images (PNG and SVG) into DIR")
                .option("checkpoint-dir", "DIR", null, "after every epoch write DIR/latest.npz and DIR/best.npz")
                .toggle("resume", "continue the run checkpointed in --checkpoint-dir with its own settings"
                        + " (--epochs may raise its number of epochs)")
                .toggle(OVERWRITE, "start a new run in a --checkpoint-dir that holds another run's checkpoints,"
                        + " replacing them (without it, such a directory is refused)");
    }

    @Override
    public String summary() {
        return "train on MNIST and report test accuracy (the main job)";
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        // Every output is checked (and its directory created) before the data is read or a step is trained.
        Path save = OutputPaths.file(flags, "save");
        Path plots = OutputPaths.directory(flags, "plots");
        Path checkpointDir = OutputPaths.directory(flags, "checkpoint-dir");
        CheckpointDirectory.Resumable resumed = flags.isSet("resume") ? resumable(flags, checkpointDir) : null;
        if (resumed == null) {
            requireNoOtherRun(flags, checkpointDir);
        }
        Experiment experiment = resumed == null ? ExperimentFlags.from(flags)
                : flags.isSet("epochs") ? resumed.experiment().withEpochs(flags.positiveInt("epochs")) : resumed.experiment();
        if (resumed != null) {
            requireEpochsLeft(checkpointDir, resumed, experiment);
        }
        RunRequirements.requireTrainingMemory("train", experiment);
        TrainTest images = DatasetImages.load("train", experiment.dataset());
        PreparedData data = prepare(experiment, images);
        RunRequirements.requireFits("train", experiment, data.train().size(), data.validation().size());
        PrintStream out = System.out;
        printSetup(out, experiment, data, resumed);
        OutputPaths.createDirectory(flags, "plots", plots);
        OutputPaths.createDirectory(flags, "checkpoint-dir", checkpointDir);

        ProgressPrinter progress = new ProgressPrinter(out, System.console() != null, experiment.training().epochs());
        if (experiment.training().diagnostics()) {
            progress.withDiagnostics(experiment.network().outputLoss().isSoftmax() ? experiment.network().outputs() : 0);
        }
        // The watch stops a diverged run after the epoch's line is printed and before its checkpoint is written.
        DivergenceWatch watch = DivergenceWatch.forLabels(data.train().labels(), data.train().classes());
        TrainingListener watched = TrainingListener.both(progress,
                resumed == null ? watch : watch.resumedAfter(resumed.state().history()));
        TrainingListener listener = checkpointDir == null ? watched : TrainingListener.both(watched,
                new CheckpointDirectory(checkpointDir, experiment, data.preprocessing(),
                        images.train().rows(), images.train().cols()));
        ExperimentRunner.Outcome outcome;
        try {
            outcome = resumed == null ? ExperimentRunner.run(experiment, data, listener)
                    : ExperimentRunner.resume(experiment, data, resumed.model().network(), resumed.state(), listener);
        } catch (TrainingDivergedException | FileFormatException e) {
            throw new CommandFailedException(e.getMessage());
        }
        printResult(out, outcome, progress);
        // The model first: a picture that cannot be drawn or written must not cost the model.
        if (save != null) {
            save(save, experiment, data, images, outcome);
            out.println("saved the model to " + save);
        }
        if (plots != null) {
            RunPlots.ScoredImages test = new RunPlots.ScoredImages(data.test(), data.testImages(), experiment.dataset() + " test set");
            RunPlots.writeAfterTraining(plots, outcome.history(), outcome.network(), experiment.task(), test,
                    RunPlots.setup(experiment), out, save == null ? "" : "; the model was saved to " + save);
            if (experiment.training().augmentation().isOn()) {
                writeAugmentationPicture(plots, experiment, images, out);
            }
        }
        return 0;
    }

    private static void writeAugmentationPicture(Path plots, Experiment experiment, TrainTest images, PrintStream out) {
        try {
            List<Path> written = RunPlots.writeAugmentation(plots, images.train(), experiment.training().augmentation(),
                    experiment.training().seed(), RunPlots.setup(experiment));
            out.println(RunPlots.summary(written, plots));
        } catch (IOException e) {
            throw new CommandFailedException("nnlab train: writing the augmentation picture to " + plots + " failed: " + e);
        }
    }

    private static CheckpointDirectory.Resumable resumable(Flags flags, Path checkpointDir) {
        if (checkpointDir == null) {
            throw new UsageException("train: --resume needs --checkpoint-dir DIR (the directory of the run to continue)");
        }
        for (String name : flags.setNames()) {
            if (!RESUME_FLAGS.contains(name)) {
                throw new UsageException("train: --" + name + " cannot be combined with --resume: a resumed run keeps"
                        + " the settings stored in " + checkpointDir.resolve(CheckpointDirectory.LATEST));
            }
        }
        try {
            return CheckpointDirectory.load(checkpointDir);
        } catch (FileFormatException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** A resumed run must have epochs left to train: --epochs counts from the run's start, not from the checkpoint. */
    private static void requireEpochsLeft(Path checkpointDir, CheckpointDirectory.Resumable resumed, Experiment experiment) {
        int done = resumed.state().epochsDone();
        int requested = experiment.training().epochs();
        if (done >= requested) {
            String asked = requested == resumed.experiment().training().epochs() ? "all its " + requested + " epochs"
                    : done + " epochs, and --epochs " + requested + " asks for " + requested + " in all";
            throw new UsageException("train: --resume: the run in " + checkpointDir + " has already trained " + asked
                    + "; give --epochs " + (done + 1) + " or more (counted from the run's start) to train it further");
        }
    }

    /**
     * A checkpoint directory that holds another run is not silently overwritten: the user says
     * whether to continue it (--resume) or replace it (--overwrite-checkpoints).
     */
    private static void requireNoOtherRun(Flags flags, Path checkpointDir) {
        if (checkpointDir != null && !flags.isSet(OVERWRITE) && CheckpointDirectory.holdsRun(checkpointDir)) {
            throw new UsageException("train: --checkpoint-dir " + checkpointDir + " holds another run's checkpoints;"
                    + " add --resume to continue it, --" + OVERWRITE + " to replace it, or choose another directory");
        }
    }

    private static PreparedData prepare(Experiment experiment, TrainTest images) {
        try {
            return PreparedData.of(experiment, images);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }

    /** Three lines, the data, the network and the training, each as the options that set it up. */
    private static void printSetup(PrintStream out, Experiment e, PreparedData data, CheckpointDirectory.Resumable resumed) {
        out.printf("nnlab: data %s: %d training / %d validation / %d test images%n",
                ExperimentOptions.describe(e, Section.DATA), data.train().size(), data.validation().size(), data.test().size());
        out.printf("nnlab: network %s (%s); %s%n", ExperimentOptions.describe(e, Section.NETWORK),
                e.network().describe(), MatrixOps.kernelDescription());
        out.printf("nnlab: training %s%n", ExperimentOptions.describe(e, Section.TRAINING));
        if (e.split().validatesOnTest()) {
            out.println("nnlab: note: the test set is also the validation set here, so the test accuracy is not"
                    + " that of unseen images if anything is chosen by validation accuracy");
        }
        if (resumed != null) {
            out.printf("nnlab: resuming after epoch %d of %d%n", resumed.state().epochsDone(), e.training().epochs());
        }
    }

    private static void printResult(PrintStream out, ExperimentRunner.Outcome outcome, ProgressPrinter progress) {
        History history = outcome.history();
        out.printf("test accuracy: %.2f%% (%d of %d images; weights of epoch %d, best validation %.2f%%) in %.1f s%n",
                100 * outcome.test().accuracy(), Math.round(outcome.test().accuracy() * outcome.testSize()),
                outcome.testSize(), history.keptEpoch(), 100 * history.bestValidationAccuracy(), progress.elapsedSeconds());
    }

    static void save(Path path, Experiment experiment, PreparedData data, TrainTest images,
                             ExperimentRunner.Outcome outcome) {
        Map<String, Object> results = Map.of("epochs_trained", outcome.history().last().epoch(),
                "kept_epoch", outcome.history().keptEpoch(),
                "best_validation_accuracy", outcome.history().bestValidationAccuracy(),
                "test_accuracy", outcome.test().accuracy());
        try {
            ModelFile.save(path, new SavedModel(outcome.network(), experiment.task(), data.preprocessing(),
                    images.train().rows(), images.train().cols(), experiment, results));
        } catch (FileFormatException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }
}
