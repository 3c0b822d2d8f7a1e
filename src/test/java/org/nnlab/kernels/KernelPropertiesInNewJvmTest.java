package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.layers.Parameter;
import org.nnlab.model.Network;
import org.nnlab.persistence.ModelFile;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/**
 * The kernels' system properties, each in a JVM of its own (the kernels are chosen once per JVM):
 * training with zero-skipping on and off gives the same weights; a bad value is one line naming
 * the property.
 */
class KernelPropertiesInNewJvmTest {

    @TempDir
    Path dir;

    // tag::same-weights[]
    @Test
    @Slow
    void theSameSeedGivesTheSameWeightsWithZeroSkippingOnAndOff() throws IOException, InterruptedException {
        Requirements.mnist();
        Path skipping = dir.resolve("skipping.npz");
        Path dense = dir.resolve("dense.npz");
        String[] train = {"train", "--epochs", "2", "--hidden", "64", "--split", "3k/1k", "--seed", "4"};
        Result on = runMain(List.of("-Dnnlab.sparse=true"), concat(train, "--save", skipping.toString()));
        Result off = runMain(List.of("-Dnnlab.sparse=false"), concat(train, "--save", dense.toString()));
        assertEquals(0, on.status, on.err);
        assertEquals(0, off.status, off.err);
        assertTrue(on.out.contains("zero-skipping"), on.out);
        assertTrue(off.out.contains(", dense"), off.out);
        String thisWidth = FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit";
        assertTrue(on.out.contains(thisWidth) && off.out.contains(thisWidth), "not on " + thisWidth + " vectors: " + on.out);

        Network a = ModelFile.load(skipping).network();
        Network b = ModelFile.load(dense).network();
        for (int i = 0; i < a.parameters().size(); i++) {
            Parameter p = a.parameters().get(i);
            assertArrayEquals(p.value().floats(), b.parameters().get(i).value().floats(), p.name());
        }
    }
    // end::same-weights[]

    @Test
    void aBadPropertyValueIsOneLineNamingTheProperty() throws IOException, InterruptedException {
        for (String option : List.of("-Dnnlab.tile=7x7", "-Dnnlab.sparse=maybe", "-Dnnlab.threads=0", "-Dnnlab.kernels=gpu")) {
            Result result = runMain(List.of(option), "gradcheck");
            String property = option.substring(2, option.indexOf('='));
            assertEquals(2, result.status, option + ": " + result.err);
            assertEquals(1, result.err.strip().lines().filter(line -> !line.startsWith("WARNING: Using incubator")).count(),
                    option + ": " + result.err);
            assertTrue(result.err.contains("nnlab: system property " + property + " must be"), option + ": " + result.err);
        }
    }

    private record Result(int status, String out, String err) {
    }

    /**
     * org.nnlab.cli.Main in a new JVM with this test's class path, the vector module, this JVM's
     * -XX options (so that a suite run with -XX:MaxVectorSize=16 trains on 128-bit vectors here
     * too) and the given options.
     */
    private Result runMain(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-Djava.awt.headless=true");
        command.addAll(ChildProcess.hotSpotOptionsOfThisJvm());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.nnlab.cli.Main");
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("nnlab " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
