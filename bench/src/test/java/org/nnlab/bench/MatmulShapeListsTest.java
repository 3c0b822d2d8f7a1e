package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python side of the benchmarks lists the products of {@link MatmulShape} again (numpy times
 * them, the report turns their times into GFLOP/s): a shape missing there, or with other
 * dimensions, would leave a row of the report without numpy's figure or with wrong flops.
 */
class MatmulShapeListsTest {
    /** A line {@code "NAME": ("label", m, k, n),} of a SHAPES dictionary. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*\"([A-Z_0-9]+)\": \\(\"([^\"]*)\", (\\d+), (\\d+), (\\d+)\\),\\s*$");

    /** numpy_matmul.py picks the transposes from the form's label (A·B, Aᵀ·B, A·Bᵀ), so it must be the shape's. */
    @ParameterizedTest
    @ValueSource(strings = {"numpy_matmul.py", "report.py"})
    void theScriptsThatMultiplyListEachShapeWithItsForm(String script) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (MatmulShape shape : MatmulShape.values()) {
            expected.put(shape.name(), shape.form.symbol + " " + shape.m + "×" + shape.k + "×" + shape.n);
        }
        assertEquals(expected, shapesListedIn(Path.of(script), true), script + "'s SHAPES against MatmulShape");
    }

    /** roofline_csv.py labels the shapes for the book (X·W1, ...) instead. */
    @Test
    void theRooflineListsEveryShape() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (MatmulShape shape : MatmulShape.values()) {
            expected.put(shape.name(), shape.m + "×" + shape.k + "×" + shape.n);
        }
        assertEquals(expected, shapesListedIn(Path.of("roofline_csv.py"), false), "roofline_csv.py's SHAPES against MatmulShape");
    }

    /** The report's targets cover every product of a training step: every shape but the squares. */
    @Test
    void theReportsTargetsCoverEveryProductOfAStep() throws IOException {
        String report = Files.readString(Path.of("report.py"));
        Matcher tuple = Pattern.compile("MNIST_SHAPES = \\(([^)]*)\\)").matcher(report);
        assertTrue(tuple.find(), "report.py defines MNIST_SHAPES");
        List<String> listed = Pattern.compile("\"([A-Z_0-9]+)\"").matcher(tuple.group(1)).results().map(r -> r.group(1)).toList();
        List<String> expected = Arrays.stream(MatmulShape.values()).map(Enum::name).filter(name -> !name.startsWith("SQUARE_")).toList();
        assertEquals(expected, listed);
    }

    private static Map<String, String> shapesListedIn(Path script, boolean withForm) throws IOException {
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
                    String dimensions = entry.group(3) + "×" + entry.group(4) + "×" + entry.group(5);
                    listed.put(entry.group(1), withForm ? entry.group(2) + " " + dimensions : dimensions);
                }
            }
        }
        return listed;
    }
}
