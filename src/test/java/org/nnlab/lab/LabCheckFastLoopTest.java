package org.nnlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/**
 * A kit through its launcher, as a student runs it. The student's loop: {@code ./nnlab lab-check}
 * builds the kit with Maven the first time; after an edit of nothing but the kit's lab files it
 * compiles those alone, against the kit's jar, without Maven, and gives the new verdict; after an
 * edit of any other file, Maven builds again. Which path ran is read from what it leaves: Maven's
 * line "nnlab: building", the jar's modification time, the compiled file in
 * {@code target/lab-classes}. No timings. And the kit's own tests, in a kit whose passes are written.
 */
@Slow
class LabCheckFastLoopTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final String MAVEN_RAN = "nnlab: building";
    private static final Duration BUILD = Duration.ofMinutes(15);

    @Test
    void anEditOfTheLabFilesSkipsMavenAndAnyOtherEditDoesNot(@TempDir Path temp) throws Exception {
        Requirements.posixShell();
        Path kit = new LabKit(PROJECT, LabLayer.DEFAULT).generate(temp.resolve("kit")).out();
        Path jar = kit.resolve("target/nnlab.jar");
        Path compiledLinear = kit.resolve("target/lab-classes/org/nnlab/layers/Linear.class");

        // The first run builds the kit: every pass is a stub.
        ChildProcess.Result first = labCheck(kit);
        assertTrue(first.output().contains(MAVEN_RAN), first.output());
        assertEquals(1, first.exitStatus(), first.output());
        assertTrue(first.output().contains("FAIL: 3 of 3 backward passes are not right yet"), first.output());
        FileTime built = Files.getLastModifiedTime(jar);

        // The student writes Linear.backward: lab-check compiles Linear.java alone, the jar stays.
        paste(kit, LabLayer.LINEAR, referenceBody(LabLayer.LINEAR), built);
        ChildProcess.Result fast = labCheck(kit);
        assertFalse(fast.output().contains(MAVEN_RAN), fast.output());
        assertEquals(built, Files.getLastModifiedTime(jar), "the jar was rebuilt");
        assertTrue(Files.isRegularFile(compiledLinear), "lab-check compiled Linear.java into target/lab-classes");
        assertTrue(fast.output().contains("| Linear.backward              | pass "), fast.output());
        assertTrue(fast.output().contains("FAIL: 2 of 3 backward passes are not right yet: Relu.backward (not implemented),"
                + " SoftmaxCrossEntropy.backward (not implemented)"), fast.output());

        // A withheld pass is a lab file too: written, and checked on request, it takes the same path.
        paste(kit, LabLayer.TANH, referenceBody(LabLayer.TANH), built);
        ChildProcess.Result withheld = labCheck(kit, "--layers", "tanh");
        assertFalse(withheld.output().contains(MAVEN_RAN), withheld.output());
        assertEquals(built, Files.getLastModifiedTime(jar));
        assertEquals(0, withheld.exitStatus(), withheld.output());
        assertTrue(withheld.output().contains("PASS: all 1 backward passes are right"), withheld.output());

        // A mistake in the same file: compiled again, a new verdict.
        paste(kit, LabLayer.LINEAR, withoutBiasGradient(referenceBody(LabLayer.LINEAR)), built);
        ChildProcess.Result wrong = labCheck(kit);
        assertFalse(wrong.output().contains(MAVEN_RAN), wrong.output());
        assertTrue(wrong.output().contains("Linear.backward: db is wrong: "), wrong.output());

        // Any other file: Maven builds, and the jar now holds the student's Linear.java.
        Path other = kit.resolve("src/main/java/org/nnlab/cli/Main.java");
        Files.writeString(other, Files.readString(other) + "// edited\n");
        Files.setLastModifiedTime(other, FileTime.fromMillis(built.toMillis() + 4_000));
        ChildProcess.Result slow = labCheck(kit);
        assertTrue(slow.output().contains(MAVEN_RAN), slow.output());
        assertTrue(Files.getLastModifiedTime(jar).compareTo(built) > 0, "the jar was not rebuilt");
        assertTrue(slow.output().contains("Linear.backward: db is wrong: "), slow.output());
    }

    /**
     * In a kit whose asked-for passes are written, the kit's own tests (the fast tier, as
     * {@code ./nnlab test} runs it) all pass, except those that run a withheld pass, which are
     * skipped naming it: LossTest has tests of softmax-CE (asked for), MSE and BCE (withheld),
     * SigmoidDerivativeTest only of sigmoid, GradientCheckProperties is jqwik's.
     */
    @Test
    void aSolvedKitPassesItsTestsAndSkipsThoseOfWhatItWithholds(@TempDir Path temp) throws Exception {
        Requirements.posixShell();
        Path kit = new LabKit(PROJECT, LabLayer.DEFAULT).generate(temp.resolve("kit")).out();
        for (LabLayer layer : LabLayer.DEFAULT) {
            paste(kit, layer, LabKitTest.correctBody(layer), FileTime.fromMillis(0));
        }
        ChildProcess.Result run = nnlab(kit, "test");
        assertEquals(0, run.exitStatus(), run.output());
        Path reports = kit.resolve("target/surefire-reports");
        String losses = Files.readString(reports.resolve("TEST-org.nnlab.losses.LossTest.xml"));
        assertTrue(losses.contains("skipped: this test runs MeanSquaredError.backward, which this kit withholds"), losses);
        assertTrue(losses.contains("skipped: this test runs BinaryCrossEntropy.backward, which this kit withholds"), losses);
        int tests = count(losses, "<testcase ");
        int skipped = count(losses, "<skipped ");
        assertTrue(skipped > 0 && skipped < tests, skipped + " of " + tests + " LossTest tests skipped: softmax-CE's must run");
        String sigmoid = Files.readString(reports.resolve("TEST-org.nnlab.layers.SigmoidDerivativeTest.xml"));
        assertTrue(sigmoid.contains("skipped: this test runs Sigmoid.backward, which this kit withholds"), sigmoid);
        String properties = Files.readString(reports.resolve("TEST-org.nnlab.gradcheck.GradientCheckProperties.xml"));
        assertTrue(properties.contains("which this kit withholds"), properties);
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static ChildProcess.Result labCheck(Path kit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("lab-check"));
        command.addAll(List.of(args));
        return nnlab(kit, command.toArray(String[]::new));
    }

    /** {@code ./nnlab ARGS} in the kit, with this JVM's JDK, and no Maven settings of the build running this test. */
    private static ChildProcess.Result nnlab(Path kit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./nnlab"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(kit.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MAVEN_") || name.equals("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        return ChildProcess.run(BUILD, builder);
    }

    /** Writes the body between the layer's markers, and dates the file after the jar, as a save a while later would. */
    private static void paste(Path kit, LabLayer layer, List<String> body, FileTime jarBuilt) throws IOException {
        LabKitTest.paste(kit, layer, body);
        // A second later than both the jar and the last compiled class: a file system's clock ticks coarsely.
        Path file = kit.resolve(layer.sourcePath());
        long saved = Math.max(Files.getLastModifiedTime(file).toMillis(), jarBuilt.toMillis()) + 1_000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(saved));
    }

    private static List<String> referenceBody(LabLayer layer) throws IOException {
        return LabKitTest.referenceBody(layer);
    }

    /** Linear's body with db never written: a mistake lab-check names. */
    private static List<String> withoutBiasGradient(List<String> body) {
        List<String> wrong = body.stream().filter(line -> !line.contains("columnSums")).toList();
        assertEquals(body.size() - 1, wrong.size(), "Linear's reference body computes db with columnSums: " + body);
        return wrong;
    }
}
