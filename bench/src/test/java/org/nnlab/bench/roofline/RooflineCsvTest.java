package org.nnlab.bench.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The roofline CSV: raw counts and times in, rates and intensities out; a bad line is named. */
class RooflineCsvTest {
    private static final String GOOD = """
            # a comment, then a blank line

            kind,series,label,flops,bytes,seconds
            machine,,a machine; JDK 17,,,
            compute,,peak,200e9,,2
            memory,,main memory,,3e9,0.25
            point,vector,matmul,5e7,2e6,5e-4
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("roofline.csv"), text);
    }

    @Test
    void ratesAndIntensitiesComeFromTheRawNumbers() throws IOException {
        RooflineData data = RooflineCsv.read(write(GOOD));
        assertEquals("a machine; JDK 17", data.machine());
        assertEquals("peak", data.computeRoofs().get(0).label());
        assertEquals(100, data.computeRoofs().get(0).rate(), 1e-9); // 200e9 flops in 2 s
        assertEquals(12, data.memoryRoofs().get(0).rate(), 1e-9); // 3e9 bytes in 0.25 s
        RooflineData.Point point = data.points().get(0);
        assertEquals("vector", point.series());
        assertEquals("matmul", point.label());
        assertEquals(25, point.intensity(), 1e-12); // 5e7 flops / 2e6 bytes
        assertEquals(100, point.gflops(), 1e-9); // 5e7 flops in 0.5 ms
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "point,vector,matmul,5e7,2e6,soon|line 7: seconds must be a number, got 'soon'",
        "point,vector,matmul,5e7,0,5e-4|line 7: bytes must be positive, got '0'",
        "point,vector,matmul,5e7,2e6|line 7: expected 6 comma-separated fields (kind, series, label, flops, bytes, seconds), got 5",
        "point,,matmul,5e7,2e6,5e-4|line 7: series must not be empty",
        "roof,,peak,1,,1|line 7: kind must be machine, compute, memory or point, got 'roof'",
        "compute,,peak,1e9,8,1|line 7: a compute row leaves bytes empty, got '8'",
        "machine,,another,,,|line 7: a second machine row; give the machine once",
    })
    void aBadRowIsNamedByFileAndLineInOneLine(String row, String expected) throws IOException {
        Path file = write(GOOD.replace("point,vector,matmul,5e7,2e6,5e-4", row));
        MalformedRooflineException e = assertThrows(MalformedRooflineException.class, () -> RooflineCsv.read(file));
        assertEquals(file + " " + expected, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theHeaderIsChecked() throws IOException {
        Path file = write("kind,label,flops\ncompute,peak,1\n");
        MalformedRooflineException e = assertThrows(MalformedRooflineException.class, () -> RooflineCsv.read(file));
        assertEquals(file + " line 1: expected the header 'kind,series,label,flops,bytes,seconds', got 'kind,label,flops'",
                e.getMessage());
    }

    @Test
    void aFileWithoutAMemoryRoofSaysWhatIsMissing() throws IOException {
        Path file = write(GOOD.replace("memory,,main memory,,3e9,0.25\n", ""));
        MalformedRooflineException e = assertThrows(MalformedRooflineException.class, () -> RooflineCsv.read(file));
        assertEquals(file + ": needs at least one compute row (a flat roof) and one memory row (a slanted roof)", e.getMessage());
    }
}
