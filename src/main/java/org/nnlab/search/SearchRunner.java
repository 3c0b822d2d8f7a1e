package org.nnlab.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.nnlab.kernels.KernelSelection;

/**
 * Runs a search's runs, several at a time: whole runs side by side, each on a thread of its own
 * whose matrix multiplies stay on that thread ({@link KernelSelection#singleThreaded}), so that
 * {@code --jobs 2} keeps two cores busy with two trainings rather than handing every multiply back
 * and forth. With one job the run's multiplies use all the kernel threads instead. Either way the
 * numbers are the same: a run's results do not depend on which threads computed them.
 *
 * <p>Finished runs are handed to the listener one at a time, on the calling thread, in the order
 * they finish, so that the listener can write files without locks.
 */
public final class SearchRunner {

    /** Trains one run; called from several threads at once when jobs &gt; 1. */
    public interface RunTrainer {
        RunResult train(int configuration, long seed);
    }

    /** Hears about each finished run, on the thread that called {@link #run}. */
    public interface RunListener {
        void finished(RunResult result);
    }

    /** A run still to do. */
    public record PendingRun(int configuration, long seed) {
    }

    private SearchRunner() {
    }

    /** The plan's runs that {@code done} does not hold, configuration by configuration, seed by seed. */
    public static List<PendingRun> pending(SearchPlan plan, List<RunResult> done) {
        Set<PendingRun> finished = new HashSet<>();
        done.forEach(r -> finished.add(new PendingRun(r.configuration(), r.seed())));
        List<PendingRun> pending = new ArrayList<>();
        for (Configuration c : plan.configurations()) {
            for (long seed : plan.seeds()) {
                PendingRun run = new PendingRun(c.number(), seed);
                if (!finished.contains(run)) {
                    pending.add(run);
                }
            }
        }
        return pending;
    }

    /**
     * Runs every pending run, {@code jobs} at a time. The first run that fails (with anything but
     * a result) stops the search: its exception is rethrown here once the runs in flight are abandoned.
     */
    public static void run(List<PendingRun> runs, int jobs, RunTrainer trainer, RunListener listener) {
        if (jobs < 1) {
            throw new IllegalArgumentException("need at least one job, got " + jobs);
        }
        if (Math.min(jobs, runs.size()) <= 1) {
            runs.forEach(run -> listener.finished(trainer.train(run.configuration(), run.seed())));
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(jobs, runs.size()), daemonThreads());
        try {
            CompletionService<RunResult> finished = new ExecutorCompletionService<>(threads);
            for (PendingRun run : runs) {
                finished.submit(() -> KernelSelection.singleThreaded(() -> trainer.train(run.configuration(), run.seed())));
            }
            for (int i = 0; i < runs.size(); i++) {
                listener.finished(finished.take().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the search was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // Runs in flight cannot be stopped midway (training does not poll for interrupts); their
            // threads are daemons, so they end with the JVM, and their results are simply not recorded.
            threads.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "nnlab-search-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
