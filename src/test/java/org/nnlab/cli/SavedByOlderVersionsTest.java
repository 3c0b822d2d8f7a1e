package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.experiment.Experiment;
import org.nnlab.formats.Json;
import org.nnlab.formats.JsonObject;
import org.nnlab.persistence.CheckpointDirectory;
import org.nnlab.persistence.ExperimentJson;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.training.DivergenceWatch;
import org.nnlab.training.EpochResult;
import org.nnlab.training.TrainingDivergedException;

/**
 * A model and a checkpoint saved by nnlab at commit 7b0a3ff, before the options were declared
 * once, still load as the runs that wrote them: the experiment read from each file is the one the
 * same command line describes today. (src/test/resources/org/nnlab/cli/saved-by-7b0a3ff/README.txt
 * has the commands; the checkpoint's L2 was a shrink, which those files saved in a field of its own.)
 */
class SavedByOlderVersionsTest {
    private static final String CHECKPOINT_COMMAND = "--split 2000/500 --hidden 4 --epochs 2 --l2 0.001 --l2-style shrink"
            + " --optimizer momentum --momentum 0.8 --bias-init like-weights --schedule step:0.5:2 --batch 32"
            + " --init gaussian:0.05 --sampling replacement --keep-best --patience 3 --seed 7 --lr 0.2";
    private static final String MODEL_COMMAND = "--split 2000/500 --hidden 2 --epochs 1 --l2 0.0005 --activation tanh"
            + " --loss tanh-mse --scaling standardize --task 3-vs-rest --optimizer adam --lr 0.01 --batch full"
            + " --gradient sum --freeze-biases --sigmoid-derivative output --seed 3";

    @TempDir
    Path dir;

    @Test
    void theCheckpointResumesWithTheSettingsOfItsCommandLine() throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        copy("checkpoint-latest.npz", checkpoints.resolve(CheckpointDirectory.LATEST));
        CheckpointDirectory.Resumable resumable = CheckpointDirectory.load(checkpoints);
        assertEquals(experimentOf(CHECKPOINT_COMMAND), resumable.experiment());
        assertEquals(2, resumable.state().epochsDone());
        assertEquals(resumable.experiment(), savedAndReadBack(resumable.experiment()));
    }

    /** The checkpoint predates the divergence watch's use of the history, which it holds all the same. */
    @Test
    void theResumedRunIsWatchedAgainstItsOwnFirstEpoch() throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        copy("checkpoint-latest.npz", checkpoints.resolve(CheckpointDirectory.LATEST));
        List<EpochResult> history = CheckpointDirectory.load(checkpoints).state().history();
        double firstLoss = history.get(0).trainLoss();
        DivergenceWatch watch = new DivergenceWatch(0.2).resumedAfter(history);

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> watch.epochFinished(
                new EpochResult(3, 0.1, 11 * firstLoss, 0.5, 11 * firstLoss, 0.5, 1, 1000)));

        assertEquals(1, history.get(0).epoch());
        assertTrue(e.getMessage().contains(String.format(Locale.ROOT, "the first epoch's (%.4g)", firstLoss)), e.getMessage());
    }

    @Test
    void theModelLoadsWithTheSettingsOfItsCommandLine() throws IOException {
        Path file = copy("model.npz", dir.resolve("model.npz"));
        SavedModel model = ModelFile.load(file);
        assertEquals(experimentOf(MODEL_COMMAND), model.experiment());
        assertEquals(2, model.network().spec().hidden());
        assertEquals(model.experiment(), savedAndReadBack(model.experiment()));
    }

    private static Experiment experimentOf(String commandLine) {
        Flags flags = ExperimentFlags.declare(new Flags("train"));
        flags.parse(commandLine.split(" "));
        return ExperimentFlags.from(flags);
    }

    private static Experiment savedAndReadBack(Experiment experiment) {
        return ExperimentJson.experiment(JsonObject.parse(Json.write(ExperimentJson.experiment(experiment)), "experiment"));
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = SavedByOlderVersionsTest.class.getResourceAsStream("saved-by-7b0a3ff/" + resource)) {
            Files.copy(in, to);
        }
        return to;
    }
}
