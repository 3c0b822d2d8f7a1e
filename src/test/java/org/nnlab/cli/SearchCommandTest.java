package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnlab.data.TrainTest;
import org.nnlab.persistence.ModelFile;
import org.nnlab.persistence.SavedModel;
import org.nnlab.search.BlockDigits;
import org.nnlab.search.ExperimentTrainer;
import org.nnlab.search.SearchDirectory;
import org.nnlab.search.SearchPlan;
import org.nnlab.search.SearchRunner;

/**
 * nnlab search end to end on small 28×28 stand-in images (no MNIST needed): the files it writes,
 * the table recomputed from runs.csv, --jobs, resuming, --save-best, nnlab plot --search, and the
 * mistakes it refuses.
 */
class SearchCommandTest {
    private static final TrainTest IMAGES = BlockDigits.of(400, 200, 11);
    /** 2 × 2 configurations × 2 seeds = 8 runs of 300 images, 2 epochs: well under a second each. */
    private static final String[] GRID = {"--lr", "0.05,0.5", "--hidden", "8,16", "--seeds", "2", "--epochs", "2",
                                          "--split", "300/100", "--batch", "32"};

    @TempDir
    Path dir;

    private static CommandLineTest.Run search(String... args) {
        return CommandLineTest.run(new SearchCommand(dataset -> IMAGES), args);
    }

    private static String[] grid(String... extra) {
        return Stream.concat(Arrays.stream(GRID), Arrays.stream(extra)).toArray(String[]::new);
    }

    private static List<Map<String, String>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows without the columns that hold times, which no two runs share. */
    private static List<Map<String, String>> withoutTimes(List<Map<String, String>> rows) {
        rows.forEach(row -> {
            row.remove("seconds");
            row.remove("seconds_mean");
        });
        return rows;
    }

    @Test
    void theTableHoldsTheMeanAndPopulationStdOfItsRunsAndMarksTheBestValidation() throws Exception {
        Path out = dir.resolve("search");
        CommandLineTest.Run run = search(grid("--out", out.toString()));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("[8/8] config"), run.out());

        List<Map<String, String>> runs = csv(out.resolve("runs.csv"));
        List<Map<String, String>> table = csv(out.resolve("table.csv"));
        assertEquals(8, runs.size());
        assertEquals(4, table.size());
        double bestMean = -1;
        String bestConfig = null;
        for (Map<String, String> row : table) {
            String config = row.get("config");
            List<Map<String, String>> mine = runs.stream().filter(r -> r.get("config").equals(config)).toList();
            assertEquals(2, mine.size());
            assertEquals(mine.get(0).get("lr"), row.get("lr"));
            assertEquals(mine.get(0).get("hidden"), row.get("hidden"));
            for (String metric : List.of("train", "validation", "test")) {
                double[] values = mine.stream().mapToDouble(r -> Double.parseDouble(r.get(metric + "_accuracy"))).toArray();
                double mean = (values[0] + values[1]) / 2;
                double std = Math.sqrt(((values[0] - mean) * (values[0] - mean) + (values[1] - mean) * (values[1] - mean)) / 2);
                assertEquals(mean, Double.parseDouble(row.get(metric + "_mean")), 1e-12, config + " " + metric + " mean");
                assertEquals(std, Double.parseDouble(row.get(metric + "_std")), 1e-12, config + " " + metric + " std");
            }
            double seconds = mine.stream().mapToDouble(r -> Double.parseDouble(r.get("seconds"))).average().orElseThrow();
            assertEquals(seconds, Double.parseDouble(row.get("seconds_mean")), 1e-3);
            double validation = Double.parseDouble(row.get("validation_mean"));
            if (validation > bestMean) {
                bestMean = validation;
                bestConfig = config;
            }
        }
        for (Map<String, String> row : table) {
            assertEquals(row.get("config").equals(bestConfig) ? "1" : "0", row.get("best"), "best is config " + bestConfig);
        }
        String text = Files.readString(out.resolve("table.txt"));
        assertTrue(text.contains("best: configuration " + bestConfig + " ("), text);
        assertTrue(run.out().contains(text.lines().filter(l -> l.contains("◀ best")).findFirst().orElseThrow()),
                "the table is printed too");
        for (String name : List.of("sweep-lr.png", "sweep-lr.svg", "sweep-hidden.png", "sweep-hidden.svg", "plan.json")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        BufferedImage sweep = ImageIO.read(out.resolve("sweep-lr.png").toFile());
        assertEquals(900, sweep.getWidth());
        assertTrue(Files.readString(out.resolve("sweep-lr.svg")).contains("hidden 16"), "one line per hidden size");
    }

    @Test
    void augmentationAndDropoutCanBeSearched() throws Exception {
        Path out = dir.resolve("augment-search");
        CommandLineTest.Run run = search("--augment", "none,elastic,affine+elastic", "--dropout", "0,0.3", "--elastic-alpha",
                "20", "--hidden", "16", "--lr", "0.05", "--epochs", "2", "--split", "300/100", "--batch", "16", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        List<Map<String, String>> table = csv(out.resolve("table.csv"));
        assertEquals(6, table.size());
        Set<String> configurations = table.stream().map(r -> r.get("augment") + " " + r.get("dropout")).collect(Collectors.toSet());
        assertEquals(Set.of("none 0", "none 0.3", "elastic 0", "elastic 0.3", "affine+elastic 0", "affine+elastic 0.3"),
                configurations);
        for (Map<String, String> row : table) {
            double validation = Double.parseDouble(row.get("validation_mean"));
            assertTrue(validation > 0.3 && validation <= 1, "every configuration trained, well above chance: " + row);
        }
        assertTrue(Files.readString(out.resolve("plan.json")).contains("\"elastic-alpha\": \"20\""),
                Files.readString(out.resolve("plan.json")));
    }

    @Test
    void twoJobsGiveTheSameRunsAndTableAsOne() throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        CommandLineTest.Run a = search(grid("--jobs", "1", "--out", one.toString()));
        CommandLineTest.Run b = search(grid("--jobs", "2", "--out", two.toString()));
        assertEquals(0, a.status(), a.err());
        assertEquals(0, b.status(), b.err());
        assertTrue(a.out().contains("one run at a time"), a.out());
        assertTrue(b.out().contains("2 runs at a time, each on one kernel thread"), b.out());
        assertEquals(withoutTimes(csv(one.resolve("runs.csv"))), withoutTimes(csv(two.resolve("runs.csv"))));
        assertEquals(withoutTimes(csv(one.resolve("table.csv"))), withoutTimes(csv(two.resolve("table.csv"))));
    }

    @Test
    void runningTheSameSearchAgainRunsOnlyWhatIsMissing() throws Exception {
        Path out = dir.resolve("search");
        assertEquals(0, search(grid("--out", out.toString())).status());
        List<Map<String, String>> complete = withoutTimes(csv(out.resolve("runs.csv")));
        // An interruption after 5 runs: runs.csv as it was then.
        List<String> lines = Files.readAllLines(out.resolve("runs.csv"));
        Files.write(out.resolve("runs.csv"), lines.subList(0, 6));

        CommandLineTest.Run again = search(grid("--out", out.toString()));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("5 of 8 runs were done, 3 to go"), again.out());
        List<String> progress = again.out().lines().filter(l -> l.matches("\\[\\d/8] config.*")).toList();
        assertEquals(List.of("[6/8]", "[7/8]", "[8/8]"), progress.stream().map(l -> l.substring(0, 5)).toList());
        assertEquals(complete, withoutTimes(csv(out.resolve("runs.csv"))), "the same runs, the same numbers");
    }

    @Test
    void resumingTrainsExactlyTheUnfinishedRuns() throws Exception {
        Flags flags = SearchFlags.declare();
        flags.parse(grid("--out", dir.toString()));
        SearchPlan plan = SearchFlags.plan(flags);
        ExperimentTrainer trainer = new ExperimentTrainer(IMAGES, SearchFlags.experiments(plan));
        SearchDirectory first = SearchDirectory.open(dir, plan);
        for (int configuration : new int[] {1, 3}) {
            first.record(trainer.train(configuration, 2));
        }
        first.record(trainer.train(4, 1));
        CommandLineTest.Run meanwhile = search(grid("--out", dir.toString()));
        assertEquals(2, meanwhile.status(), "a second search into a directory in use is refused");
        assertTrue(meanwhile.err().contains("is in use by another nnlab search that is still running"), meanwhile.err());
        first.close();

        SearchDirectory reopened = SearchDirectory.open(dir, plan);
        assertEquals(3, reopened.runs().size());
        Set<String> trained = ConcurrentHashMap.newKeySet();
        SearchRunner.run(SearchRunner.pending(plan, reopened.runs()), 2, (configuration, seed) -> {
            trained.add(configuration + "/" + seed);
            return trainer.train(configuration, seed);
        }, result -> { });
        assertEquals(Set.of("1/1", "2/1", "2/2", "3/1", "4/2"), trained);
        reopened.close();
    }

    @Test
    void anotherSearchIntoTheSameDirectoryIsRefusedAndTheFilesKept() throws Exception {
        Path out = dir.resolve("search");
        assertEquals(0, search(grid("--out", out.toString())).status());
        byte[] plan = Files.readAllBytes(out.resolve("plan.json"));
        byte[] runs = Files.readAllBytes(out.resolve("runs.csv"));
        String[] other = grid("--out", out.toString());
        other[1] = "0.05,0.1";
        CommandLineTest.Run refused = search(other);
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("holds another search"), refused.err());
        assertTrue(refused.err().contains("--lr (searched) is 0.05,0.5 there, 0.05,0.1 here"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertArrayEquals(plan, Files.readAllBytes(out.resolve("plan.json")));
        assertArrayEquals(runs, Files.readAllBytes(out.resolve("runs.csv")));
    }

    @Test
    void resumeTakesThePlanFromTheDirectory() throws Exception {
        Path out = dir.resolve("search");
        assertEquals(0, search(grid("--out", out.toString())).status());
        List<String> lines = Files.readAllLines(out.resolve("runs.csv"));
        Files.write(out.resolve("runs.csv"), lines.subList(0, 3));
        CommandLineTest.Run resumed = search("--resume", "--out", out.toString(), "--jobs", "1");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("2 of 8 runs were done, 6 to go"), resumed.out());
        assertEquals(9, Files.readAllLines(out.resolve("runs.csv")).size());

        CommandLineTest.Run changed = search("--resume", "--out", out.toString(), "--lr", "0.1");
        assertEquals(2, changed.status());
        assertTrue(changed.err().contains("--lr cannot be combined with --resume"), changed.err());
        CommandLineTest.Run nothing = search("--resume", "--out", dir.resolve("empty").toString());
        assertEquals(2, nothing.status());
        assertTrue(nothing.err().contains("holds no plan.json, so there is no search to continue"), nothing.err());
    }

    @Test
    void saveBestKeepsTheModelOfTheBestConfigurationsBestValidationSeed() throws Exception {
        Path out = dir.resolve("search");
        CommandLineTest.Run run = search(grid("--out", out.toString(), "--save-best"));
        assertEquals(0, run.status(), run.err());
        List<Map<String, String>> table = csv(out.resolve("table.csv"));
        Map<String, String> best = table.stream().filter(r -> r.get("best").equals("1")).findFirst().orElseThrow();
        Map<String, String> bestRun = csv(out.resolve("runs.csv")).stream()
                .filter(r -> r.get("config").equals(best.get("config")))
                .max((x, y) -> Double.compare(Double.parseDouble(x.get("validation_accuracy")),
                        Double.parseDouble(y.get("validation_accuracy"))))
                .orElseThrow();
        SavedModel model = ModelFile.load(out.resolve("best.npz"));
        assertEquals(Long.parseLong(bestRun.get("seed")), model.experiment().training().seed());
        assertEquals(Integer.parseInt(best.get("hidden")), model.experiment().network().hidden());
        assertEquals(Double.parseDouble(best.get("lr")), model.experiment().training().learningRate());
        assertEquals(Double.parseDouble(bestRun.get("test_accuracy")), (Double) model.results().get("test_accuracy"));
        assertTrue(run.out().contains("saved the model of configuration " + best.get("config")), run.out());
    }

    @Test
    void aRandomSearchDrawsItsConfigurationsAndDrawsTheBestAtEachValue() throws Exception {
        Path out = dir.resolve("random");
        CommandLineTest.Run run = search("--random", "4", "--lr", "0.01..1", "--hidden", "8,16", "--epochs", "1",
                "--split", "300/100", "--search-seed", "3", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        List<Map<String, String>> table = csv(out.resolve("table.csv"));
        assertEquals(4, table.size());
        table.forEach(row -> {
            double lr = Double.parseDouble(row.get("lr"));
            assertTrue(lr >= 0.01 && lr <= 1, row.toString());
            assertTrue(Set.of("8", "16").contains(row.get("hidden")), row.toString());
        });
        assertTrue(Files.readString(out.resolve("sweep-lr.svg")).contains("best configuration at each value"));
        assertTrue(Files.readString(out.resolve("plan.json")).contains("\"random\": 4"));
    }

    @Test
    void plotRedrawsTheSweepsFromTheTable() throws Exception {
        Path out = dir.resolve("search");
        assertEquals(0, search(grid("--out", out.toString())).status());
        Path pictures = dir.resolve("pictures");
        CommandLineTest.Run plot = CommandLineTest.run("plot", "--search", out.resolve("table.csv").toString(),
                "--out", pictures.toString());
        assertEquals(0, plot.status(), plot.err());
        assertEquals(Set.of("sweep-lr.png", "sweep-lr.svg", "sweep-hidden.png", "sweep-hidden.svg"),
                Files.list(pictures).map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        assertTrue(Files.readString(pictures.resolve("sweep-hidden.svg")).contains("grid over --lr 0.05,0.5"),
                "the subtitle describes the search from the plan.json beside the table");

        CommandLineTest.Run wrong = CommandLineTest.run("plot", "--search", out.resolve("runs.csv").toString(),
                "--out", pictures.toString());
        assertEquals(1, wrong.status());
        assertTrue(wrong.err().contains("runs.csv: not a search table"), wrong.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--lr 0.1.. --out D|search: --lr 0.1..: expected a range LOW..HIGH",
        "--random 3 --lr 0.1,0.2 --out D|search: --random 3 samples ranges LOW..HIGH",
        "--lr 1e-3..1e-1 --out D|search: --lr 1e-3..1e-1 is a range, which only --random N samples",
        "--lr 0.1,0.2 --seeds 0 --out D|search: --seeds must be a count N ≥ 1",
        "--lr 0.1,0.2 --seeds 1,1 --out D|search: --seeds must be a count N ≥ 1 (seeds 1..N) or a list of different seeds",
        "--lr 0.1,0.2 --seeds 2 --seed 3 --out D|search: give --seeds or --seed, not both",
        "--lr 0.1,0.2 --split all/test --out D|search: --split all/test validates on the test set",
        "--lr 0.1,0.2 --split 60k/0 --out D|search: --split 60k/0 has no validation images",
        "--dataset mnist,fashion-mnist --out D|search: --dataset cannot be searched: a search loads one dataset",
        "--lr 0.1,0.2 --search-seed 4 --out D|search: --search-seed seeds the draw of --random N",
        "--lr 0.1,-1 --out D|search: configuration 2 (lr -1): --lr must be a positive number, got '-1'",
        "--loss tanh-mse,softmax-ce --targets plus-minus-one --out D|search: configuration 2 (loss softmax-ce): --targets plus-minus-one needs --loss tanh-mse",
        "--lr 0.1 --out D|search: nothing to search",
        "--lr 0.1,0.2|search: --out DIR is required",
        "--lr 0.1,0.2 --learning-rate 3 --out D|search: unknown flag --learning-rate",
    })
    void mistakesGetOneLineNamingTheFlagAndExitStatus2(String args, String expected) {
        String[] split = args.replace(" D", " " + dir.resolve("out")).split(" ");
        CommandLineTest.Run run = CommandLineTest.run(Stream.concat(Stream.of("search"), Arrays.stream(split))
                .toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().startsWith("nnlab " + expected), "expected «nnlab " + expected + "…», got «" + run.err() + "»");
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written for a refused search");
    }

    @Test
    void aSplitLargerThanTheDatasetIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("search");
        CommandLineTest.Run run = search("--lr", "0.1,0.2", "--split", "600/100", "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().startsWith("nnlab search: --split: the split 600/100 needs 700 training images, the dataset"
                + " has 400"), run.err());
        assertFalse(Files.exists(out), "no plan.json that would hold a retry with a smaller split to this one");
    }

    @Test
    void helpExplainsListsRangesSeedsAndTheStandardDeviation() {
        CommandLineTest.Run help = CommandLineTest.run("search", "--help");
        assertEquals(0, help.status());
        for (String text : List.of("usage: nnlab search [flags]", "--lr 0.05,0.1,0.5 --hidden 128,256,512",
                "--random N", "--seeds N|LIST", "--jobs N", "--save-best", "--resume", "population standard deviation",
                "--lr RATE", "never chosen by test accuracy")) {
            assertTrue(help.out().contains(text), "help should mention " + text + ":\n" + help.out());
        }
        assertTrue(CommandLineTest.run("--help").out().contains("  search "), "nnlab --help lists search");
    }

    @Test
    void aRunThatDivergesIsRecordedAndNeverBest() throws Exception {
        Path out = dir.resolve("diverging");
        CommandLineTest.Run run = search("--lr", "0.05,1e30", "--epochs", "1", "--split", "300/100", "--hidden", "8",
                "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("diverged in epoch 1"), run.out());
        List<Map<String, String>> table = csv(out.resolve("table.csv"));
        assertEquals("NaN", table.get(1).get("validation_mean"));
        assertEquals("1", table.get(0).get("best"));
    }
}
