package org.nnlab.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The --out directory of a search: plan.json (what is searched), runs.csv (every finished run),
 * table.csv and table.txt (the statistics per configuration). The files are rewritten, each under
 * a temporary name and then renamed, after every finished run, so that stopping the search at any
 * moment loses at most the runs in flight, and the next {@code nnlab search} into the directory
 * continues where it stopped, if and only if it is the same search.
 */
public final class SearchDirectory {
    private final Path directory;
    private final SearchPlan plan;
    private final List<RunResult> runs;

    private SearchDirectory(Path directory, SearchPlan plan, List<RunResult> runs) {
        this.directory = directory;
        this.plan = plan;
        this.runs = new ArrayList<>(runs);
    }

    /**
     * Opens {@code directory} for {@code plan}: a new search writes its plan there; the same
     * search continues with the runs already recorded. An IllegalArgumentException says why a
     * directory cannot take this search (it holds another one, or search files without a plan).
     */
    public static SearchDirectory open(Path directory, SearchPlan plan) throws IOException {
        Optional<SearchPlan> stored = storedPlan(directory);
        if (stored.isEmpty()) {
            for (String name : List.of(RunsCsv.NAME, TableFiles.CSV)) {
                if (Files.exists(directory.resolve(name))) {
                    throw new IllegalArgumentException(directory + " holds " + name + " but no " + PlanFile.NAME
                            + ", so nnlab cannot tell which search it belongs to; choose another --out");
                }
            }
            Files.createDirectories(directory);
            PlanFile.write(directory, plan);
            return new SearchDirectory(directory, plan, List.of());
        }
        Optional<String> difference = plan.difference(stored.get());
        if (difference.isPresent()) {
            throw new IllegalArgumentException(directory + " holds another search (" + directory.resolve(PlanFile.NAME)
                    + "): " + difference.get() + "; choose another --out, or delete the directory to start over");
        }
        Path runsFile = directory.resolve(RunsCsv.NAME);
        List<RunResult> done = Files.exists(runsFile) ? RunsCsv.read(runsFile, plan) : List.of();
        return new SearchDirectory(directory, plan, done);
    }

    /** The plan of the search in {@code directory}, if there is one. */
    public static Optional<SearchPlan> storedPlan(Path directory) throws IOException {
        Path file = directory.resolve(PlanFile.NAME);
        return Files.exists(file) ? Optional.of(PlanFile.read(file)) : Optional.empty();
    }

    public Path path() {
        return directory;
    }

    public SearchPlan plan() {
        return plan;
    }

    /** The finished runs, those of earlier sessions included. */
    public List<RunResult> runs() {
        return List.copyOf(runs);
    }

    public SearchTable table() {
        return SearchTable.of(plan, runs);
    }

    /** Adds a finished run and rewrites runs.csv, table.csv and table.txt. */
    public void record(RunResult run) throws IOException {
        runs.add(run);
        writeTables();
    }

    public void writeTables() throws IOException {
        RunsCsv.write(directory, plan, runs);
        TableFiles.write(directory, table());
    }
}
