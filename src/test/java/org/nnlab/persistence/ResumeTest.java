package org.nnlab.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnlab.augment.Augmentation;
import org.nnlab.data.TrainTest;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.experiment.SyntheticImages;
import org.nnlab.formats.FileFormatException;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.optimizers.OptimizerSettings;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.DivergenceWatch;
import org.nnlab.training.EarlyStopping;
import org.nnlab.training.EpochResult;
import org.nnlab.training.GradientReduction;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.training.MinibatchSampling;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingDivergedException;
import org.nnlab.training.TrainingListener;
import org.nnlab.training.TrainingState;
import org.nnlab.training.UpdateGranularity;
import org.nnlab.training.WeightShrink;

/**
 * A run interrupted after an epoch and resumed from its checkpoint files ends with exactly the
 * parameters, bit for bit, of the same run done without interruption, for every optimiser and
 * every option that carries state from one epoch to the next.
 */
class ResumeTest {
    private static final TrainTest IMAGES = SyntheticImages.of(400, 100, 3);
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    /** The listener that "crashes" the run after the checkpoint of a given epoch is written. */
    private static final class Interruption extends RuntimeException {
    }

    static Stream<Arguments> runs() {
        TrainingConfig base = TrainingConfig.builder().epochs(EPOCHS).batchSize(32).learningRate(0.05).seed(11).build();
        return Stream.of(
                Arguments.of("sgd, per-epoch decay", base),
                Arguments.of("momentum, with replacement, on-drop", base.toBuilder()
                        .optimizer(OptimizerSettings.of(OptimizerSettings.Kind.MOMENTUM))
                        .sampling(MinibatchSampling.WITH_REPLACEMENT)
                        .schedule(new LearningRateSchedule.OnValidationDrop(0.5)).build()),
                Arguments.of("nesterov, per-example, summed, shrink", base.toBuilder().learningRate(0.001)
                        .optimizer(OptimizerSettings.of(OptimizerSettings.Kind.NESTEROV)).batchSize(8)
                        .updates(UpdateGranularity.PER_EXAMPLE).reduction(GradientReduction.SUM)
                        .weightShrink(new WeightShrink(1e-4)).freezeBiases(true).build()),
                Arguments.of("adam, step decay, keep best, patience", base.toBuilder().learningRate(0.01)
                        .optimizer(OptimizerSettings.of(OptimizerSettings.Kind.ADAM))
                        .schedule(new LearningRateSchedule.Step(0.5, 2)).keepBest(true)
                        .stopping(new EarlyStopping(2)).build()),
                Arguments.of("full batch, standardised", base.toBuilder().batchSize(Integer.MAX_VALUE).learningRate(0.5).build()),
                Arguments.of("momentum, affine+elastic augmentation, dropout", base.toBuilder()
                        .optimizer(OptimizerSettings.of(OptimizerSettings.Kind.MOMENTUM))
                        .augmentation(Augmentation.parse("affine+elastic")).build()),
                Arguments.of("per-example, elastic augmentation, dropout, standardised", base.toBuilder().batchSize(8)
                        .updates(UpdateGranularity.PER_EXAMPLE).augmentation(Augmentation.parse("elastic")).build()));
    }

    private static Experiment experiment(String name, TrainingConfig training, InputScaling scaling) {
        Experiment experiment = experiment(training, scaling);
        return name.contains("dropout") ? experiment.withNetwork(experiment.network().withDropout(0.3, 0.1)) : experiment;
    }

    private static Experiment experiment(TrainingConfig training, InputScaling scaling) {
        // L2 is a penalty in the loss or a shrink after each update (as the run with one asks), never both.
        double penalty = training.weightShrink().lambda() > 0 ? 0 : 1e-3;
        NetworkSpec spec = new NetworkSpec(SyntheticImages.ROWS * SyntheticImages.COLS, 12, 10, Activation.RELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE.withBiasesLikeWeights(true), penalty);
        return new Experiment("synthetic", Task.TEN_CLASSES, SplitPlan.holdout(320, 80), scaling, spec, training);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void resumingAfterAnyEpochGivesTheWeightsOfTheUninterruptedRun(String name, TrainingConfig training) {
        Experiment experiment = experiment(name, training, name.contains("standardised") ? InputScaling.STANDARDIZE : InputScaling.UNIT);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        Network uninterrupted = ExperimentRunner.run(experiment, data, TrainingListener.SILENT).network();

        for (int stopAfter = 1; stopAfter < EPOCHS; stopAfter++) {
            Path checkpoints = dir.resolve(name.replace(' ', '_') + "-" + stopAfter);
            CheckpointDirectory directory = new CheckpointDirectory(checkpoints, experiment, data.preprocessing(),
                    SyntheticImages.ROWS, SyntheticImages.COLS);
            int interruptAt = stopAfter;
            TrainingListener crash = new TrainingListener() {
                @Override
                public void checkpoint(Network network, TrainingState state) {
                    if (state.epochsDone() == interruptAt) {
                        throw new Interruption();
                    }
                }
            };
            TrainingListener both = TrainingListener.both(directory, crash);
            boolean interrupted = true;
            try {
                ExperimentRunner.run(experiment, data, both);
                interrupted = false;
            } catch (Interruption expected) {
                // the run stopped right after epoch stopAfter was checkpointed
            }
            if (!interrupted) {
                continue; // early stopping ended the run before this epoch
            }
            CheckpointDirectory.Resumable resumable = CheckpointDirectory.load(checkpoints);
            assertEquals(experiment, resumable.experiment());
            assertEquals(stopAfter, resumable.state().epochsDone());
            Network resumed = ExperimentRunner.resume(resumable.experiment(), PreparedData.of(resumable.experiment(), IMAGES),
                    resumable.model().network(), resumable.state(), TrainingListener.SILENT).network();
            for (Parameter p : uninterrupted.parameters()) {
                assertArrayEquals(p.value().floats(), resumed.parameter(p.name()).value().floats(),
                        name + ": " + p.name() + " after resuming from epoch " + stopAfter);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void checkpointsAreOrdinaryModelFiles(String name, TrainingConfig training) {
        Experiment experiment = experiment(name, training.toBuilder().epochs(2).stopping(EarlyStopping.NEVER).build(), InputScaling.UNIT);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        CheckpointDirectory directory = new CheckpointDirectory(dir, experiment, data.preprocessing(), 4, 4);
        Network trained = ExperimentRunner.run(experiment, data, directory).network();
        SavedModel latest = ModelFile.load(directory.latest());
        assertTrue(Files.isRegularFile(directory.best()), "best.npz is written once there is a validation score");
        assertEquals(experiment, latest.experiment());
        if (!training.keepBest()) {
            assertArrayEquals(trained.parameter("W1").value().floats(), latest.network().parameter("W1").value().floats());
        }
    }

    /** What {@code train --resume} does: the watch takes its reference loss from the checkpoint's history. */
    @org.junit.jupiter.api.Test
    void aResumedRunIsWatchedAgainstTheRunsFirstEpoch() {
        Experiment experiment = experiment(TrainingConfig.builder().epochs(2).batchSize(32).learningRate(0.05).seed(11)
                .build(), InputScaling.UNIT);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        ExperimentRunner.run(experiment, data, new CheckpointDirectory(dir, experiment, data.preprocessing(), 4, 4));
        CheckpointDirectory.Resumable resumable = CheckpointDirectory.load(dir);
        double firstLoss = resumable.state().history().get(0).trainLoss();

        DivergenceWatch healthy = DivergenceWatch.forLabels(data.train().labels(), data.train().classes())
                .resumedAfter(resumable.state().history());
        ExperimentRunner.Outcome continued = ExperimentRunner.resume(resumable.experiment().withEpochs(4), data,
                resumable.model().network(), resumable.state(), healthy);
        assertEquals(4, continued.history().last().epoch(), "a healthy resumed run trains to its end");

        DivergenceWatch watch = DivergenceWatch.forLabels(data.train().labels(), data.train().classes())
                .resumedAfter(CheckpointDirectory.load(dir).state().history());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> watch.epochFinished(
                new EpochResult(3, 0.05, 11 * firstLoss, 0.9, 11 * firstLoss, 0.9, 1, 1000)));
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "10× the first epoch's (%.4g)", firstLoss)),
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aModelIsNotACheckpoint() {
        Experiment experiment = experiment(TrainingConfig.builder().build(), InputScaling.UNIT);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        Network network = ExperimentRunner.newNetwork(experiment);
        ModelFile.save(dir.resolve(CheckpointDirectory.LATEST), new SavedModel(network, Task.TEN_CLASSES,
                data.preprocessing(), 4, 4, experiment, java.util.Map.of()));
        FileFormatException e = assertThrows(FileFormatException.class, () -> CheckpointDirectory.load(dir));
        assertTrue(e.getMessage().contains("this is a model, not a checkpoint"), e.getMessage());
        assertTrue(assertThrows(FileFormatException.class, () -> CheckpointDirectory.load(dir.resolve("none")))
                .getMessage().contains("no checkpoint to resume"));
    }

    @org.junit.jupiter.api.Test
    void aCheckpointWithoutItsVelocityOrWithOneOfTheWrongShapeIsRefused() {
        TrainingConfig momentum = TrainingConfig.builder().epochs(1).batchSize(32).learningRate(0.05).seed(11)
                .optimizer(OptimizerSettings.of(OptimizerSettings.Kind.MOMENTUM)).build();
        Experiment experiment = experiment(momentum, InputScaling.UNIT);
        PreparedData data = PreparedData.of(experiment, IMAGES);
        CheckpointDirectory directory = new CheckpointDirectory(dir, experiment, data.preprocessing(), 4, 4);
        ExperimentRunner.run(experiment, data, directory);
        java.util.Map<String, org.nnlab.formats.NpyArray> arrays = new java.util.LinkedHashMap<>(
                org.nnlab.formats.NpzFile.read(directory.latest()));

        org.nnlab.formats.NpyArray velocity = arrays.remove("optimizer.velocity.W1");
        org.nnlab.formats.NpzFile.write(directory.latest(), arrays);
        FileFormatException missing = assertThrows(FileFormatException.class, () -> CheckpointDirectory.load(dir));
        assertEquals(directory.latest() + ": array optimizer.velocity.W1 is missing: a --optimizer momentum checkpoint"
                + " needs it to resume exactly", missing.getMessage());

        arrays.put("optimizer.velocity.W1", org.nnlab.formats.NpyArray.of(
                org.nnlab.matrix.Matrix.zeros(org.nnlab.matrix.Precision.FLOAT32, 3, 3)));
        org.nnlab.formats.NpzFile.write(directory.latest(), arrays);
        FileFormatException shape = assertThrows(FileFormatException.class, () -> CheckpointDirectory.load(dir));
        assertTrue(shape.getMessage().endsWith("array optimizer.velocity.W1 has shape 3×3 but W1 is "
                + velocity.shape()[0] + "×" + velocity.shape()[1]), shape.getMessage());
    }
}
