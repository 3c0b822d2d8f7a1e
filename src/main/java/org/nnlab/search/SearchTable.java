package org.nnlab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.nnlab.evaluation.Stats;

/**
 * The search's results per configuration, like report 003's Table III: the mean and standard
 * deviation over seeds of the train, validation and test accuracy, and the mean time of a run.
 *
 * <p>The standard deviation is the population one, divided by n (numpy's default {@code np.std},
 * {@code ddof=0}), as in {@code nnlab reproduce}'s tables ({@link Stats}).
 *
 * <p>The best configuration is the one with the highest mean validation accuracy, ties going to
 * the lower number. The test accuracy is reported and never consulted: choosing by it would make
 * the test set a second validation set, and its accuracy an optimistic estimate.
 */
public record SearchTable(SearchPlan plan, List<Row> rows) {

    /**
     * One configuration's statistics over its finished runs ({@code runs} of the plan's seeds so far).
     * A configuration without runs has NaN statistics; one with a diverged run has NaN means.
     */
    public record Row(Configuration configuration, int runs, Stats train, Stats validation, Stats test,
                      double meanSeconds) {
    }

    public static SearchTable of(SearchPlan plan, List<RunResult> runs) {
        List<Row> rows = new ArrayList<>();
        // In seed order, whatever order the runs finished in: a mean's last bit depends on the order of its terms.
        List<RunResult> sorted = RunsCsv.sorted(runs);
        for (Configuration c : plan.configurations()) {
            List<RunResult> mine = sorted.stream().filter(r -> r.configuration() == c.number()).toList();
            rows.add(new Row(c, mine.size(), stats(mine, RunResult::trainAccuracy),
                    stats(mine, RunResult::validationAccuracy), stats(mine, RunResult::testAccuracy),
                    stats(mine, RunResult::seconds).mean()));
        }
        return new SearchTable(plan, List.copyOf(rows));
    }

    private static Stats stats(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
        return Stats.of(runs.stream().map(r -> metric.applyAsDouble(r)).toList());
    }

    /** The row with the highest mean validation accuracy; empty while no configuration has one. */
    public Optional<Row> best() {
        Row best = null;
        for (Row row : rows) {
            double mean = row.validation().mean();
            if (Double.isFinite(mean) && (best == null || mean > best.validation().mean())) {
                best = row;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Of the best configuration's runs, the one with the highest validation accuracy (ties: the lower seed). */
    public Optional<RunResult> bestRun(List<RunResult> runs) {
        return best().flatMap(row -> runs.stream()
                .filter(r -> r.configuration() == row.configuration().number() && !r.isDiverged())
                .max(Comparator.comparingDouble(RunResult::validationAccuracy)
                        .thenComparing(Comparator.comparingLong(RunResult::seed).reversed())));
    }

    public int finishedRuns() {
        return rows.stream().mapToInt(Row::runs).sum();
    }
}
