package org.nnlab.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nnlab.formats.AtomicFiles;

/**
 * runs.csv in a search directory: one row per finished run, in the order of configuration and
 * seed (whichever finished first), with the searched options' values written out so that the file
 * reads without the plan. Accuracies are fractions written in full ({@link Double#toString}, which
 * reads back to the same double; NaN for a run that diverged), so that the table can be recomputed
 * from this file exactly. Reading it back is how an interrupted search knows what is done.
 */
public final class RunsCsv {
    public static final String NAME = "runs.csv";
    private static final List<String> RESULT_COLUMNS = List.of("seed", "train_accuracy", "validation_accuracy",
            "test_accuracy", "seconds", "epochs_trained", "kept_epoch");

    private RunsCsv() {
    }

    static String header(SearchPlan plan) {
        List<String> columns = new ArrayList<>(List.of("config"));
        columns.addAll(plan.searched().keySet());
        columns.addAll(RESULT_COLUMNS);
        return String.join(",", columns);
    }

    public static void write(Path directory, SearchPlan plan, List<RunResult> runs) throws IOException {
        StringBuilder sb = new StringBuilder(header(plan)).append('\n');
        for (RunResult r : sorted(runs)) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(r.configuration())));
            cells.addAll(plan.configurations().get(r.configuration() - 1).values().values());
            cells.addAll(List.of(Long.toString(r.seed()), Double.toString(r.trainAccuracy()),
                    Double.toString(r.validationAccuracy()), Double.toString(r.testAccuracy()),
                    String.format(Locale.ROOT, "%.3f", r.seconds()), Integer.toString(r.epochsTrained()),
                    Integer.toString(r.keptEpoch())));
            sb.append(String.join(",", cells)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(directory.resolve(NAME), out -> out.write(bytes));
    }

    static List<RunResult> sorted(List<RunResult> runs) {
        return runs.stream().sorted(Comparator.comparingInt(RunResult::configuration)
                .thenComparing(r -> r.seed())).toList();
    }

    /**
     * The runs in {@code file}, which belongs to {@code plan}; an IllegalArgumentException naming
     * the file and line when a row does not fit the plan (another search's file, or an edited one).
     */
    public static List<RunResult> read(Path file, SearchPlan plan) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header(plan))) {
            throw new IllegalArgumentException(file + ": expected the header " + header(plan) + ", got "
                    + (lines.isEmpty() ? "an empty file" : lines.get(0)));
        }
        List<RunResult> runs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                RunResult run = parse(lines.get(i), plan);
                if (!seen.add(run.configuration() + "/" + run.seed())) {
                    throw new IllegalArgumentException("configuration " + run.configuration() + " seed " + run.seed()
                            + " appears twice");
                }
                runs.add(run);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": a field is not a number: " + lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return runs;
    }

    private static RunResult parse(String line, SearchPlan plan) {
        String[] cells = line.split(",", -1);
        int options = plan.searched().size();
        if (cells.length != 1 + options + RESULT_COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + (1 + options + RESULT_COLUMNS.size()) + " fields, got "
                    + cells.length);
        }
        int number = Integer.parseInt(cells[0]);
        if (number < 1 || number > plan.configurations().size()) {
            throw new IllegalArgumentException("configuration " + number + " is not in the plan (1.."
                    + plan.configurations().size() + ")");
        }
        List<String> values = List.copyOf(plan.configurations().get(number - 1).values().values());
        for (int j = 0; j < options; j++) {
            if (!cells[1 + j].equals(values.get(j))) {
                throw new IllegalArgumentException("configuration " + number + " has " + values.get(j) + " in the plan, "
                        + cells[1 + j] + " here");
            }
        }
        int at = 1 + options;
        long seed = Long.parseLong(cells[at]);
        if (!plan.seeds().contains(seed)) {
            throw new IllegalArgumentException("seed " + seed + " is not one of the plan's seeds " + plan.seeds());
        }
        return new RunResult(number, seed, Double.parseDouble(cells[at + 1]), Double.parseDouble(cells[at + 2]),
                Double.parseDouble(cells[at + 3]), Double.parseDouble(cells[at + 4]), Integer.parseInt(cells[at + 5]),
                Integer.parseInt(cells[at + 6]));
    }
}
