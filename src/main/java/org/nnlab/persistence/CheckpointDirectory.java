package org.nnlab.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nnlab.experiment.Experiment;
import org.nnlab.formats.JsonObject;
import org.nnlab.formats.FileFormatException;
import org.nnlab.formats.NpyArray;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.training.EpochResult;
import org.nnlab.training.TrainingListener;
import org.nnlab.training.TrainingState;

/**
 * A directory of checkpoints, rewritten after every epoch:
 *
 * <ul>
 *   <li>{@code latest.npz}: the model after the last finished epoch, plus what resuming needs: the
 *       optimiser's state ({@code optimizer.velocity.W1}, ...), the best-validation parameters so far
 *       ({@code best.W1}, ...), and in the metadata the history and the minibatch generator's state;</li>
 *   <li>{@code best.npz}: the model of the epoch with the best validation accuracy so far.</li>
 * </ul>
 *
 * Both are ordinary model files ({@code nnlab evaluate} reads either), and each is replaced
 * atomically, so an interruption at any moment leaves the previous epoch's checkpoint intact.
 */
public final class CheckpointDirectory implements TrainingListener {
    public static final String LATEST = "latest.npz";
    public static final String BEST = "best.npz";
    private static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String BEST_PREFIX = "best.";

    private final Path directory;
    private final Experiment experiment;
    private final Preprocessing preprocessing;
    private final int imageRows;
    private final int imageCols;

    public CheckpointDirectory(Path directory, Experiment experiment, Preprocessing preprocessing,
                               int imageRows, int imageCols) {
        this.directory = directory;
        this.experiment = experiment;
        this.preprocessing = preprocessing;
        this.imageRows = imageRows;
        this.imageCols = imageCols;
    }

    public Path latest() {
        return directory.resolve(LATEST);
    }

    public Path best() {
        return directory.resolve(BEST);
    }

    @Override
    public void checkpoint(Network network, TrainingState state) {
        EpochResult last = state.history().get(state.history().size() - 1);
        SavedModel model = model(network, Map.of("epochs_trained", state.epochsDone(),
                "validation_accuracy", last.validationAccuracy()));
        Map<String, NpyArray> extra = new LinkedHashMap<>();
        state.optimizerState().forEach((name, m) -> extra.put(OPTIMIZER_PREFIX + name, NpyArray.of(m)));
        state.bestWeights().forEach((name, m) -> extra.put(BEST_PREFIX + name, NpyArray.of(m)));
        Map<String, Object> resume = new LinkedHashMap<>();
        resume.put("epochs_done", state.epochsDone());
        resume.put("generator_state", state.generatorState());
        resume.put("best_epoch", state.bestEpoch());
        resume.put("best_validation_accuracy", state.bestAccuracy());
        resume.put("history", ExperimentJson.history(state.history()));
        if (state.bestEpoch() == state.epochsDone()) {
            ModelFile.save(best(), model);
        }
        ModelFile.write(latest(), model, extra, Map.of("checkpoint", resume));
    }

    private SavedModel model(Network network, Map<String, Object> results) {
        return new SavedModel(network, experiment.task(), preprocessing, imageRows, imageCols, experiment, results);
    }

    /** A run read back from {@code latest.npz}: how it was set up, its network, and the state to continue from. */
    public record Resumable(Experiment experiment, SavedModel model, TrainingState state) {
    }

    /** Reads {@code DIR/latest.npz}; a missing or damaged checkpoint is a {@link FileFormatException}. */
    public static Resumable load(Path directory) {
        Path latest = directory.resolve(LATEST);
        if (!Files.isRegularFile(latest)) {
            throw new FileFormatException("no checkpoint to resume: " + latest + " does not exist");
        }
        ModelFile.Contents contents = ModelFile.read(latest);
        SavedModel model = contents.model();
        try {
            if (model.experiment() == null || !contents.metadata().has("checkpoint")) {
                throw new IllegalArgumentException("this is a model, not a checkpoint (no experiment or checkpoint metadata)");
            }
            JsonObject c = contents.metadata().object("checkpoint");
            TrainingState state = new TrainingState(c.integer("epochs_done"),
                    ExperimentJson.historyOf(c.objects("history")), c.whole("generator_state"),
                    matrices(contents.arrays(), OPTIMIZER_PREFIX), c.integer("best_epoch"),
                    c.number("best_validation_accuracy"), bestWeights(contents.arrays(), model.network()));
            return new Resumable(model.experiment(), model, state);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(latest + ": " + e.getMessage());
        }
    }

    private static Map<String, Matrix> matrices(Map<String, NpyArray> arrays, String prefix) {
        Map<String, Matrix> result = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            if (name.startsWith(prefix)) {
                if (array.shape().length != 2) {
                    throw new IllegalArgumentException("array " + name + " must be 2-D, got shape " + array.shapeText());
                }
                result.put(name.substring(prefix.length()), array.toMatrix(array.shape()[0], array.shape()[1]));
            }
        });
        return result;
    }

    /** The saved best parameters, each checked against the shape of the network's own. */
    private static Map<String, Matrix> bestWeights(Map<String, NpyArray> arrays, Network network) {
        Map<String, Matrix> best = matrices(arrays, BEST_PREFIX);
        for (Map.Entry<String, Matrix> e : best.entrySet()) {
            Parameter p = network.parameter(e.getKey());
            if (!e.getValue().hasShape(p.value().rows(), p.value().cols())) {
                throw new IllegalArgumentException("array " + BEST_PREFIX + e.getKey() + " has shape " + e.getValue().shape()
                        + " but " + p.name() + " is " + p.value().shape());
            }
        }
        return best;
    }
}
