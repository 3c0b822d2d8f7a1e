package org.nnlab.persistence;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nnlab.formats.Json;
import org.nnlab.formats.JsonObject;
import org.nnlab.formats.FileFormatException;
import org.nnlab.formats.NpyArray;
import org.nnlab.formats.NpzFile;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;

/**
 * A model as an {@code .npz} that {@code numpy.load} opens as it is:
 *
 * <pre>
 *   W1 (D, H)  b1 (H,)  W2 (H, C)  b2 (C,)      float32, for Z1 = X·W1 + b1 and Z2 = A1·W2 + b2
 *                                               (W1 (D, C) and b1 (C,) only, without a hidden layer)
 *   input_mean (D,)  input_std (D,)             only with standardised inputs
 *   metadata ()                                 a string: JSON naming the architecture, activations,
 *                                               loss, targets, task, preprocessing and how it was trained
 * </pre>
 *
 * In Python: {@code m = numpy.load("model.npz"); meta = json.loads(str(m["metadata"]))}.
 *
 * <p>Loading checks the metadata first and then every array's type and shape against it; any
 * disagreement, a truncated or damaged file, is a {@link FileFormatException} that names the file
 * and says what was expected. Writing is atomic: the previous file at the path survives a failed save.
 */
public final class ModelFile {
    public static final String FORMAT = "nnlab-model";
    public static final int VERSION = 1;
    static final String METADATA = "metadata";
    private static final String INPUT_MEAN = "input_mean";
    private static final String INPUT_STD = "input_std";

    private ModelFile() {
    }

    /** What a model file holds: the model, every array (a checkpoint has more), and the metadata. */
    record Contents(SavedModel model, Map<String, NpyArray> arrays, JsonObject metadata) {
    }

    public static void save(Path path, SavedModel model) {
        write(path, model, Map.of(), Map.of());
    }

    public static SavedModel load(Path path) {
        return read(path).model();
    }

    /** Writes the model plus extra arrays and metadata fields (what a checkpoint adds). */
    static void write(Path path, SavedModel model, Map<String, NpyArray> extraArrays, Map<String, Object> extraMetadata) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (Parameter p : model.network().parameters()) {
            arrays.put(p.name(), p.decays() ? NpyArray.of(p.value()) : NpyArray.vectorOf(p.value()));
        }
        Preprocessing pre = model.preprocessing();
        if (pre.scaling() == InputScaling.STANDARDIZE) {
            arrays.put(INPUT_MEAN, NpyArray.vector(pre.mean()));
            arrays.put(INPUT_STD, NpyArray.vector(pre.std()));
        }
        arrays.putAll(extraArrays);
        Map<String, Object> metadata = metadata(model);
        metadata.putAll(extraMetadata);
        arrays.put(METADATA, NpyArray.text(Json.write(metadata)));
        NpzFile.write(path, arrays);
    }

    private static Map<String, Object> metadata(SavedModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("architecture", ExperimentJson.architecture(model.network().spec()));
        m.put("task", model.task().spec());
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("scaling", model.preprocessing().scaling().cliName());
        pre.put("image_rows", model.imageRows());
        pre.put("image_cols", model.imageCols());
        m.put("preprocessing", pre);
        if (model.experiment() != null) {
            m.put("experiment", ExperimentJson.experiment(model.experiment()));
        }
        m.put("results", new LinkedHashMap<>(model.results()));
        return m;
    }

    static Contents read(Path path) {
        Map<String, NpyArray> arrays = NpzFile.read(path);
        try {
            JsonObject metadata = metadataOf(arrays);
            NetworkSpec spec = ExperimentJson.architecture(metadata.object("architecture"));
            Network network = Network.create(spec, Precision.FLOAT32, new Random(0));
            for (Parameter p : network.parameters()) {
                p.value().copyFrom(parameter(arrays, p.name(), p.value().rows(), p.value().cols(), !p.decays()));
            }
            JsonObject pre = metadata.object("preprocessing");
            Preprocessing preprocessing = preprocessing(arrays, pre.parsed("scaling", InputScaling::parse), spec.inputs());
            SavedModel model = new SavedModel(network, metadata.parsed("task", Task::parse), preprocessing,
                    pre.integer("image_rows"), pre.integer("image_cols"),
                    metadata.has("experiment") ? ExperimentJson.experiment(metadata.object("experiment")) : null,
                    metadata.has("results") ? metadata.object("results").asMap() : Map.of());
            return new Contents(model, arrays, metadata);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(path + ": " + e.getMessage());
        }
    }

    private static JsonObject metadataOf(Map<String, NpyArray> arrays) {
        NpyArray text = arrays.get(METADATA);
        if (text == null || text.type() != NpyArray.Type.UNICODE) {
            throw new IllegalArgumentException("no '" + METADATA + "' string array; this is not an nnlab model file");
        }
        JsonObject metadata = JsonObject.parse(text.text(), "the metadata");
        if (!FORMAT.equals(metadata.has("format") ? metadata.string("format") : null)) {
            throw new IllegalArgumentException("metadata field format must be \"" + FORMAT + "\"; this is not an nnlab model file");
        }
        if (metadata.integer("version") != VERSION) {
            throw new IllegalArgumentException("model format version " + metadata.integer("version")
                    + " is not supported; this nnlab reads version " + VERSION);
        }
        return metadata;
    }

    /** The named float32 array, which must have the shape the architecture gives it. */
    private static Matrix parameter(Map<String, NpyArray> arrays, String name, int rows, int cols, boolean vector) {
        NpyArray array = arrays.get(name);
        String expected = vector ? "(" + cols + ",)" : "(" + rows + ", " + cols + ")";
        if (array == null) {
            throw new IllegalArgumentException("array " + name + " " + expected + " is missing");
        }
        if (array.type() != NpyArray.Type.FLOAT32) {
            throw new IllegalArgumentException("array " + name + " must be float32 (<f4), got " + array.type());
        }
        boolean shapeMatches = vector
                ? (array.shape().length == 1 && array.shape()[0] == cols)
                        || (array.shape().length == 2 && array.shape()[0] == 1 && array.shape()[1] == cols)
                : array.shape().length == 2 && array.shape()[0] == rows && array.shape()[1] == cols;
        if (!shapeMatches) {
            throw new IllegalArgumentException("array " + name + " has shape " + array.shapeText()
                    + " but the metadata's architecture needs " + expected);
        }
        return array.toMatrix(rows, cols);
    }

    private static Preprocessing preprocessing(Map<String, NpyArray> arrays, InputScaling scaling, int inputs) {
        if (scaling != InputScaling.STANDARDIZE) {
            return Preprocessing.of(scaling);
        }
        return new Preprocessing(scaling, parameter(arrays, INPUT_MEAN, 1, inputs, true).floats(),
                parameter(arrays, INPUT_STD, 1, inputs, true).floats());
    }
}
