package org.nnlab.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.formats.JsonObject;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Requirements;

/**
 * Opens a saved model with the real numpy, as a user would ({@code numpy.load}, no pickle), and
 * compares every array with what was saved. Needs python3 with numpy ({@link Requirements#numpy}).
 */
class NumpyCompatibilityTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = """
            import json, sys, numpy
            m = numpy.load(sys.argv[1], allow_pickle=False)
            meta = json.loads(str(m["metadata"]))
            out = {"files": sorted(m.files), "format": meta["format"], "hidden": meta["architecture"]["hidden"],
                   "metadata_shape": list(m["metadata"].shape)}
            for name in ("W1", "b1", "W2", "b2", "input_mean", "input_std"):
                a = m[name]
                out[name] = {"dtype": str(a.dtype), "shape": list(a.shape), "values": a.ravel().tolist(),
                             "c_order": bool(a.flags["C_CONTIGUOUS"])}
            print(json.dumps(out))
            """;

    @Test
    void numpyLoadOpensTheModelAsItIs() throws Exception {
        Requirements.numpy();
        SavedModel model = ModelFileTest.tenClassModel();
        Path file = dir.resolve("model.npz");
        ModelFile.save(file, model);

        String output = ChildProcess.run(Duration.ofSeconds(60), "python3", "-c", SCRIPT, file.toString()).requireSuccess();
        JsonObject result = JsonObject.parse(output, "python's output");
        assertEquals("nnlab-model", result.string("format"));
        assertEquals(4, result.integer("hidden"));
        assertEquals(List.of(), result.asMap().get("metadata_shape"), "metadata is a 0-d string array");
        for (Parameter p : model.network().parameters()) {
            JsonObject array = result.object(p.name());
            assertEquals("float32", array.string("dtype"), p.name());
            assertEquals(p.decays() ? List.of((long) p.value().rows(), (long) p.value().cols()) : List.of((long) p.value().cols()),
                    array.asMap().get("shape"), p.name());
            assertEquals(true, array.bool("c_order"));
            assertSameValues(p.value(), array, p.name());
        }
        assertSameValues(Matrix.wrap(model.preprocessing().mean(), 1, 6), result.object("input_mean"), "input_mean");
        assertSameValues(Matrix.wrap(model.preprocessing().std(), 1, 6), result.object("input_std"), "input_std");
    }

    private static void assertSameValues(Matrix expected, JsonObject array, String name) {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) array.asMap().get("values");
        assertEquals(expected.size(), values.size(), name);
        for (int i = 0; i < expected.size(); i++) {
            // numpy's float32 → Python float is exact, and so is Java's float → double.
            assertEquals(expected.getFlat(i), ((Number) values.get(i)).doubleValue(), 0, name + "[" + i + "]");
        }
    }
}
