package org.nnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.nnlab.data.TrainTest;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.search.ExperimentTrainer;
import org.nnlab.search.RunResult;
import org.nnlab.search.SearchDirectory;
import org.nnlab.search.SearchPlan;
import org.nnlab.search.SearchProgress;
import org.nnlab.search.SearchRunner;
import org.nnlab.search.SearchTable;
import org.nnlab.search.SweepFigures;
import org.nnlab.search.SweepInput;
import org.nnlab.search.TableFiles;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.training.TrainingListener;

/**
 * {@code nnlab search}: trains every configuration of a grid or of a random sample of the train
 * options, over several seeds, several runs at a time, and writes the table of mean and standard
 * deviation per configuration, with the best chosen by validation accuracy, and sweep plots.
 */
final class SearchCommand implements Main.Command {
    static final String BEST_MODEL = "best.npz";

    private static final String INTRO = """
            Trains every configuration of a search over the train options (nnlab train --help), each with
            every seed, and writes per configuration the mean and standard deviation over the seeds of the
            train, validation and test accuracy, as in report 003's Table III.

              grid:   an option with a list, e.g. --lr 0.05,0.1,0.5 --hidden 128,256,512: every combination
                      (9 configurations, numbered like nested loops, the first option outermost)
              random: --random N draws N configurations: a range LOW..HIGH, e.g. --lr 1e-4..1e-1 or
                      --hidden 64..1024, log-uniformly (whole-number options rounded, real ones to 3
                      significant digits), a list uniformly; reproducible from --search-seed
              seeds:  --seeds 3 runs seeds 1, 2, 3 of each configuration; --seeds 1,7,42 those seeds

            Every other train option is the same for every run (--dataset, --seed and the switches cannot be
            searched), and each run gives exactly what nnlab train gives with the same options and seed. The
            split must hold out validation images that are not the test set (all/test is refused). Runs go side by side (--jobs), each on one thread with
            single-threaded kernels; the numbers do not depend on --jobs. A line per finished run shows its
            accuracies, the runs done, the time elapsed and an estimate of the time left.

            Into --out DIR: plan.json (the search), runs.csv (one row per finished run), table.csv and
            table.txt (mean μ and population standard deviation σ, divided by n, over the seeds; the best
            configuration marked: highest mean validation accuracy, never chosen by test accuracy), all
            rewritten after every run; at the end sweep-OPTION.png/.svg (validation accuracy against each
            numeric option searched). Run the same command again, or nnlab search --resume --out DIR, to
            continue an interrupted search: finished runs are not run again. A DIR holding another search
            is refused.

            """;

    private final Function<String, TrainTest> loadImages;

    SearchCommand() {
        this(dataset -> DatasetImages.load("search", dataset));
    }

    /** A search whose images come from {@code loadImages} (dataset name → images); tests pass small ones. */
    SearchCommand(Function<String, TrainTest> loadImages) {
        this.loadImages = loadImages;
    }

    @Override
    public String summary() {
        return "grid or random search over train options, several seeds each: table and sweep plots";
    }

    @Override
    public int run(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(SearchFlags.declare().help().replaceFirst("\n\n", "\n\n" + INTRO));
            return 0;
        }
        Flags flags = SearchFlags.declare();
        flags.parse(args);
        if (flags.get("out") == null) {
            throw new UsageException("search: --out DIR is required: the directory for the plan, the runs and the tables");
        }
        Path out = Path.of(flags.get("out"));
        SearchPlan plan = flags.isSet("resume") ? SearchFlags.storedPlan(flags, out) : SearchFlags.plan(flags);
        List<Experiment> experiments = SearchFlags.experiments(plan);
        int jobs = flags.get("jobs") == null ? Runtime.getRuntime().availableProcessors() : flags.positiveInt("jobs");
        TrainTest images = loadImages.apply(experiments.get(0).dataset());
        requireSplitsFit(experiments, images);
        try (SearchDirectory directory = open(out, plan)) {
            search(flags, new ExperimentTrainer(images, experiments), images, jobs, directory);
        } catch (IOException e) {
            throw new CommandFailedException("nnlab search: cannot release the lock in " + out + ": " + e);
        }
        return 0;
    }

    /**
     * A split or subset the images cannot give (more images than the dataset has) fails here, before
     * anything is written or trained, with nnlab train's message.
     */
    private static void requireSplitsFit(List<Experiment> experiments, TrainTest images) {
        Set<List<Object>> checked = new HashSet<>();
        for (Experiment experiment : experiments) {
            if (!checked.add(List.of(experiment.split(), experiment.training().subset()))) {
                continue;
            }
            try {
                PreparedData.splitFitting(experiment, images);
            } catch (IllegalArgumentException e) {
                throw new UsageException("search: " + e.getMessage());
            }
        }
    }

    private static void search(Flags flags, ExperimentTrainer trainer, TrainTest images, int jobs,
                               SearchDirectory directory) {
        Path out = directory.path();
        SearchPlan plan = directory.plan();
        PrintStream stdout = System.out;
        List<SearchRunner.PendingRun> pending = SearchRunner.pending(plan, directory.runs());
        printSetup(stdout, plan, trainer.experiment(1, plan.seeds().get(0)), directory, pending.size(), jobs);
        SearchProgress progress = new SearchProgress(stdout, plan.runCount(), directory.runs().size());
        SearchRunner.run(pending, jobs, trainer, result -> {
            write(() -> directory.record(result), out);
            progress.finished(result, plan.configurations().get(result.configuration() - 1));
        });
        write(directory::writeTables, out);
        SearchTable table = directory.table();
        stdout.println();
        stdout.print(TableFiles.text(table));
        writeSweeps(stdout, table, out);
        if (flags.isSet("save-best")) {
            saveBest(stdout, table, directory, trainer, images, out);
        }
    }

    private static SearchDirectory open(Path out, SearchPlan plan) {
        try {
            return SearchDirectory.open(out, plan);
        } catch (IllegalArgumentException e) {
            throw new UsageException("search: --out " + e.getMessage());
        } catch (IOException e) {
            throw new CommandFailedException("nnlab search: cannot use the --out directory " + out + ": " + e);
        }
    }

    private static void printSetup(PrintStream out, SearchPlan plan, Experiment first, SearchDirectory directory,
                                   int pending, int jobs) {
        int sideBySide = Math.max(1, Math.min(jobs, pending));
        out.printf("nnlab search: %s, %d configurations × %d seeds = %d runs, into %s%n", plan.mode(),
                plan.configurations().size(), plan.seeds().size(), plan.runCount(), directory.path());
        out.printf("nnlab: searched %s; fixed %s; %s, split %s; %s%n",
                plan.searched().isEmpty() ? "nothing but the seeds" : plan.searchedFlags(),
                plan.fixed().isEmpty() ? "nothing (train's defaults)" : plan.fixedFlags(), first.dataset(),
                first.split().spec(), MatrixOps.kernelDescription());
        if (!directory.runs().isEmpty()) {
            out.printf("nnlab: continuing the search in %s: %d of %d runs were done, %d to go%n", directory.path(),
                    directory.runs().size(), plan.runCount(), pending);
        }
        if (pending > 0) {
            out.println(sideBySide > 1 ? "nnlab: " + sideBySide + " runs at a time, each on one kernel thread"
                    : "nnlab: one run at a time, its matrix multiplies on all kernel threads");
        }
    }

    private static void writeSweeps(PrintStream stdout, SearchTable table, Path out) {
        SweepInput sweep = SweepInput.of(table);
        if (SweepFigures.numericOptions(sweep).isEmpty()) {
            stdout.println("nnlab: no sweep plot: no numeric option was searched over two or more values that trained");
            return;
        }
        try {
            List<Path> written = SweepFigures.write(sweep, table.plan().describe(), out);
            stdout.println(RunPlots.summary(written, out));
        } catch (IOException e) {
            throw new CommandFailedException("nnlab search: writing the sweep plots to " + out + " failed: " + e);
        }
    }

    /**
     * Trains the best run again, alone, and saves its model. Retraining, rather than keeping every
     * run's model, costs one run and works for runs finished before an interruption; it must give
     * the validation accuracy recorded for the run, which is checked, since it is the same run.
     */
    private static void saveBest(PrintStream stdout, SearchTable table, SearchDirectory directory,
                                 ExperimentTrainer trainer, TrainTest images, Path out) {
        RunResult best = table.bestRun(directory.runs()).orElseThrow(() -> new CommandFailedException(
                "nnlab search: --save-best: no configuration has a run that trained without diverging"));
        stdout.printf("nnlab: --save-best: training configuration %d with seed %d again (its best seed by validation)%n",
                best.configuration(), best.seed());
        Experiment experiment = trainer.experiment(best.configuration(), best.seed());
        PreparedData data = trainer.data(experiment);
        ExperimentRunner.Outcome outcome = ExperimentRunner.run(experiment, data, TrainingListener.SILENT);
        double validation = Evaluation.of(outcome.network(), data.validation()).accuracy();
        if (validation != best.validationAccuracy()) {
            throw new CommandFailedException("nnlab search: --save-best: training configuration " + best.configuration()
                    + " seed " + best.seed() + " again gave validation accuracy " + validation + ", the search recorded "
                    + best.validationAccuracy() + "; not saving a model that is not the one in the table");
        }
        Path file = out.resolve(BEST_MODEL);
        TrainCommand.save(file, experiment, data, images, outcome);
        stdout.printf("nnlab: saved the model of configuration %d, seed %d (validation %.2f%%, test %.2f%%) to %s%n",
                best.configuration(), best.seed(), 100 * validation, 100 * outcome.test().accuracy(), file);
    }

    /** A file step that may fail with an IOException. */
    private interface FileStep {
        void run() throws IOException;
    }

    private static void write(FileStep step, Path out) {
        try {
            step.run();
        } catch (IOException e) {
            throw new CommandFailedException("nnlab search: writing to " + out + " failed: " + e);
        }
    }
}
