package org.nnlab.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.formats.TextTable;
import org.nnlab.evaluation.Stats;

/**
 * table.csv and table.txt in a search directory: the {@link SearchTable} for other tools (fractions
 * in full, one row per configuration) and for people (percentages, aligned, best row marked).
 */
public final class TableFiles {
    public static final String CSV = "table.csv";
    public static final String TEXT = "table.txt";
    /** The columns of table.csv after the searched options; {@link TableCsv} reads them back. */
    static final List<String> STAT_COLUMNS = List.of("seeds", "train_mean", "train_std", "validation_mean",
            "validation_std", "test_mean", "test_std", "seconds_mean", "best");

    private TableFiles() {
    }

    public static void write(Path directory, SearchTable table) throws IOException {
        write(directory.resolve(CSV), csv(table));
        write(directory.resolve(TEXT), text(table));
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Fractions written in full (Double.toString reads back exactly); empty cells for a configuration not yet run. */
    static String csv(SearchTable table) {
        List<String> columns = new ArrayList<>(List.of("config"));
        columns.addAll(table.plan().searched().keySet());
        columns.addAll(STAT_COLUMNS);
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        int best = bestNumber(table);
        for (SearchTable.Row row : table.rows()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(row.configuration().number())));
            cells.addAll(row.configuration().values().values());
            cells.add(Integer.toString(row.runs()));
            for (Stats s : List.of(row.train(), row.validation(), row.test())) {
                cells.add(number(row, s.mean()));
                cells.add(number(row, s.std()));
            }
            cells.add(row.runs() == 0 ? "" : String.format(Locale.ROOT, "%.3f", row.meanSeconds()));
            cells.add(row.configuration().number() == best ? "1" : "0");
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String number(SearchTable.Row row, double value) {
        return row.runs() == 0 ? "" : Double.toString(value);
    }

    /** The table for a terminal or a Markdown file, with what was searched above it and the best row named below. */
    public static String text(SearchTable table) {
        SearchPlan plan = table.plan();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("nnlab search: %s, %d configurations × %d seeds %s = %d runs, %d done%n", plan.mode(),
                plan.configurations().size(), plan.seeds().size(), plan.seeds(), plan.runCount(), table.finishedRuns()));
        sb.append("searched: ").append(plan.searched().isEmpty() ? "nothing but the seeds" : plan.searchedFlags()).append('\n');
        sb.append("fixed:    ").append(plan.fixed().isEmpty() ? "nothing" : plan.fixedFlags())
                .append("; every other train option at its default\n");
        sb.append("accuracy in % of each set, of the weights each run kept: mean μ and standard deviation σ over the seeds\n"
                + "(population σ, divided by n); time: mean seconds per run\n\n");
        List<String> headings = new ArrayList<>(List.of("config"));
        headings.addAll(plan.searched().keySet());
        headings.addAll(List.of("seeds", "train μ", "train σ", "val μ", "val σ", "test μ", "test σ", "time s", "best"));
        boolean[] right = new boolean[headings.size()];
        Arrays.fill(right, true);
        right[right.length - 1] = false;
        int best = bestNumber(table);
        List<List<String>> rows = new ArrayList<>();
        for (SearchTable.Row row : table.rows()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(row.configuration().number())));
            cells.addAll(row.configuration().values().values());
            cells.add(row.runs() + "/" + plan.seeds().size());
            for (Stats s : List.of(row.train(), row.validation(), row.test())) {
                cells.add(percent(row, s.mean(), true));
                cells.add(percent(row, s.std(), false));
            }
            cells.add(row.runs() == 0 ? "—" : String.format(Locale.ROOT, "%.1f", row.meanSeconds()));
            cells.add(row.configuration().number() == best ? "◀ best" : "");
            rows.add(cells);
        }
        sb.append(TextTable.format(headings, right, rows)).append('\n');
        sb.append(bestLine(table)).append('\n');
        return sb.toString();
    }

    /** "best: configuration 6 (lr 0.1, hidden 512), mean validation accuracy 97.63% over 2 seeds; ...". */
    public static String bestLine(SearchTable table) {
        Optional<SearchTable.Row> best = table.best();
        if (best.isEmpty()) {
            return "best: none yet (no configuration has a finished run that did not diverge)";
        }
        SearchTable.Row row = best.get();
        return String.format(Locale.ROOT, "best: configuration %d (%s), mean validation accuracy %.2f%% over %d seed%s;"
                        + " chosen by validation accuracy, never by test accuracy", row.configuration().number(),
                row.configuration().values().isEmpty() ? "the fixed options" : row.configuration().describe(),
                100 * row.validation().mean(), row.runs(), row.runs() == 1 ? "" : "s");
    }

    private static int bestNumber(SearchTable table) {
        return table.best().map(row -> row.configuration().number()).orElse(0);
    }

    private static String percent(SearchTable.Row row, double value, boolean isMean) {
        if (row.runs() == 0) {
            return "—";
        }
        if (Double.isNaN(value)) {
            return isMean ? "diverged" : "";
        }
        return String.format(Locale.ROOT, "%.2f", 100 * value);
    }
}
