package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.experiment.SyntheticImages;
import org.nnlab.layers.Activation;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.persistence.CheckpointDirectory;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Task;
import org.nnlab.testing.Requirements;
import org.nnlab.training.TrainingConfig;

/**
 * The cases of issue #12 that used to end in a stack trace, a silent wrong run or a misleading
 * message: each is now one line naming the flag or property, with exit status 2 (a usage error).
 */
class OneLineFailuresTest {

    @TempDir
    Path dir;

    private static void assertOneLine(CommandLineTest.Run run, int status, String expected) {
        assertEquals(expected + "\n", run.err());
        assertEquals(status, run.status(), run.err());
    }

    @Test
    void aFlagGivenTwiceIsAUsageError() {
        assertOneLine(CommandLineTest.run("train", "--lr", "0.1", "--lr", "0.5"), 2,
                "nnlab train: --lr is given twice (--lr 0.1 and --lr 0.5); give it once");
        assertOneLine(CommandLineTest.run("train", "--keep-best", "--epochs=2", "--keep-best"), 2,
                "nnlab train: --keep-best is given twice (--keep-best and --keep-best); give it once");
        assertOneLine(CommandLineTest.run("gradcheck", "--hidden", "3", "--hidden=4"), 2,
                "nnlab gradcheck: --hidden is given twice (--hidden 3 and --hidden 4); give it once");
    }

    @Test
    void networksTooLargeForAJavaArrayOrTheHeapAreRefusedBeforeAnyWork() {
        assertOneLine(CommandLineTest.run("train", "--hidden", "3000000"), 2, "nnlab train: --hidden 3000000 is too"
                + " large: a matrix would have 2352000000 elements, more than a Java array holds (2147483639)");
        // 784 × 2,000,000 floats, twice (weights and gradients): 11.7 GiB, beyond the tests' -Xmx2g.
        CommandLineTest.Run heap = CommandLineTest.run("train", "--hidden", "2000000");
        assertEquals(2, heap.status(), heap.err());
        assertTrue(heap.err().startsWith("nnlab train: --hidden 2000000 is too large: its arrays need about"), heap.err());
        CommandLineTest.Run gradcheck = CommandLineTest.run("gradcheck", "--inputs", "100000000");
        assertEquals(2, gradcheck.status(), gradcheck.err());
        assertTrue(gradcheck.err().startsWith("nnlab gradcheck: --inputs 100000000 --hidden"), gradcheck.err());
    }

    @Test
    void resumingARunThatHasTrainedItsEpochsIsExplained() {
        NetworkSpec spec = new NetworkSpec(SyntheticImages.ROWS * SyntheticImages.COLS, 4, 10, Activation.RELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
        Experiment experiment = new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.holdout(80, 20), InputScaling.UNIT,
                spec, TrainingConfig.builder().epochs(2).batchSize(16).learningRate(0.1).seed(1).build());
        PreparedData data = PreparedData.of(experiment, SyntheticImages.of(100, 20, 1));
        ExperimentRunner.run(experiment, data, new CheckpointDirectory(dir, experiment, data.preprocessing(),
                SyntheticImages.ROWS, SyntheticImages.COLS));
        assertOneLine(CommandLineTest.run("train", "--checkpoint-dir", dir.toString(), "--resume", "--epochs", "1"), 2,
                "nnlab train: --resume: the run in " + dir + " has already trained 2 epochs, and --epochs 1 asks"
                        + " for 1 in all; give --epochs 3"
                        + " or more (counted from the run's start) to train it further");
        assertOneLine(CommandLineTest.run("train", "--checkpoint-dir", dir.toString(), "--resume"), 2,
                "nnlab train: --resume: the run in " + dir + " has already trained all its 2 epochs; give --epochs 3"
                        + " or more (counted from the run's start) to train it further");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch 1000000|nnlab train: --batch 1000000 is larger than the 55000 training images; give a smaller batch,"
                + " or --batch full for full-batch gradient descent",
        "--split 60k/0 --patience 1|nnlab train: --patience 1 needs validation images, and --split 60k/0 keeps none;"
                + " give a split with a validation part, e.g. --split 55k/5k",
        "--split 60k/0 --keep-best|nnlab train: --keep-best needs validation images, and --split 60k/0 keeps none;"
                + " give a split with a validation part, e.g. --split 55k/5k",
        "--split 60k/0 --schedule on-drop:0.5|nnlab train: --schedule on-drop:0.5 needs validation images, and"
                + " --split 60k/0 keeps none; give a split with a validation part, e.g. --split 55k/5k",
    })
    void optionsTheDataCannotServeAreRefused(String flags, String expected) {
        Requirements.mnist();
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(flags.split(" ")));
        CommandLineTest.Run run = CommandLineTest.run(args.toArray(String[]::new));
        assertOneLine(run, 2, expected);
        assertTrue(!run.out().contains("epoch"), "nothing trained: " + run.out());
    }

    /** A fresh JVM, since the kernels read these properties once per process. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-Dnnlab.threads=0|nnlab: system property nnlab.threads must be a positive integer, got '0'",
        "-Dnnlab.threads=abc|nnlab: system property nnlab.threads must be a positive integer, got 'abc'",
        "-Dnnlab.kernels=foo|nnlab: system property nnlab.kernels must be 'vector' or 'scalar', got 'foo'",
    })
    void aBadSystemPropertyIsOneLineNotAnInitializerError(String property, String expected)
            throws IOException, InterruptedException {
        Process nnlab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", property, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "gradcheck", "--hidden", "2").start();
        nnlab.getOutputStream().close();
        String err = new String(nnlab.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(nnlab.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, nnlab.exitValue(), err);
        assertEquals(expected, err.lines().filter(line -> !line.startsWith("WARNING: Using incubator")).reduce("",
                (a, b) -> a.isEmpty() ? b : a + "\n" + b));
    }
}
