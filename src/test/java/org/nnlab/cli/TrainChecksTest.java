package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/** The sanity-check flags of {@code nnlab train} (the book's section 6.9): --subset and --diagnostics. */
class TrainChecksTest {

    @Test
    void aSubsetIsAWholeNumberAndZeroMeansAll() {
        CommandLineTest.Run negative = CommandLineTest.run("train", "--subset", "-1");
        assertEquals(2, negative.status());
        assertTrue(negative.err().contains("--subset must be a whole number ≥ 0, got '-1'"), negative.err());
        assertTrue(CommandLineTest.run("train", "--help").out().contains("--subset N"), "--help lists --subset");
    }

    @Test
    @Slow
    void aHundredMnistImagesAreLearntByHeartAndTheDiagnosticsAreReported() {
        Requirements.mnist();
        CommandLineTest.Run run = CommandLineTest.run("train", "--subset", "100", "--hidden", "32", "--epochs", "8",
                "--batch", "10", "--diagnostics");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("split 55k/5k --scaling unit --subset 100: 100 training / 5000 validation / 10000 test images"),
                run.out());
        assertTrue(run.out().contains("nnlab: training --optimizer sgd --lr 0.5 --schedule per-epoch:0.9 --batch 10 --epochs 8 --diagnostics --seed 1"),
                run.out());
        Matcher untrained = Pattern.compile("before training: validation loss ([0-9.]+) \\(ln 10 = 2\\.3026").matcher(run.out());
        assertTrue(untrained.find(), run.out());
        assertEquals(Math.log(10), Double.parseDouble(untrained.group(1)), 0.5, "an untrained network scores about ln 10");
        assertTrue(run.out().contains("epoch 8/8  loss 0.0") && run.out().matches("(?s).*epoch 8/8  loss \\S+  train 100\\.00%.*"),
                "100 images learnt by heart:\n" + run.out());
        assertTrue(Pattern.compile("W1: ‖dW‖ \\S+, ‖ΔW‖/‖W‖ \\S+ \\| W2: ‖dW‖ \\S+, ‖ΔW‖/‖W‖ \\S+ \\| dead ReLU units \\d+ of 32")
                .matcher(run.out()).find(), run.out());

        CommandLineTest.Run tooMany = CommandLineTest.run("train", "--subset", "60000", "--epochs", "1");
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("train: --subset: 60000 images asked for, the training split has 55000"), tooMany.err());
    }
}
