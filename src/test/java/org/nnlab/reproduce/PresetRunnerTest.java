package org.nnlab.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.data.TrainTest;
import org.nnlab.evaluation.Stats;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.experiment.SyntheticImages;
import org.nnlab.layers.Activation;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingListener;

/** The machinery behind nnlab reproduce, on a preset made for the test and tiny synthetic images. */
class PresetRunnerTest {
    private static final TrainTest IMAGES = SyntheticImages.of(300, 100, 5);

    private static Experiment experiment(double learningRate) {
        NetworkSpec spec = new NetworkSpec(16, 8, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
        return new Experiment("synthetic", Task.TEN_CLASSES, SplitPlan.holdout(250, 50), InputScaling.UNIT, spec,
                TrainingConfig.builder().epochs(4).batchSize(16).learningRate(learningRate).build());
    }

    private static final Preset TINY = new Preset() {
        @Override
        public String name() {
            return "tiny";
        }

        @Override
        public String reportFile() {
            return "999_test.txt";
        }

        @Override
        public String title() {
            return "a preset for tests";
        }

        @Override
        public String defaultBudget() {
            return "1 of 4 epochs";
        }

        @Override
        public List<Comparison> comparisons() {
            return List.of(
                    new Comparison("three seeds", List.of(Claim.test("90%"), Claim.train("95%")), experiment(0.1),
                            experiment(0.05), List.of(1L, 2L, 3L), 1, false),
                    Comparison.of("corrected only", List.of(Claim.validation("—")), null, experiment(0.2), 1),
                    Comparison.of("diverges", List.of(Claim.test("9.91%")), experiment(Double.MAX_VALUE), null, 1),
                    Comparison.of("full only", List.of(Claim.test("1%")), experiment(0.1), experiment(0.1), 1).onlyWhenFull());
        }
    };

    @Test
    void theTableShowsTheClaimBesideMeanAndStdOverSeeds() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<PresetRunner.RowResult> rows = new PresetRunner(IMAGES, new PrintStream(log, true, StandardCharsets.UTF_8))
                .run(TINY, Budget.DEFAULT);
        assertEquals(3, rows.size(), "the full-only row is left out of the default budget");
        assertEquals(1, rows.get(0).epochs());

        // The mean over seeds is the mean of the same runs done by hand.
        double sum = 0;
        double sumOfSquares = 0;
        for (long seed : List.of(1L, 2L, 3L)) {
            Experiment e = experiment(0.1).withSeed(seed).withEpochs(1);
            double accuracy = ExperimentRunner.run(e, PreparedData.of(e, IMAGES), TrainingListener.SILENT).test().accuracy();
            sum += accuracy;
            sumOfSquares += accuracy * accuracy;
        }
        Stats faithfulTest = rows.get(0).faithful().get(Metric.TEST);
        assertEquals(sum / 3, faithfulTest.mean(), 1e-12);
        assertEquals(Math.sqrt(sumOfSquares / 3 - (sum / 3) * (sum / 3)), faithfulTest.std(), 1e-9);

        String table = ResultTable.format(TINY, Budget.DEFAULT, rows);
        assertTrue(table.contains("three seeds — 1 of 4 epochs, 3 seeds [1, 2, 3]"), table);
        assertTrue(table.contains(String.format("  %-20s %-14s %-16s", "test accuracy", "90%", faithfulTest.format())), table);
        assertTrue(faithfulTest.format().contains(" ± "), faithfulTest.format());
        assertTrue(table.contains(String.format("  %-20s %-14s %-16s %-16s", "validation accuracy", "—", "—",
                rows.get(1).corrected().get(Metric.VALIDATION).format())), table);
        assertTrue(table.contains(String.format("  %-20s %-14s %-16s %-16s", "test accuracy", "9.91%", "diverged", "—")), table);
        assertTrue(table.contains("budget: default, shorter: 1 of 4 epochs (--full runs the report's)"), table);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("faithful  seed 2    1 epochs: test accuracy"), log.toString());
    }

    @Test
    void everyRunsModelIsSavedWhenAskedAndScoresAsTheRunDid(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<PresetRunner.RowResult> rows = new PresetRunner(IMAGES, new PrintStream(log, true, StandardCharsets.UTF_8), dir)
                .run(TINY, Budget.DEFAULT);
        for (long seed : List.of(1L, 2L, 3L)) {
            java.nio.file.Path file = dir.resolve("tiny-three-seeds-corrected-seed" + seed + ".npz");
            assertTrue(java.nio.file.Files.isRegularFile(file), file + " in " + log);
            java.nio.file.Path history = dir.resolve("tiny-three-seeds-corrected-seed" + seed + ".history.csv");
            assertEquals(2, java.nio.file.Files.readAllLines(history).size(), "a header and the one epoch of the default budget");
            org.nnlab.persistence.SavedModel model = org.nnlab.persistence.ModelFile.load(file);
            Experiment e = experiment(0.05).withSeed(seed).withEpochs(1);
            assertEquals(e, model.experiment());
            double saved = ((Number) model.results().get("test_accuracy")).doubleValue();
            PreparedData data = PreparedData.of(e, IMAGES);
            assertEquals(saved, org.nnlab.evaluation.Evaluation.of(model.network(), data.test()).accuracy(), 0,
                    "the saved weights score what the run reported");
        }
        assertEquals(rows.get(1).corrected().get(Metric.VALIDATION).n(), 1);
    }
}
