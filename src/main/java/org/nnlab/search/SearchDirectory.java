package org.nnlab.search;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
 *
 * <p>One search at a time writes into a directory: it holds a lock on {@value #LOCK} until it is
 * closed (or its process ends, which releases the lock however it ends), and a second search into
 * the same directory is refused rather than interleaving its rows with the first one's.
 */
public final class SearchDirectory implements AutoCloseable {
    static final String LOCK = ".search.lock";

    private final Path directory;
    private final SearchPlan plan;
    private final List<RunResult> runs;
    private final FileChannel lockChannel;

    private SearchDirectory(Path directory, SearchPlan plan, List<RunResult> runs, FileChannel lockChannel) {
        this.directory = directory;
        this.plan = plan;
        this.runs = new ArrayList<>(runs);
        this.lockChannel = lockChannel;
    }

    /**
     * Opens {@code directory} for {@code plan}: a new search writes its plan there; the same
     * search continues with the runs already recorded. An IllegalArgumentException says why a
     * directory cannot take this search (it holds another one, or search files without a plan).
     */
    public static SearchDirectory open(Path directory, SearchPlan plan) throws IOException {
        Files.createDirectories(directory);
        FileChannel lock = lock(directory);
        try {
            Optional<SearchPlan> stored = storedPlan(directory);
            requireFor(directory, plan, stored);
            if (stored.isEmpty()) {
                PlanFile.write(directory, plan);
                return new SearchDirectory(directory, plan, List.of(), lock);
            }
            Path runsFile = directory.resolve(RunsCsv.NAME);
            List<RunResult> done = Files.exists(runsFile) ? RunsCsv.read(runsFile, plan) : List.of();
            return new SearchDirectory(directory, plan, done, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Refuses a directory that holds another search, or search files without a plan. */
    private static void requireFor(Path directory, SearchPlan plan, Optional<SearchPlan> stored) {
        if (stored.isEmpty()) {
            for (String name : List.of(RunsCsv.NAME, TableFiles.CSV)) {
                if (Files.exists(directory.resolve(name))) {
                    throw new IllegalArgumentException(directory + " holds " + name + " but no " + PlanFile.NAME
                            + ", so nnlab cannot tell which search it belongs to; choose another --out");
                }
            }
            return;
        }
        Optional<String> difference = plan.difference(stored.get());
        if (difference.isPresent()) {
            throw new IllegalArgumentException(directory + " holds another search (" + directory.resolve(PlanFile.NAME)
                    + "): " + difference.get() + "; choose another --out, or delete the directory to start over");
        }
    }

    /** The directory's lock, held until {@link #close}; an IllegalArgumentException when another search holds it. */
    private static FileChannel lock(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), CREATE, WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException(directory + " is in use by another nnlab search that is still running;"
                    + " wait for it, or stop it and run this again to continue");
        }
        return channel;
    }

    /** Releases the directory for the next search. */
    @Override
    public void close() throws IOException {
        lockChannel.close();
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
