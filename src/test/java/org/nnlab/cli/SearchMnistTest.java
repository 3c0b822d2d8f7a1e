package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.layers.Parameter;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/**
 * nnlab search on a small part of the real MNIST (2000 training images, 16 hidden units, one
 * epoch): every run equals nnlab train with the same options and seed, and the model --save-best
 * keeps is, bit for bit, the one nnlab train --save writes, and nnlab evaluate reads it.
 */
@Slow
class SearchMnistTest {
    private static final Pattern TEST_ACCURACY = Pattern.compile("test accuracy: [0-9.]+% \\((\\d+) of (\\d+) images");
    private static final String[] FIXED = {"--hidden", "16", "--epochs", "1", "--split", "2k/1k", "--batch", "32"};

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMnist() {
        Requirements.mnist();
    }

    private static String[] with(String command, String... extra) {
        String[] args = new String[1 + FIXED.length + extra.length];
        args[0] = command;
        System.arraycopy(FIXED, 0, args, 1, FIXED.length);
        System.arraycopy(extra, 0, args, 1 + FIXED.length, extra.length);
        return args;
    }

    @Test
    void everyRunIsWhatTrainGivesAndTheBestModelIsTheOneTrainSaves() throws Exception {
        Path out = dir.resolve("search");
        CommandLineTest.Run search = CommandLineTest.run(with("search", "--lr", "0.05,0.2", "--seeds", "2", "--jobs", "2",
                "--save-best", "--out", out.toString()));
        assertEquals(0, search.status(), search.err());

        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals("config,lr,seed,train_accuracy,validation_accuracy,test_accuracy,seconds,epochs_trained,kept_epoch",
                runs.get(0));
        String bestLr = null;
        String bestSeed = null;
        double bestValidation = -1;
        int bestCorrect = -1;
        String bestConfig = Files.readAllLines(out.resolve("table.csv")).stream().filter(l -> l.endsWith(",1"))
                .findFirst().orElseThrow().split(",")[0];
        for (String row : runs.subList(1, runs.size())) {
            String[] cells = row.split(",");
            CommandLineTest.Run train = CommandLineTest.run(with("train", "--lr", cells[1], "--seed", cells[2]));
            assertEquals(0, train.status(), train.err());
            Matcher m = TEST_ACCURACY.matcher(train.out());
            assertTrue(m.find(), train.out());
            double trainTest = Integer.parseInt(m.group(1)) / (double) Integer.parseInt(m.group(2));
            assertEquals(trainTest, Double.parseDouble(cells[5]), "test accuracy of lr " + cells[1] + " seed " + cells[2]);
            if (cells[0].equals(bestConfig) && Double.parseDouble(cells[4]) > bestValidation) {
                bestValidation = Double.parseDouble(cells[4]);
                bestLr = cells[1];
                bestSeed = cells[2];
                bestCorrect = Integer.parseInt(m.group(1));
            }
        }

        Path trained = dir.resolve("train.npz");
        assertEquals(0, CommandLineTest.run(with("train", "--lr", bestLr, "--seed", bestSeed, "--save", trained.toString()))
                .status());
        SavedModel fromTrain = ModelFile.load(trained);
        SavedModel fromSearch = ModelFile.load(out.resolve("best.npz"));
        for (Parameter p : fromTrain.network().parameters()) {
            assertArrayEquals(p.value().floats(), fromSearch.network().parameter(p.name()).value().floats(), p.name());
        }
        assertEquals(fromTrain.experiment(), fromSearch.experiment());

        CommandLineTest.Run evaluate = CommandLineTest.run("evaluate", out.resolve("best.npz").toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertTrue(evaluate.out().contains("(" + bestCorrect + " of 10000)"), evaluate.out());
    }
}
