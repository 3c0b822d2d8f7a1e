package org.nnlab.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A fixed set of threads that share out numbered work items: the calling thread plus
 * {@code threads - 1} daemon workers. Daemon, so that a program that forgets about its kernels
 * still exits.
 *
 * <p>Items are claimed one at a time from a shared range of unclaimed items, so a thread that
 * finishes early (or a core that another process is using) takes fewer. Which thread runs which
 * item therefore varies from run to run; callers make each item's result independent of the
 * thread that computes it.
 *
 * <h2>Why the caller claims from the front and the workers from the back</h2>
 *
 * <p>A multiply's items are blocks of C, and training multiplies the same shapes step after step.
 * With two threads claiming from both ends, each computes much the same blocks from one call to
 * the next, and finds them still in its own core's cache; claiming in turn from one counter,
 * which blocks a thread got changed with every call, and each call moved the other thread's
 * blocks of the last call from one core's cache to the other's. On a 2-core Xeon, two threads
 * computed MNIST's weight gradient Xᵀ·dZ1 (784×64·64×512) 1.22 times as fast from both ends as
 * from one counter; a two-thread training epoch, with FloatMatmul's ragged strip of the same
 * session, ran 1.06 (JDK 17) and 1.31 (JDK 25) times as fast (bench/README.adoc, session 12).
 *
 * <p>The workers' claims from the back run the back half of the items from its start, not from
 * its end ({@code backHalfFromItsStart}): the caller ends its half at the middle, where a worker
 * begins. Neighbouring blocks of C share a cache line where they meet (a float array starts 16
 * bytes into a line, so a block's edge is never a line's), and two cores writing one line at the
 * same moment pass it back and forth at every store. Claimed from both ends in plain order, the
 * caller and the worker reached the middle, and that line, at the same moment, once per row of C
 * and pass over k: at 64×784·784×512 (X·W1), whose two halves of columns meet in 64 rows, two
 * threads ran 1.56–1.61 times as fast as one; from the half's start, 1.70–1.76 (bench/README.adoc,
 * session 15). Which thread computes which item still changes no result.
 *
 * <h2>Why the workers spin before they sleep</h2>
 *
 * <p>The multiplies of a minibatch of 64 take 0.01–0.5 ms each, and training calls one after
 * another. Waking a parked thread costs the operating system tens of microseconds (much more when
 * other programs hold the cores), which would eat most of what a second thread saves. So a worker
 * that has finished a job keeps checking for the next one for {@value #SPIN_NANOS} ns before it
 * parks, and the caller, once it has no more items to claim, checks for the workers' last items in
 * the same way before it parks. A worker that arrives late is no problem either way: by then the
 * caller has claimed the items itself, and the worker finds none left.
 *
 * <p>One job runs at a time. If two threads call {@link #forEach} at once, the second runs its
 * items alone instead of waiting for the workers.
 *
 * <h2>Why nothing is allocated per job</h2>
 *
 * <p>A training step hands the pool about ten jobs, and a new job object per call would be garbage
 * on every step. So the pool keeps one {@link Job} and refills it; a counter, {@code generation},
 * tells the workers that there is a new one. The danger of reuse is a late worker from the last job
 * claiming an item of the next one as if it belonged to the last: so an item is claimed from one
 * 64-bit word that holds the range of unclaimed items, both its ends, and a claim is valid only when
 * the range still holds the item as it shrinks, checked in the same atomic step (a
 * compare-and-set). A late worker then either finds the last job's items all claimed, or claims a
 * real item of the new job and helps with it, which is harmless.
 */
final class WorkerPool {
    /**
     * Threads that run every {@link #forEach} alone, without the workers: set while a thread runs
     * {@link #callerOnly}, e.g. one of several trainings that run side by side and each have a
     * core of their own. Which threads compute the items never changes their results.
     */
    private static final ThreadLocal<Boolean> CALLER_ONLY = ThreadLocal.withInitial(() -> false);

    /** How long an idle worker, or a caller waiting for its workers, spins before it parks. */
    static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Worker[] workers;
    /** Taken by the {@link #forEach} that is using the workers. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The one job, refilled by every {@link #forEach} that uses the workers. */
    private final Job job = new Job();
    /** Incremented when the job has been refilled: a worker that sees a new value helps with it. */
    private volatile long generation;
    private volatile boolean started;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
        }
    }

    /** Whether a {@link #forEach} called now would run every item on the calling thread. */
    boolean runsOnCallerAlone() {
        return workers.length == 0 || CALLER_ONLY.get();
    }

    /** How many threads, the caller's included, work on one {@link #forEach}. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code item.accept(i)} once for every i in [0, items), on the calling thread and the
     * workers, and returns when all have finished. An exception in any item is rethrown here,
     * after every other thread has stopped working on this call.
     */
    // tag::for-each[]
    void forEach(int items, IntConsumer item) {
        if (runsOnCallerAlone() || items <= 1 || !busy.compareAndSet(false, true)) {
            for (int i = 0; i < items; i++) {
                item.accept(i);
            }
            return;
        }
        try {
            startWorkersOnce();
            job.start(items, item, Thread.currentThread());
            generation++; // only the caller holding busy writes it
            for (Worker worker : workers) {
                worker.wake();
            }
            job.claimUntilDone(true);
            job.awaitFinished();
        } finally {
            job.end();
            busy.set(false);
        }
        job.rethrowFailure();
    }

    /** Threads start at the first job, so a pool that never runs one costs nothing. */
    private void startWorkersOnce() {
        if (!started) {
            started = true;
            for (Worker worker : workers) {
                worker.start();
            }
        }
    }
    // end::for-each[]

    /**
     * Runs {@code part.accept(p)} with every {@link #forEach} it calls done by the calling thread
     * alone: {@link #callerOnly} for one part of a job, without a Supplier (a lambda per call).
     */
    static void runAlone(IntConsumer part, int p) {
        boolean before = CALLER_ONLY.get();
        CALLER_ONLY.set(true);
        try {
            part.accept(p);
        } finally {
            CALLER_ONLY.set(before);
        }
    }

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

    /** The job of one call of {@link #forEach} at a time: its items, which are claimed and which finished. */
    private static final class Job {
        /**
         * The unclaimed items, [front, back): front in the low 32 bits, back in the high 32. See
         * the class comment, and {@link #claim}.
         */
        private final AtomicLong unclaimed = new AtomicLong();
        private final AtomicInteger finishedItems = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        // Written by the caller before it publishes the job (unclaimed.set, then the pool's
        // generation), read by a thread only after a valid claim, so always this job's.
        private int items;
        private IntConsumer item;
        private Thread caller;

        void start(int items, IntConsumer item, Thread caller) {
            this.items = items;
            this.item = item;
            this.caller = caller;
            failure.set(null);
            finishedItems.set(0);
            unclaimed.set((long) items << 32);
        }

        /** Forgets the items' code, so that the job keeps no arrays alive between calls. */
        void end() {
            item = null;
            caller = null;
        }

        /**
         * Claims and runs items until none are left: the first unclaimed one each time, or the last
         * one unless {@code fromFront}. After a failure, the unclaimed items are dropped.
         */
        void claimUntilDone(boolean fromFront) {
            while (true) {
                int i = claim(fromFront);
                if (i < 0) {
                    return;
                }
                int finished = 1;
                try {
                    item.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    long dropped = unclaimed.getAndSet(0);
                    finished += Math.max(0, (int) (dropped >>> 32) - (int) dropped);
                }
                if (finishedItems.addAndGet(finished) == items && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Claims the first unclaimed item, or the last one unless {@code fromFront}, and returns its
         * index, or −1 when none is left. The claim is valid only if the range still held the item
         * when it shrank, which the compare-and-set checks in the same atomic step.
         */
        private int claim(boolean fromFront) {
            while (true) {
                long range = unclaimed.get();
                int front = (int) range;
                int back = (int) (range >>> 32);
                if (front >= back) {
                    return -1;
                }
                long shrunk = fromFront ? range + 1 : range - (1L << 32);
                if (unclaimed.compareAndSet(range, shrunk)) {
                    return backHalfFromItsStart(fromFront ? front : back - 1);
                }
            }
        }

        /**
         * The item for claim position {@code position}: itself in the front half; in the back half
         * the positions run backwards, so the workers' first claims, from the back, run the back
         * half from its start. See the class comment.
         */
        private int backHalfFromItsStart(int position) {
            int half = items / 2;
            return position < half ? position : half + items - 1 - position;
        }

        /** Returns once every item has finished: spinning at first, then parked until the last one wakes us. */
        void awaitFinished() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (finishedItems.get() < items) {
                if (System.nanoTime() < spinUntil) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                }
            }
        }

        void rethrowFailure() {
            Throwable t = failure.getAndSet(null);
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final class Worker extends Thread {
        private long lastGeneration;
        private volatile boolean parked;

        Worker(int number) {
            super("nnlab-kernels-worker-" + number);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                awaitNewJob();
                job.claimUntilDone(false);
            }
        }

        /** Returns when the job has been refilled: spins for a while after the last one, then parks until {@link #wake}. */
        private void awaitNewJob() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                long now = generation;
                if (now != lastGeneration) {
                    lastGeneration = now;
                    return;
                } else if (System.nanoTime() < spinUntil) {
                    Thread.yield();
                } else {
                    // parked is written before generation is read again, and the caller writes
                    // generation before it reads parked: one of the two sees the other, so no
                    // wake-up is lost.
                    parked = true;
                    if (generation == lastGeneration) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }

        void wake() {
            if (parked) {
                LockSupport.unpark(this);
            }
        }
    }
}
