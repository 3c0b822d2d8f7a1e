package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.layers.Parameter;
import org.nnlab.plot.Svg;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/**
 * nnlab train on the real MNIST, kept small (8 hidden units, 3000 training images): --save,
 * --checkpoint-dir, --resume with more epochs, and evaluate on the saved model.
 */
@Slow
class TrainEndToEndTest {
    private static final String[] RUN = {"--hidden", "8", "--split", "3k/1k", "--optimizer", "adam", "--lr", "0.01",
                                         "--sampling", "replacement", "--schedule", "on-drop:0.5", "--keep-best",
                                         "--scaling", "standardize", "--seed", "5"};

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMnist() {
        Requirements.mnist();
    }

    private static String[] with(String... extra) {
        String[] args = new String[1 + RUN.length + extra.length];
        args[0] = "train";
        System.arraycopy(RUN, 0, args, 1, RUN.length);
        System.arraycopy(extra, 0, args, 1 + RUN.length, extra.length);
        return args;
    }

    @Test
    void aRunExtendedWithResumeEqualsTheRunDoneInOneGo() {
        Path straight = dir.resolve("straight.npz");
        CommandLineTest.Run once = CommandLineTest.run(with("--epochs", "3", "--save", straight.toString()));
        assertEquals(0, once.status(), once.err());
        assertTrue(once.out().contains("saved the model to " + straight), once.out());

        Path checkpoints = dir.resolve("checkpoints");
        CommandLineTest.Run first = CommandLineTest.run(with("--epochs", "1", "--checkpoint-dir", checkpoints.toString()));
        assertEquals(0, first.status(), first.err());
        assertTrue(Files.isRegularFile(checkpoints.resolve("latest.npz")));
        assertTrue(Files.isRegularFile(checkpoints.resolve("best.npz")));
        Path resumedFile = dir.resolve("resumed.npz");
        CommandLineTest.Run resumed = CommandLineTest.run("train", "--resume", "--checkpoint-dir", checkpoints.toString(),
                "--epochs", "3", "--save", resumedFile.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resuming after epoch 1 of 3"), resumed.out());

        SavedModel a = ModelFile.load(straight);
        SavedModel b = ModelFile.load(resumedFile);
        for (Parameter p : a.network().parameters()) {
            assertArrayEquals(p.value().floats(), b.network().parameter(p.name()).value().floats(), p.name());
        }
        assertEquals(a.experiment(), b.experiment());

        CommandLineTest.Run evaluate = CommandLineTest.run("evaluate", resumedFile.toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertTrue(evaluate.out().contains("images: mnist test set, 10000 images"), evaluate.out());
        assertTrue(evaluate.out().contains("confusion matrix"), evaluate.out());
    }

    @Test
    void plotsAfterTrainingScoreTheTestSetAsTheTestAccuracyDoes() throws Exception {
        Path plots = dir.resolve("plots");
        CommandLineTest.Run run = CommandLineTest.run(with("--epochs", "2", "--plots", plots.toString()));
        assertEquals(0, run.status(), run.err());
        Matcher printed = Pattern.compile("test accuracy: (\\d+\\.\\d+)% \\((\\d+) of (\\d+) images").matcher(run.out());
        assertTrue(printed.find(), run.out());
        String confusion = String.join(" ", Svg.texts(Files.readString(plots.resolve("confusion.svg"))));
        // The heat map counts its own predictions; they must agree with the accuracy training reported.
        assertTrue(confusion.contains(String.format(Locale.ROOT, "%,d images. %s%% correct.",
                Integer.parseInt(printed.group(3)), printed.group(1))), confusion + "\n" + run.out());
        int mistakes = Integer.parseInt(printed.group(3)) - Integer.parseInt(printed.group(2));
        String gallery = String.join(" ", Svg.texts(Files.readString(plots.resolve("mistakes.svg"))));
        assertTrue(gallery.contains("most confident of " + mistakes + " mistakes"), gallery);
        for (String name : List.of("loss", "accuracy", "w1-tiles", "w2", "w1w2", "confusion", "mistakes")) {
            assertTrue(Files.isRegularFile(plots.resolve(name + ".png")), name + ".png in " + run.out());
        }
    }
}
