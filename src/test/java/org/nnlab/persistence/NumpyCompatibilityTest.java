package org.nnlab.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.formats.JsonObject;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;

/**
 * Opens a saved model with the real numpy, as a user would ({@code numpy.load}, no pickle), and
 * compares every array with what was saved. Skipped, with a message, where python3 or numpy is missing.
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
        requirePythonWithNumpy();
        SavedModel model = ModelFileTest.tenClassModel();
        Path file = dir.resolve("model.npz");
        ModelFile.save(file, model);

        JsonObject result = JsonObject.parse(run("python3", "-c", SCRIPT, file.toString()), "python's output");
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

    /** Aborts the test (it is skipped) where python3 with numpy is missing. */
    static void requirePythonWithNumpy() {
        try {
            run("python3", "-c", "import numpy");
        } catch (Exception e) {
            Assumptions.abort("python3 with numpy is not available, so numpy.load cannot be tried: " + e.getMessage());
        }
    }

    /** The output of a command that must succeed within a minute. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.length > 0 ? List.of(command[0]) : List.of()) + " failed: "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
