package org.nnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.data.TrainTest;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.preprocessing.Examples;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/**
 * The README's section "Using nnlab from Java and JShell" works as it stands: its Java lines,
 * saved as the file its jshell command line names, run by that command line (with the classes
 * this build has just compiled in place of target/nnlab.jar, which {@code mvn package} makes only
 * after the tests), print a test accuracy and save a model that loads and scores the same.
 *
 * <p>Slow: it trains one epoch on the real MNIST in a JShell of its own.
 */
@Slow
class ReadmeLibraryExampleTest {
    private static final Path README = Path.of("README.adoc");
    private static final String SECTION = "== Using nnlab from Java and JShell";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void theReadmesLinesRunInJShellAndSaveAModelThatScoresWhatTheyPrinted() throws Exception {
        TrainTest mnist = Requirements.mnist();
        String section = section(Files.readString(README));
        List<String> listings = listings(section);
        assertEquals(2, listings.size(), "the section has the Java lines and the jshell command line");
        String program = listings.get(0);
        List<String> command = new ArrayList<>(List.of(listings.get(1).strip().split("\\s+")));
        assertEquals("jshell", command.get(0), listings.get(1));
        Path script = dir.resolve(command.get(command.size() - 1));
        Files.writeString(script, program);
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "jshell").toString());
        command.set(command.indexOf("--class-path") + 1, Path.of("target/classes").toAbsolutePath().toString());
        command.set(command.size() - 1, script.toString());

        String output = run(command);
        assertFalse(output.contains("Error:") || output.contains("Exception"), output);
        Matcher printed = Pattern.compile("test accuracy: (\\d+)[.,](\\d\\d)%").matcher(output);
        assertTrue(printed.find(), output);
        double printedPercent = Double.parseDouble(printed.group(1) + "." + printed.group(2));

        SavedModel model = ModelFile.load(dir.resolve("mnist-128.npz"));
        Examples test = Examples.from(mnist.test(), model.preprocessing(), model.task());
        double accuracy = Evaluation.of(model.network(), test).accuracy();
        assertEquals(printedPercent, 100 * accuracy, 0.005, "the saved model scores what was printed");
        assertTrue(accuracy > 0.9, "one epoch of 784-128-10 gets above 90%, got " + accuracy);
    }

    /** The README's text from the section's heading to the next heading. */
    private static String section(String readme) {
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.adoc has no section '" + SECTION + "'");
        int end = readme.indexOf("\n== ", start + SECTION.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The contents of the section's listings, each between a pair of ---- lines, in order. */
    private static List<String> listings(String section) {
        List<String> listings = new ArrayList<>();
        Matcher m = Pattern.compile("\n----\n(.*?)\n----\n", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            listings.add(m.group(1) + "\n");
        }
        return listings;
    }

    /**
     * Runs the command in the temporary directory, where the model is saved, with the data where
     * this test run finds it ({@code NNLAB_DATA}, else the project's {@code data/}); returns all it
     * printed. A JShell that hangs is killed at the timeout, with the JVM it runs the code in.
     */
    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        String data = System.getenv("NNLAB_DATA");
        builder.environment().put("NNLAB_DATA", data != null && !data.isBlank() ? data : Path.of("data").toAbsolutePath().toString());
        return ChildProcess.run(TIMEOUT, builder).requireSuccess();
    }
}
