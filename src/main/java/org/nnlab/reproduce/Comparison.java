package org.nnlab.reproduce;

import java.util.List;
import org.nnlab.experiment.Experiment;

/**
 * One row group of a preset's table: a setup from a report, the numbers the report claims for it,
 * and two runs of it, each over the same seeds:
 *
 * <ul>
 *   <li>{@code faithful}: as the report's code really ran it (or its text, where no code is public);</li>
 *   <li>{@code corrected}: with the code's deviations fixed, as nnlab would do it.</li>
 * </ul>
 *
 * Either may be null when a row compares only one of them (printed as "—").
 *
 * @param setup          a short description for the table
 * @param claims         the report's numbers for this setup
 * @param faithful       the run as the report's code ran it, at the report's full budget
 * @param corrected      the corrected run, at the report's full budget
 * @param seeds          the seeds each run is repeated with; the table shows mean ± std over them
 * @param defaultEpochs  epochs in the default (shorter) budget; the full budget runs the experiments' own
 * @param fullOnly       whether the row is run only with --full
 */
public record Comparison(String setup, List<Claim> claims, Experiment faithful, Experiment corrected,
                         List<Long> seeds, int defaultEpochs, boolean fullOnly) {

    public Comparison {
        claims = List.copyOf(claims);
        seeds = List.copyOf(seeds);
        if (faithful == null && corrected == null) {
            throw new IllegalArgumentException(setup + ": a comparison needs at least one run");
        }
        if (seeds.isEmpty() || defaultEpochs < 1) {
            throw new IllegalArgumentException(setup + ": needs at least one seed and one epoch");
        }
    }

    /** A row run in both budgets, with one seed. */
    public static Comparison of(String setup, List<Claim> claims, Experiment faithful, Experiment corrected,
                                int defaultEpochs) {
        return new Comparison(setup, claims, faithful, corrected, List.of(1L), defaultEpochs, false);
    }

    public Comparison withSeeds(Long... values) {
        return new Comparison(setup, claims, faithful, corrected, List.of(values), defaultEpochs, fullOnly);
    }

    public Comparison onlyWhenFull() {
        return new Comparison(setup, claims, faithful, corrected, seeds, defaultEpochs, true);
    }

    /** The epochs a run of this row trains for in the given budget. */
    public int epochs(Budget budget, Experiment experiment) {
        return budget == Budget.FULL ? experiment.training().epochs()
                : Math.min(defaultEpochs, experiment.training().epochs());
    }
}
