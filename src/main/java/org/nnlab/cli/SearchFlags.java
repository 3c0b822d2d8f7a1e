package org.nnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.search.Configuration;
import org.nnlab.search.SearchDirectory;
import org.nnlab.search.SearchPlan;
import org.nnlab.search.ValueSpec;

/**
 * The {@code nnlab search} flags: the train options (a list or a range searches one), the seeds,
 * and how the search runs; and what they describe, a {@link SearchPlan} and the experiment of each
 * of its configurations. Kept apart from {@link SearchCommand} so that the command reads as steps.
 */
final class SearchFlags {
    /** The flags of the search itself; every other flag is a train option. */
    private static final List<String> SEARCH_FLAGS = List.of("seeds", "random", "search-seed", "jobs", "out",
            "save-best", "resume");
    /** The flags that may accompany --resume: they change how the search runs, not what it searches. */
    private static final List<String> RESUME_FLAGS = List.of("out", "resume", "jobs", "save-best");

    private SearchFlags() {
    }

    static Flags declare() {
        return ExperimentFlags.declare(new Flags("search"))
                .option("seeds", "N|LIST", null, "seeds of every configuration: N (seeds 1..N) or a list, e.g. 1,7,42"
                        + " (default: the one seed of --seed)")
                .option("random", "N", null, "draw N configurations: ranges LOW..HIGH log-uniformly, lists uniformly"
                        + " (default: a grid of the lists)")
                .option("search-seed", "N", "1", "seed of the --random draw")
                .option("jobs", "N", null, "runs trained side by side, each on one kernel thread (default: the number"
                        + " of processors, " + Runtime.getRuntime().availableProcessors() + " here)")
                .option("out", "DIR", null, "directory for plan.json, runs.csv, table.csv, table.txt and the sweep plots"
                        + " (required)")
                .toggle("save-best", "retrain the best configuration's best-validation seed and save its model to"
                        + " DIR/" + SearchCommand.BEST_MODEL)
                .toggle("resume", "continue the search in --out DIR with the plan stored there (--jobs and --save-best"
                        + " may be given)");
    }

    /** The plan the flags describe: lists and ranges are searched, single values fixed. */
    static SearchPlan plan(Flags flags) {
        Map<String, String> fixed = new LinkedHashMap<>();
        Map<String, String> searched = new LinkedHashMap<>();
        for (String name : flags.setNames()) {
            if (SEARCH_FLAGS.contains(name) || name.equals("seed")) {
                continue;
            }
            String text = flags.get(name);
            if (!flags.isSwitch(name) && ValueSpec.isSearch(text)) {
                searched.put(name, text);
            } else {
                fixed.put(name, flags.isSwitch(name) ? "" : text);
            }
        }
        if (flags.isSet("search-seed") && !flags.isSet("random")) {
            throw new UsageException("search: --search-seed seeds the draw of --random N; without --random nothing is drawn");
        }
        int random = flags.isSet("random") ? flags.positiveInt("random") : 0;
        try {
            return SearchPlan.of(fixed, searched, seeds(flags), random, flags.longValue("search-seed"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("search: " + e.getMessage());
        }
    }

    /** --seeds N is seeds 1..N, --seeds A,B,C those seeds; without --seeds, the one seed of --seed. */
    static List<Long> seeds(Flags flags) {
        if (flags.get("seeds") == null) {
            return List.of(flags.longValue("seed"));
        }
        if (flags.isSet("seed")) {
            throw new UsageException("search: give --seeds or --seed, not both (--seed N runs seed N only)");
        }
        String text = flags.get("seeds").trim();
        String expected = "search: --seeds must be a count N ≥ 1 (seeds 1..N) or a list of different seeds such as"
                + " 1,7,42, got '" + text + "'";
        try {
            if (!text.contains(",")) {
                int count = Integer.parseInt(text);
                if (count < 1) {
                    throw new UsageException(expected);
                }
                return java.util.stream.LongStream.rangeClosed(1, count).boxed().toList();
            }
            List<Long> seeds = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                long seed = Long.parseLong(part.trim());
                if (seeds.contains(seed)) {
                    throw new UsageException(expected);
                }
                seeds.add(seed);
            }
            return seeds;
        } catch (NumberFormatException e) {
            throw new UsageException(expected);
        }
    }

    static SearchPlan storedPlan(Flags flags, Path out) {
        for (String name : flags.setNames()) {
            if (!RESUME_FLAGS.contains(name)) {
                throw new UsageException("search: --" + name + " cannot be combined with --resume: a resumed search"
                        + " keeps the plan stored in " + out.resolve("plan.json"));
            }
        }
        try {
            return SearchDirectory.storedPlan(out).orElseThrow(() -> new UsageException("search: --resume: "
                    + out + " holds no plan.json, so there is no search to continue"));
        } catch (IOException e) {
            throw new CommandFailedException("nnlab search: cannot read " + out.resolve("plan.json") + " (" + AtomicFiles.reason(e) + ")");
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("nnlab search: " + e.getMessage());
        }
    }

    /**
     * The experiment of each configuration, built from its flags as nnlab train builds one, so
     * that a bad value or combination fails before any training, named with its configuration.
     */
    static List<Experiment> experiments(SearchPlan plan) {
        List<Experiment> experiments = new ArrayList<>();
        for (Configuration c : plan.configurations()) {
            List<String> args = new ArrayList<>();
            plan.fixed().forEach((name, value) -> {
                args.add("--" + name);
                if (!value.isEmpty()) {
                    args.add(value);
                }
            });
            args.addAll(c.arguments());
            Flags flags = ExperimentFlags.declare(new Flags("search"));
            flags.parse(args.toArray(String[]::new));
            try {
                experiments.add(ExperimentFlags.from(flags));
            } catch (UsageException e) {
                if (plan.configurations().size() == 1) {
                    throw e;
                }
                throw new UsageException("search: configuration " + c.number() + " (" + c.describe() + "): "
                        + e.getMessage().substring("search: ".length()));
            }
        }
        experiments.forEach(SearchFlags::requireValidation);
        return experiments;
    }

    /** The best is chosen by validation accuracy: a split must hold out validation images that are not the test set. */
    private static void requireValidation(Experiment e) {
        SplitPlan split = e.split();
        if (split.validatesOnTest()) {
            throw new UsageException("search: --split " + split.spec() + " validates on the test set, so choosing the"
                    + " best by validation accuracy would choose it by test accuracy; use a held-out split such as"
                    + " 55k/5k, or all/stratified-test");
        }
        boolean holdout = split.kind() == SplitPlan.Kind.HOLDOUT || split.kind() == SplitPlan.Kind.ORDERED_HOLDOUT;
        if (holdout && split.validationSize() == 0) {
            throw new UsageException("search: --split " + split.spec() + " has no validation images, and a search"
                    + " chooses by validation accuracy; hold some out, e.g. 55k/5k");
        }
    }
}
