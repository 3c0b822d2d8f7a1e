package org.nnlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kit does with the passes it withholds: stubs them with their own comment, lists them in
 * its manifest and on the students' page, and registers {@link WithheldPasses}, which turns a
 * withheld stub's exception into a skip and leaves every other failure a failure.
 */
class WithheldPassesTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @Test
    void theDefaultKitWithholdsTheRestOfItsFamiliesAndSaysSo(@TempDir Path temp) throws IOException {
        LabKit generator = new LabKit(PROJECT, LabLayer.DEFAULT);
        LabKit.Kit kit = generator.generate(temp.resolve("kit"));
        assertEquals(List.of(LabLayer.SIGMOID, LabLayer.TANH, LabLayer.MSE, LabLayer.BCE), List.copyOf(kit.withheld().keySet()));
        assertEquals(List.of(LabLayer.LINEAR, LabLayer.RELU, LabLayer.SOFTMAX_CE), List.copyOf(kit.stubbed().keySet()));

        String tanh = Files.readString(kit.out().resolve(LabLayer.TANH.sourcePath()));
        assertTrue(tanh.contains("// Not part of this lab: this kit leaves Tanh.backward out because its code would give\n"
                + "        // away Relu.backward. Write it if you want to use it; ./nnlab lab-check --layers tanh checks it.\n"
                + "        throw new UnsupportedOperationException(\"" + generator.stubMessage(LabLayer.TANH) + "\");"), tanh);
        List<String> manifest = Files.readAllLines(kit.out().resolve(LabKit.MANIFEST));
        assertTrue(manifest.contains("layers=linear,relu,softmax-ce"), manifest.toString());
        assertTrue(manifest.contains("withheld=sigmoid,tanh,mse,bce"), manifest.toString());
        assertTrue(manifest.contains("files=" + String.join(",", List.of(LabLayer.LINEAR, LabLayer.RELU, LabLayer.SOFTMAX_CE,
                LabLayer.SIGMOID, LabLayer.TANH, LabLayer.MSE, LabLayer.BCE).stream().map(LabLayer::sourcePath).toList())),
                manifest.toString());
        assertTrue(Files.readString(kit.out().resolve("LAB.adoc")).contains("`Sigmoid.backward`, `Tanh.backward`,"
                + " `MeanSquaredError.backward`, `BinaryCrossEntropy.backward`"));
        for (String service : List.of("org.junit.jupiter.api.extension.Extension", "net.jqwik.api.lifecycle.LifecycleHook")) {
            assertEquals("org.nnlab.lab.WithheldPasses\n", Files.readString(kit.out().resolve(
                    "src/test/resources/META-INF/services/" + service)));
        }
        assertTrue(kit.leftOut().contains("src/test/java/org/nnlab/cli/GradcheckCommandTest.java"), kit.leftOut().toString());
        String properties = Files.readString(kit.out().resolve("src/test/resources/junit-platform.properties"));
        assertTrue(properties.startsWith(Files.readString(PROJECT.resolve("src/test/resources/junit-platform.properties"))));
        assertTrue(properties.endsWith("junit.jupiter.extensions.autodetection.enabled = true\n"), properties);
        assertTrue(Files.isRegularFile(kit.out().resolve("src/test/java/org/nnlab/lab/WithheldPasses.java")));
    }

    @Test
    void aKitWithoutWithheldPassesRegistersNothing(@TempDir Path temp) throws IOException {
        LabKit.Kit kit = new LabKit(PROJECT, List.of(LabLayer.LINEAR)).generate(temp.resolve("kit"));
        assertEquals(List.of(), List.copyOf(kit.withheld().keySet()));
        assertTrue(Files.notExists(kit.out().resolve("src/test/resources/META-INF/services")));
        assertTrue(Files.isRegularFile(kit.out().resolve("src/test/java/org/nnlab/cli/GradcheckCommandTest.java")));
        assertEquals(Files.readString(PROJECT.resolve("src/test/resources/junit-platform.properties")),
                Files.readString(kit.out().resolve("src/test/resources/junit-platform.properties")));
    }

    @Test
    void onlyAWithheldStubsExceptionBecomesASkip() {
        LabKit generator = new LabKit(PROJECT, LabLayer.DEFAULT);
        List<LabLayer> withheld = generator.withheld();
        RuntimeException tanhStub = new UnsupportedOperationException(generator.stubMessage(LabLayer.TANH));
        assertSame(LabLayer.TANH, WithheldPasses.withheldPassThatThrew(tanhStub, withheld));
        assertSame(LabLayer.TANH, WithheldPasses.withheldPassThatThrew(new IllegalStateException("training failed", tanhStub),
                withheld));
        assertNull(WithheldPasses.withheldPassThatThrew(new UnsupportedOperationException(
                generator.stubMessage(LabLayer.RELU)), withheld), "an asked-for pass's stub fails its tests");
        assertNull(WithheldPasses.withheldPassThatThrew(new AssertionError("expected 1"), withheld));
        assertSame(LabLayer.MSE, WithheldPasses.withheldPassThatThrew(new AssertionError("nnlab gradcheck: failed: "
                + generator.stubMessage(LabLayer.MSE)), withheld), "a command's output, quoted by an assertion");
        // In the reference project nothing is withheld: the extension changes nothing.
        assertSame(tanhStub, WithheldPasses.skipIfWithheld(tanhStub));
    }
}
