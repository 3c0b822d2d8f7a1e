package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.model.Network;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Slow;

/**
 * The same seed gives the same weights, bit for bit, whichever JIT compiled the kernels and however
 * many threads ran them. This guards a real bug: vector {@code EXP} and lane reductions gave
 * different last bits when C2 compiled them as intrinsics than when they ran as the Vector API's
 * Java fallback, so two runs of the same command could train different networks depending on JIT
 * timing. Each configuration here runs in a child JVM of its own; C1 alone
 * ({@code -XX:TieredStopAtLevel=1}) never uses the vector intrinsics, C2 does.
 */
class SameSeedAcrossJvmsTest {
    /**
     * 15,000 steps or more before the run that counts: with fewer, C2 had not yet compiled row
     * softmax when this test was checked against the bug (it then passed on the broken code). C1
     * never uses the intrinsics, so its JVM needs no warm-up.
     */
    private static final int C2_WARM_UP_EPOCHS = 40;

    @Test
    @Slow
    void c1AndC2AndOneOrTwoThreadsTrainTheSameBits() throws Exception {
        String c2TwoThreads = probe(C2_WARM_UP_EPOCHS, "-Dnnlab.threads=2");
        String c2OneThread = probe(C2_WARM_UP_EPOCHS, "-Dnnlab.threads=1");
        String c1Only = probe(0, "-XX:TieredStopAtLevel=1", "-Dnnlab.threads=2");

        assertTrue(c2TwoThreads.matches("[0-9a-f]{64}"), "the probe printed no fingerprint: " + c2TwoThreads);
        assertEquals(c2TwoThreads, c2OneThread, "one kernel thread trained other weights than two");
        assertEquals(c2TwoThreads, c1Only, "C1 (Vector API Java fallback) trained other weights than C2 (intrinsics)");
    }

    @Test
    void theFingerprintSeesADifferentSeed() throws Exception {
        // The comparison above means something only if the fingerprint changes when the weights do.
        Network trained = DeterminismProbe.trainSmallNetwork(3);
        String before = DeterminismProbe.fingerprint(trained);
        trained.parameters().get(0).value().setFlat(0, Math.nextUp((float) trained.parameters().get(0).value().getFlat(0)));
        assertTrue(!before.equals(DeterminismProbe.fingerprint(trained)), "one changed bit must change the fingerprint");
    }

    private static String probe(int warmUpEpochs, String... jvmOptions) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("--add-modules=jdk.incubator.vector", "-Dnnlab.kernels=vector"));
        options.addAll(List.of(jvmOptions));
        String output = ChildProcess.run(Duration.ofSeconds(120),
                ChildProcess.javaCommand(DeterminismProbe.class, options, Integer.toString(warmUpEpochs))).requireSuccess();
        List<String> lines = output.lines().filter(line -> !line.startsWith("WARNING")).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
    }
}
