package org.nnlab.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A fixed set of threads that share out numbered work items: the calling thread plus
 * {@code threads - 1} daemon workers. Daemon, so that a program that forgets about its kernels
 * still exits.
 *
 * <p>Items are claimed one at a time from a shared counter, so a thread that finishes early (or a
 * core that another process is using) takes fewer. Which thread runs which item therefore varies
 * from run to run; callers make each item's result independent of the thread that computes it.
 */
final class WorkerPool {
    /**
     * Threads that run every {@link #forEach} alone, without the workers: set while a thread runs
     * {@link #callerOnly}, e.g. one of several trainings that run side by side and each have a
     * core of their own. Which threads compute the items never changes their results.
     */
    private static final ThreadLocal<Boolean> CALLER_ONLY = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final ExecutorService workers;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "nnlab-kernels-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many threads, the caller's included, work on one {@link #forEach}. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code item.accept(i)} once for every i in [0, items), on the calling thread and the
     * workers, and returns when all have finished. An exception in any item is rethrown here.
     */
    // tag::for-each[]
    void forEach(int items, IntConsumer item) {
        int helpers = CALLER_ONLY.get() ? 0 : Math.min(threads, items) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < items; i++) {
                item.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable claimUntilDone = () -> {
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                item.accept(i);
            }
        };
        Helper[] handedOut = new Helper[helpers];
        for (int h = 0; h < helpers; h++) {
            handedOut[h] = new Helper(claimUntilDone);
            handedOut[h].future = workers.submit(handedOut[h]);
        }
        try {
            claimUntilDone.run();
        } finally {
            awaitHelpers(handedOut);
        }
    }
    // end::for-each[]

    /** Runs {@code work} on the calling thread with every {@link #forEach} it calls done by that thread alone. */
    static <T> T callerOnly(Supplier<T> work) {
        boolean before = CALLER_ONLY.get();
        CALLER_ONLY.set(true);
        try {
            return work.get();
        } finally {
            CALLER_ONLY.set(before);
        }
    }

    /**
     * A share of one {@link #forEach} handed to a worker. If the caller has claimed every item
     * before a worker gets to it (the worker was asleep, or busy with another caller), the caller
     * withdraws it rather than waiting for the worker. ({@link Future#cancel} cannot do this: it
     * also succeeds on a task that is already running, and would let the caller return while the
     * worker still writes into its arrays.)
     */
    private static final class Helper implements Runnable {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int WITHDRAWN = 2;

        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final Runnable work;
        Future<?> future;

        Helper(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (state.compareAndSet(WAITING, RUNNING)) {
                work.run();
            }
        }

        /** True when this helper had not started, and now never will. */
        boolean withdraw() {
            return state.compareAndSet(WAITING, WITHDRAWN);
        }
    }

    /** Withdraws the helpers that have not started and waits for the others to finish. */
    private static void awaitHelpers(Helper[] helpers) {
        Throwable failure = null;
        boolean interrupted = false;
        for (Helper helper : helpers) {
            if (helper.withdraw()) {
                continue;
            }
            while (true) {
                try {
                    helper.future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the helper still writes into our arrays
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
