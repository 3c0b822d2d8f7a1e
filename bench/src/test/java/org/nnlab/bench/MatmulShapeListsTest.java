package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python side of the benchmarks lists the products of {@link MatmulShape} again (numpy times
 * them, the report turns their times into GFLOP/s): a shape missing there, or with other
 * dimensions, would leave a row of the report without numpy's figure or with wrong flops.
 */
class MatmulShapeListsTest {
    /** A line {@code "NAME": ("label", m, k, n),} of a SHAPES dictionary. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*\"([A-Z_0-9]+)\": \\(\"[^\"]*\", (\\d+), (\\d+), (\\d+)\\),\\s*$");

    @ParameterizedTest
    @ValueSource(strings = {"numpy_matmul.py", "report.py", "roofline_csv.py"})
    void everyPythonScriptListsTheShapesOfMatmulShape(String script) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (MatmulShape shape : MatmulShape.values()) {
            expected.put(shape.name(), shape.m + "×" + shape.k + "×" + shape.n);
        }
        assertEquals(expected, shapesListedIn(Path.of(script)), script + "'s SHAPES against MatmulShape");
    }

    private static Map<String, String> shapesListedIn(Path script) throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        boolean inShapes = false;
        for (String line : Files.readAllLines(script)) {
            if (line.startsWith("SHAPES = {")) {
                inShapes = true;
            } else if (inShapes && line.startsWith("}")) {
                break;
            } else if (inShapes) {
                Matcher entry = ENTRY.matcher(line);
                if (entry.matches()) {
                    listed.put(entry.group(1), entry.group(2) + "×" + entry.group(3) + "×" + entry.group(4));
                }
            }
        }
        return listed;
    }
}
