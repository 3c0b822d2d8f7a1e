package org.nnlab.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnlab.experiment.ExperimentOption;
import org.nnlab.experiment.ExperimentOption.Search;
import org.nnlab.experiment.ExperimentOptions;

/**
 * What a search runs: the train options held fixed, the options searched and how, the seeds, and
 * the configurations this expands to. {@code configurations × seeds} runs in all. Two plans are
 * the same search when the options, seeds and sampling agree; {@link #difference} names what does
 * not, so that a search directory is never continued with another search's runs.
 *
 * @param fixed        train options given once, as on the command line (a switch, e.g. keep-best, has an empty value)
 * @param searched     the options searched, each with its list or range as given
 * @param randomCount  0 for a grid, else the number of configurations drawn by --random
 * @param searchSeed   the seed of the random draw (unused by a grid)
 */
public record SearchPlan(Map<String, String> fixed, Map<String, ValueSpec> searched, List<Long> seeds,
                         int randomCount, long searchSeed, List<Configuration> configurations) {

    public SearchPlan {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        searched = Collections.unmodifiableMap(new LinkedHashMap<>(searched));
        seeds = List.copyOf(seeds);
        configurations = List.copyOf(configurations);
    }

    /**
     * The plan for options as given: {@code searchedText} maps each searched option to its text
     * ("0.05,0.1" or "1e-4..1e-1"). Mistakes are IllegalArgumentExceptions that name the flag.
     */
    public static SearchPlan of(Map<String, String> fixed, Map<String, String> searchedText, List<Long> seeds,
                                int randomCount, long searchSeed) {
        Map<String, ValueSpec> specs = new LinkedHashMap<>();
        Map<String, Search> kinds = new LinkedHashMap<>();
        searchedText.forEach((option, text) -> {
            Search kind = searchKind(option);
            kinds.put(option, kind);
            specs.put(option, ValueSpec.parse(option, kind, text));
        });
        requireSomethingToRun(specs, seeds);
        List<Configuration> configurations = randomCount == 0 ? PlanExpansion.grid(lists(specs))
                : PlanExpansion.random(requireRange(specs, randomCount), kinds, randomCount, searchSeed);
        return new SearchPlan(fixed, specs, seeds, randomCount, searchSeed, configurations);
    }

    /** How a search may vary option {@code --flag}; an IllegalArgumentException saying why for one it may not. */
    private static Search searchKind(String flag) {
        ExperimentOption<?> option = ExperimentOptions.byFlag(flag).orElseThrow(() -> new IllegalArgumentException(
                "--" + flag + " cannot be searched: it is not a training option"));
        if (option.search() == Search.FIXED) {
            throw new IllegalArgumentException("--" + flag + " cannot be searched: " + option.fixedBecause());
        }
        return option.search();
    }

    private static void requireSomethingToRun(Map<String, ValueSpec> specs, List<Long> seeds) {
        if (specs.isEmpty() && seeds.size() < 2) {
            throw new IllegalArgumentException("nothing to search: give an option several values (--lr 0.05,0.1,0.5),"
                    + " or with --random N a range (--lr 1e-4..1e-1), or several seeds (--seeds 5)");
        }
    }

    /** A grid takes lists only: a range has no values to enumerate. */
    private static Map<String, List<String>> lists(Map<String, ValueSpec> specs) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        specs.forEach((option, spec) -> {
            if (spec instanceof ValueSpec.Range) {
                throw new IllegalArgumentException("--" + option + " " + spec.text() + " is a range, which only"
                        + " --random N samples; for a grid, list the values: --" + option + " A,B,C");
            }
            lists.put(option, ((ValueSpec.Listed) spec).values());
        });
        return lists;
    }

    private static Map<String, ValueSpec> requireRange(Map<String, ValueSpec> specs, int randomCount) {
        if (specs.values().stream().noneMatch(s -> s instanceof ValueSpec.Range)) {
            throw new IllegalArgumentException("--random " + randomCount + " samples ranges LOW..HIGH"
                    + " (e.g. --lr 1e-4..1e-1), and no option has one; without --random, lists form a grid");
        }
        return specs;
    }

    public int runCount() {
        return configurations.size() * seeds.size();
    }

    /** "grid" or "random 20, search seed 1". */
    public String mode() {
        return randomCount == 0 ? "grid" : "random " + randomCount + ", search seed " + searchSeed;
    }

    /** The searched options as flags: "--lr 0.05,0.1,0.5  --hidden 128,256,512". */
    public String searchedFlags() {
        return flags(specTexts());
    }

    /** The fixed options as flags, "--epochs 2  --keep-best", or "" when none was given. */
    public String fixedFlags() {
        return flags(fixed);
    }

    /** One line for a plot's subtitle: "grid over --lr 0.05,0.1  --hidden 64,128; fixed --epochs 2; seeds [1, 2]". */
    public String describe() {
        return mode() + (searched.isEmpty() ? "" : " over " + searchedFlags())
                + (fixed.isEmpty() ? "" : "; fixed " + fixedFlags()) + "; seeds " + seeds;
    }

    private static String flags(Map<String, String> options) {
        List<String> parts = new ArrayList<>();
        // A switch (--keep-best) is stored with an empty value.
        options.forEach((name, value) -> parts.add(value.isEmpty() ? "--" + name : "--" + name + " " + value));
        return String.join("  ", parts);
    }

    /** The first way in which {@code other} (the plan found in a directory) is another search than this one. */
    public Optional<String> difference(SearchPlan other) {
        Optional<String> options = differentOptions(specTexts(), other.specTexts(), "searched");
        if (options.isPresent()) {
            return options;
        }
        options = differentOptions(fixed, other.fixed, "fixed");
        if (options.isPresent()) {
            return options;
        }
        if (!seeds.equals(other.seeds)) {
            return Optional.of("--seeds: the seeds are " + other.seeds + " there, " + seeds + " here");
        }
        if (!mode().equals(other.mode())) {
            return Optional.of("the sampling is " + other.mode() + " there, " + mode() + " here");
        }
        if (!List.copyOf(searched.keySet()).equals(List.copyOf(other.searched.keySet()))) {
            return Optional.of("the searched options come in another order (" + String.join(", ", other.searched.keySet())
                    + " there, " + String.join(", ", searched.keySet()) + " here), which numbers the configurations"
                    + " differently");
        }
        if (!configurations.equals(other.configurations)) {
            return Optional.of("the configurations differ (plan.json was edited, or written by another nnlab)");
        }
        return Optional.empty();
    }

    Map<String, String> specTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        searched.forEach((option, spec) -> texts.put(option, spec.text()));
        return texts;
    }

    private static Optional<String> differentOptions(Map<String, String> here, Map<String, String> there, String what) {
        List<String> names = new ArrayList<>(there.keySet());
        here.keySet().stream().filter(name -> !there.containsKey(name)).forEach(names::add);
        for (String name : names) {
            String a = there.get(name);
            String b = here.get(name);
            if (a == null || !a.equals(b)) {
                return Optional.of("--" + name + " (" + what + ") is " + (a == null ? "not given" : a) + " there, "
                        + (b == null ? "not given" : b) + " here");
            }
        }
        return Optional.empty();
    }
}
