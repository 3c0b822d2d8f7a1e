package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * bench/in_turn.py (numpy's and nnlab's epochs in turn) and the figures report.py draws from it
 * are Python; their tests are bench/test_in_turn.py, run here so that the benchmarks' tests
 * include them.
 */
class InTurnScriptTest {
    @Test
    void thePythonTestsOfTheInTurnDriverPass() throws IOException, InterruptedException {
        Path output = Files.createTempFile("in-turn-tests", ".txt");
        // The scripts lie in bench/, the benchmarks' project directory (Surefire's basedir), wherever the JVM started.
        File bench = new File(System.getProperty("basedir", "."));
        Process python = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_in_turn.py").directory(bench)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python3 -m unittest test_in_turn.py did not end in 120 s");
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, python.exitValue(), printed);
            assertTrue(!printed.contains("Ran 0 tests"), printed);
            // A Python test that lacks numpy skips, saying so, and under CI=true fails instead (as
            // the Java tests do): a skip here stays visible as this test's own.
            if (!printed.strip().endsWith("OK")) {
                assertTrue(printed.strip().matches("(?s).*OK \\(skipped=\\d+\\)"), printed);
                throw new TestAbortedException("some of bench/test_in_turn.py's tests skipped:\n" + printed);
            }
        } finally {
            python.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
