package org.nnlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table's statistics and its choice of the best configuration, on runs made up for the purpose. */
class SearchTableTest {
    private static final SearchPlan PLAN = SearchPlan.of(Map.of(), Map.of("lr", "0.1,0.2,0.3"), List.of(1L, 2L, 3L), 0, 1);

    private static RunResult run(int configuration, long seed, double train, double validation, double test) {
        return new RunResult(configuration, seed, train, validation, test, 1.5 * seed, 2, 2);
    }

    @Test
    void theBestIsChosenByValidationAccuracyEvenWhereTestAccuracyDisagrees() {
        // Configuration 1 validates best; configuration 2 tests best; configuration 3 trains best.
        List<RunResult> runs = List.of(
                run(1, 1, 0.90, 0.95, 0.80), run(1, 2, 0.90, 0.93, 0.80), run(1, 3, 0.90, 0.94, 0.80),
                run(2, 1, 0.90, 0.90, 0.99), run(2, 2, 0.90, 0.91, 0.99), run(2, 3, 0.90, 0.92, 0.99),
                run(3, 1, 0.99, 0.85, 0.90), run(3, 2, 0.99, 0.86, 0.90), run(3, 3, 0.99, 0.84, 0.90));
        SearchTable table = SearchTable.of(PLAN, runs);
        assertEquals(1, table.best().orElseThrow().configuration().number());
        RunResult bestRun = table.bestRun(runs).orElseThrow();
        assertEquals(1, bestRun.configuration());
        assertEquals(1L, bestRun.seed(), "within the best configuration, the seed with the best validation accuracy");
        assertTrue(TableFiles.text(table).contains("|      1 | 0.1 |   3/3 |   90.00 |    0.00 | 94.00 |  0.82 |  80.00 |   0.00 |    3.0 | ◀ best |"), TableFiles.text(table));
        assertTrue(TableFiles.csv(table).contains("\n1,0.1,3,"), "configuration 1 is in the csv");
        assertTrue(TableFiles.csv(table).lines().filter(l -> l.endsWith(",1")).allMatch(l -> l.startsWith("1,")),
                "only configuration 1 is marked best in the csv:\n" + TableFiles.csv(table));
    }

    @Test
    void meansAndPopulationStandardDeviationsAreThoseOfTheRuns() {
        List<RunResult> runs = List.of(run(2, 1, 0.5, 0.6, 0.7), run(2, 2, 0.6, 0.8, 0.7), run(2, 3, 0.7, 0.7, 0.4));
        SearchTable.Row row = SearchTable.of(PLAN, runs).rows().get(1);
        assertEquals(3, row.runs());
        assertEquals(0.6, row.train().mean(), 1e-15);
        assertEquals(Math.sqrt(((0.1 * 0.1) + 0 + (0.1 * 0.1)) / 3), row.train().std(), 1e-15, "divided by n, not n − 1");
        assertEquals(0.7, row.validation().mean(), 1e-15);
        assertEquals(0.6, row.test().mean(), 1e-15);
        assertEquals(Math.sqrt((0.01 + 0.01 + 0.04) / 3), row.test().std(), 1e-15);
        assertEquals((1.5 + 3 + 4.5) / 3, row.meanSeconds(), 1e-15);
        assertEquals(0, SearchTable.of(PLAN, runs).rows().get(0).runs(), "configuration 1 has no runs yet");
    }

    @Test
    void aConfigurationWithADivergedRunIsNeverBest() {
        List<RunResult> runs = List.of(run(1, 1, 0.9, 0.99, 0.9), RunResult.diverged(1, 2, 0.3, 1),
                run(2, 1, 0.5, 0.50, 0.5));
        SearchTable table = SearchTable.of(PLAN, runs);
        assertEquals(2, table.best().orElseThrow().configuration().number());
        assertTrue(TableFiles.text(table).contains("diverged"), TableFiles.text(table));
    }

    @Test
    void withoutAnyFinishedRunThereIsNoBest() {
        SearchTable table = SearchTable.of(PLAN, List.of());
        assertTrue(table.best().isEmpty());
        assertTrue(TableFiles.text(table).contains("best: none yet"), TableFiles.text(table));
    }
}
