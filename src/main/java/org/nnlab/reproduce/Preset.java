package org.nnlab.reproduce;

import java.util.List;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentOption.Section;
import org.nnlab.experiment.ExperimentOptions;

/**
 * Everything needed to rerun one report's headline experiments: where it comes from, what it
 * claims, and how its faithful and corrected runs are set up. One implementation per report.
 */
public interface Preset {

    /** The name on the command line: the authors', e.g. "xu-shi". */
    String name();

    /** The report's file in {@code shared/reports/}, e.g. "000_f789414043e62a6a.txt". */
    String reportFile();

    /** Authors, year and what the report is, for the table's title. */
    String title();

    /** What the default budget leaves out, in one sentence, e.g. "2 of 10 epochs per run". */
    String defaultBudget();

    /** The rows of the table, in order. */
    List<Comparison> comparisons();

    /**
     * A recipe as the {@code nnlab train} flags that run it, e.g. "--hidden 800 … --augment elastic",
     * without {@code --seed}: a row runs over several seeds (or those {@code --seeds} picks), and
     * each run's result line names its own.
     */
    static String asFlags(Experiment recipe) {
        return ExperimentOptions.describe(recipe, Section.NETWORK) + " "
                + ExperimentOptions.describeWithout(recipe, Section.TRAINING, "seed");
    }

    /** The dataset every row trains on, by its command-line name. */
    default String dataset() {
        return "mnist";
    }

    /** The names of the variants {@code --variant} can pick, one row each; empty when the preset has none. */
    default List<String> variants() {
        return List.of();
    }

    /**
     * This preset with every row run only with those of its seeds that are in {@code wanted}, e.g.
     * to run a preset's seeds as separate processes side by side; a row left with no seed is dropped.
     */
    default Preset withSeeds(List<Long> wanted) {
        Preset all = this;
        List<Comparison> rows = comparisons().stream()
                .filter(c -> c.seeds().stream().anyMatch(wanted::contains))
                .map(c -> new Comparison(c.setup(), c.claims(), c.faithful(), c.corrected(),
                        c.seeds().stream().filter(wanted::contains).toList(), c.defaultEpochs(), c.fullOnly()))
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no row of " + name() + " runs seeds " + wanted + "; its seeds are "
                    + comparisons().stream().flatMap(c -> c.seeds().stream()).distinct().sorted().toList());
        }
        return new Preset() {
            @Override
            public String name() {
                return all.name();
            }

            @Override
            public String reportFile() {
                return all.reportFile();
            }

            @Override
            public String title() {
                return all.title();
            }

            @Override
            public String defaultBudget() {
                return all.defaultBudget();
            }

            @Override
            public List<Comparison> comparisons() {
                return rows;
            }

            @Override
            public String dataset() {
                return all.dataset();
            }
        };
    }

    /** This preset with only the row of the named variant; an unknown name lists the valid ones. */
    default Preset variant(String variantName) {
        throw new IllegalArgumentException("preset " + name() + " has no variants; --variant is for "
                + Presets.all().stream().filter(p -> !p.variants().isEmpty()).map(Preset::name).toList());
    }
}
