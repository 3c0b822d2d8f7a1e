package org.nnlab.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nnlab.data.TrainTest;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.evaluation.Stats;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.formats.FileFormatException;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.plot.HistoryCsv;
import org.nnlab.training.TrainingDivergedException;
import org.nnlab.training.TrainingListener;

/**
 * Runs a preset's rows in a budget, each run over its seeds, and collects the claimed metrics.
 * A run that diverges is recorded, not fatal: the table shows it, as the report's own collapses.
 */
public final class PresetRunner {
    private final TrainTest images;
    private final PrintStream log;
    private final Path saveDirectory;

    /** {@code images}: the dataset; {@code log}: where one line per finished run goes. */
    public PresetRunner(TrainTest images, PrintStream log) {
        this(images, log, null);
    }

    /**
     * As above, and every trained model saved into {@code saveDirectory} (null: none), named by
     * preset, row, run and seed, with its training history beside it ({@code NAME.history.csv},
     * which {@code nnlab plot --history} draws).
     */
    public PresetRunner(TrainTest images, PrintStream log, Path saveDirectory) {
        this.images = images;
        this.log = log;
        this.saveDirectory = saveDirectory;
    }

    /** One row's results: per metric, the statistics of the faithful and of the corrected runs (null when not run). */
    public record RowResult(Comparison comparison, int epochs, Map<Metric, Stats> faithful, Map<Metric, Stats> corrected) {
    }

    public List<RowResult> run(Preset preset, Budget budget) {
        List<Comparison> rows = preset.comparisons().stream().filter(c -> budget == Budget.FULL || !c.fullOnly()).toList();
        List<RowResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Comparison row = rows.get(i);
            log.printf("[%d/%d] %s%n", i + 1, rows.size(), row.setup());
            Experiment any = row.faithful() != null ? row.faithful() : row.corrected();
            String rowName = preset.name() + "-" + rowSlug(row);
            results.add(new RowResult(row, row.epochs(budget, any), runAll("faithful", rowName, row, row.faithful(), budget),
                    runAll("corrected", rowName, row, row.corrected(), budget)));
        }
        return results;
    }

    /** The row's setup up to its first colon or comma, as a file-name part: "elastic", "h-25". */
    private static String rowSlug(Comparison row) {
        String head = row.setup().split("[:,(]", 2)[0].toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        head = head.replaceAll("^-+|-+$", "");
        return head.length() > 40 ? head.substring(0, 40) : head;
    }

    private Map<Metric, Stats> runAll(String variant, String rowName, Comparison row, Experiment experiment, Budget budget) {
        if (experiment == null) {
            return null;
        }
        Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
        for (long seed : row.seeds()) {
            Experiment e = experiment.withSeed(seed).withEpochs(row.epochs(budget, experiment));
            long start = System.nanoTime();
            Path modelFile = saveDirectory == null ? null
                    : saveDirectory.resolve(rowName + "-" + variant + "-seed" + seed + ".npz");
            Map<Metric, Double> measured = runOnce(e, row.claims(), modelFile);
            measured.forEach((metric, value) -> values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value));
            log.printf("      %-9s seed %-4d %d epochs: %s (%.0f s)%n", variant, seed, e.training().epochs(),
                    describe(measured), (System.nanoTime() - start) / 1e9);
        }
        Map<Metric, Stats> stats = new EnumMap<>(Metric.class);
        values.forEach((metric, list) -> stats.put(metric, Stats.of(list)));
        return stats;
    }

    /** One training run and the metrics the row's claims are about; NaN for all of them if it diverged. */
    private Map<Metric, Double> runOnce(Experiment e, List<Claim> claims, Path modelFile) {
        PreparedData data = PreparedData.of(e, images);
        Map<Metric, Double> measured = new EnumMap<>(Metric.class);
        try {
            ExperimentRunner.Outcome outcome = ExperimentRunner.run(e, data, TrainingListener.SILENT);
            if (modelFile != null) {
                save(modelFile, e, data, outcome);
            }
            for (Claim claim : claims) {
                measured.put(claim.metric(), switch (claim.metric()) {
                    case TEST -> outcome.test().accuracy();
                    case VALIDATION -> Evaluation.of(outcome.network(), data.validation()).accuracy();
                    case TRAIN -> Evaluation.of(outcome.network(), data.train()).accuracy();
                });
            }
        } catch (TrainingDivergedException diverged) {
            claims.forEach(claim -> measured.put(claim.metric(), Double.NaN));
        }
        return measured;
    }

    private void save(Path file, Experiment e, PreparedData data, ExperimentRunner.Outcome outcome) {
        Map<String, Object> results = Map.of("epochs_trained", outcome.history().last().epoch(),
                "kept_epoch", outcome.history().keptEpoch(),
                "best_validation_accuracy", outcome.history().bestValidationAccuracy(),
                "test_accuracy", outcome.test().accuracy());
        ModelFile.save(file, new SavedModel(outcome.network(), e.task(), data.preprocessing(), images.train().rows(),
                images.train().cols(), e, results));
        Path history = file.resolveSibling(file.getFileName().toString().replaceAll("\\.npz$", "") + ".history.csv");
        try {
            HistoryCsv.write(outcome.history(), history);
        } catch (IOException ex) {
            throw new FileFormatException("cannot write " + history + ": " + ex.getMessage());
        }
        log.printf("      saved %s and %s%n", file, history.getFileName());
    }

    private static String describe(Map<Metric, Double> measured) {
        List<String> parts = new ArrayList<>();
        measured.forEach((metric, value) -> parts.add(metric.label() + " "
                + (Double.isNaN(value) ? "diverged" : String.format("%.2f%%", 100 * value))));
        return String.join(", ", parts);
    }
}
