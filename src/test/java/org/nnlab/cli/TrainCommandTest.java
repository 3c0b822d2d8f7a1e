package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/**
 * The main job's whole path on the real MNIST, kept small (one epoch, 32 hidden units) so that it
 * runs in seconds: data loading, split, training, per-epoch line and test accuracy.
 */
@Slow
class TrainCommandTest {

    @Test
    void oneSmallEpochOnMnistReportsATestAccuracyAboveNinetyPercent() {
        Requirements.mnist();
        CommandLineTest.Run run = CommandLineTest.run("train", "--epochs", "1", "--hidden", "32", "--seed", "3");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("55000 training / 5000 validation / 10000 test images"), run.out());
        assertTrue(run.out().contains("epoch 1/1"), run.out());
        Matcher accuracy = Pattern.compile("test accuracy: ([0-9.]+)%").matcher(run.out());
        assertTrue(accuracy.find(), run.out());
        double percent = Double.parseDouble(accuracy.group(1));
        assertTrue(percent > 90 && percent <= 100, "one epoch of 784-32-10 should pass 90%, got " + percent);
    }
}
