package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void runsEveryItemExactlyOnceOnEveryThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            WorkerPool pool = new WorkerPool(threads);
            for (int items : new int[] {0, 1, 2, 3, 7, 100}) {
                for (int repeat = 0; repeat < 20; repeat++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(items);
                    pool.forEach(items, runs::incrementAndGet);
                    for (int i = 0; i < items; i++) {
                        assertEquals(1, runs.get(i), threads + " threads, " + items + " items: item " + i);
                    }
                }
            }
        }
    }

    /**
     * The pool reuses one job object: thousands of back-to-back jobs of varying sizes, each item
     * counted in its own job's array, so an item run twice, run for the wrong job or left out
     * shows.
     */
    @Test
    void backToBackJobsOfEverySizeRunEachItemOnceForTheirOwnJob() {
        WorkerPool pool = new WorkerPool(3);
        int jobs = 20_000;
        int[][] runs = new int[jobs][];
        for (int job = 0; job < jobs; job++) {
            int items = 1 + job % 9;
            int[] counts = new int[items];
            runs[job] = counts;
            pool.forEach(items, i -> {
                synchronized (counts) {
                    counts[i]++;
                }
            });
        }
        for (int job = 0; job < jobs; job++) {
            for (int i = 0; i < runs[job].length; i++) {
                assertEquals(1, runs[job][i], "job " + job + " item " + i);
            }
        }
    }

    /** Handing a job to the workers allocates nothing once compiled: the job object is reused. */
    @Test
    void aJobForTheWorkersAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WorkerPool pool = new WorkerPool(2);
        AtomicIntegerArray counts = new AtomicIntegerArray(4);
        java.util.function.IntConsumer item = counts::incrementAndGet;
        long bytesPerJob = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (bytesPerJob > 0 && System.nanoTime() < deadline) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int job = 0; job < 1000; job++) {
                pool.forEach(4, item);
            }
            bytesPerJob = (threads.getCurrentThreadAllocatedBytes() - before) / 1000;
        }
        assertEquals(0, bytesPerJob, "bytes allocated by the caller per job");
    }

    @Test
    void oneThreadRunsOnTheCaller() {
        Thread caller = Thread.currentThread();
        new WorkerPool(1).forEach(5, i -> assertSame(caller, Thread.currentThread()));
    }

    @Test
    void callerOnlyKeepsEveryItemOnTheCallingThreadThenHandsOutAgain() {
        WorkerPool pool = new WorkerPool(3);
        Thread caller = Thread.currentThread();
        ConcurrentHashMap<Thread, Boolean> alone = new ConcurrentHashMap<>();
        int done = WorkerPool.callerOnly(() -> {
            pool.forEach(60, i -> {
                alone.put(Thread.currentThread(), true);
                sleepMillis(2);
            });
            return 60;
        });
        assertEquals(60, done);
        assertEquals(java.util.Set.of(caller), alone.keySet(), "inside callerOnly only the caller runs items");
        ConcurrentHashMap<Thread, Boolean> after = new ConcurrentHashMap<>();
        pool.forEach(60, i -> {
            after.put(Thread.currentThread(), true);
            sleepMillis(2);
        });
        assertEquals(true, after.size() > 1, "after callerOnly the workers help again, only " + after.keySet() + " ran");
    }

    @Test
    void usesTheWorkersForSlowItems() {
        WorkerPool pool = new WorkerPool(3);
        ConcurrentHashMap<Thread, Boolean> seen = new ConcurrentHashMap<>();
        pool.forEach(60, i -> {
            seen.put(Thread.currentThread(), true);
            sleepMillis(2);
        });
        assertEquals(true, seen.size() > 1, "only " + seen.keySet() + " ran items");
        seen.keySet().stream().filter(t -> t != Thread.currentThread())
                .forEach(t -> assertEquals(true, t.isDaemon(), t + " must be a daemon thread"));
    }

    /**
     * With two threads the caller runs the items from the first up, the worker from the middle up
     * (its claims from the back run the back half from its start): so each thread keeps much the
     * same half from one call to the next, in its own core's cache, and the two never write the
     * neighbouring items at the middle at the same moment (see WorkerPool). In every job the
     * worker's items are one run of consecutive indices through the middle, run in rising order
     * while in the back half, and every item before the run is the caller's, run in rising order.
     * Slow items, so that the worker joins in; on a busy machine it may miss a job, so jobs are
     * repeated until it has run items in three.
     */
    @Test
    void twoThreadsRunTheFrontHalfFromTheFirstItemAndTheBackHalfFromTheMiddle() {
        WorkerPool pool = new WorkerPool(2);
        Thread caller = Thread.currentThread();
        int jobsWithBothThreads = 0;
        for (int job = 0; job < 50 && jobsWithBothThreads < 3; job++) {
            int items = 40;
            int middle = items / 2;
            Thread[] ranOn = new Thread[items];
            int[] startedAs = new int[items];
            AtomicInteger started = new AtomicInteger();
            pool.forEach(items, i -> {
                startedAs[i] = started.getAndIncrement();
                ranOn[i] = Thread.currentThread();
                sleepMillis(1);
            });
            int first = 0;
            while (first < items && ranOn[first] == caller) {
                first++;
            }
            int end = first;
            while (end < items && ranOn[end] != caller) {
                end++;
            }
            if (first == items) {
                continue; // the worker missed this job
            }
            jobsWithBothThreads++;
            String where = "job " + job + ": ";
            assertEquals(true, first <= middle && middle < end,
                    where + "the worker ran items " + first + ".." + (end - 1) + ", which must include the middle, " + middle);
            for (int i = end; i < items; i++) {
                assertSame(caller, ranOn[i], where + "item " + i + " ran on " + ranOn[i] + " after the worker's run ended at "
                        + (end - 1) + ": the worker's items must be one run");
            }
            for (int i = 1; i < Math.min(first, middle); i++) {
                assertEquals(true, startedAs[i - 1] < startedAs[i], where + "the caller ran item " + i + " before item " + (i - 1));
            }
            for (int i = middle + 1; i < end; i++) {
                assertEquals(true, startedAs[i - 1] < startedAs[i], where + "the worker ran item " + i + " before item " + (i - 1));
            }
        }
        assertEquals(true, jobsWithBothThreads > 0, "in 50 jobs of 40 slow items the worker never ran an item beside the caller");
    }

    @Test
    void rethrowsAnExceptionFromAnyThread() {
        WorkerPool pool = new WorkerPool(2);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.forEach(50, i -> {
            sleepMillis(1);
            if (i == 37) {
                throw new IllegalStateException("item 37");
            }
        }));
        assertEquals("item 37", thrown.getMessage());
        // and the pool still works afterwards
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        pool.forEach(10, runs::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertEquals(1, runs.get(i));
        }
    }

    /**
     * After a worker has parked (no job for longer than it spins), the next job must wake it: a
     * lost wake-up would leave the caller doing every item alone, every time.
     */
    @Test
    void workersWakeUpAfterParking() {
        WorkerPool pool = new WorkerPool(2);
        pool.forEach(2, i -> { }); // starts the worker
        for (int round = 0; round < 3; round++) {
            sleepMillis(5 * WorkerPool.SPIN_NANOS / 1_000_000 + 5); // long enough for the worker to park
            ConcurrentHashMap<Thread, Boolean> seen = new ConcurrentHashMap<>();
            pool.forEach(60, i -> {
                seen.put(Thread.currentThread(), true);
                sleepMillis(2);
            });
            assertEquals(2, seen.size(), "round " + round + ": only " + seen.keySet() + " ran items");
        }
    }

    /** forEach returns, or throws, only when no thread is running any of its items any more. */
    @Test
    void returnsOnlyWhenEveryClaimedItemHasFinished() {
        WorkerPool pool = new WorkerPool(3);
        AtomicInteger running = new AtomicInteger();
        for (int repeat = 0; repeat < 10; repeat++) {
            int failing = repeat % 2 == 0 ? 5 : -1;
            try {
                pool.forEach(12, i -> {
                    running.incrementAndGet();
                    try {
                        sleepMillis(i == failing ? 0 : 3);
                        if (i == failing) {
                            throw new IllegalStateException("item " + i);
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (IllegalStateException expected) {
                assertEquals("item 5", expected.getMessage());
            }
            assertEquals(0, running.get(), "repeat " + repeat + ": items still running after forEach returned");
        }
    }

    /**
     * Two threads calling forEach on one pool at once: one gets the workers, the other runs its
     * items alone, and neither runs the other's items or loses any of its own.
     */
    @Test
    void concurrentCallersEachRunTheirOwnItemsOnce() throws InterruptedException {
        WorkerPool pool = new WorkerPool(2);
        int calls = 300;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] callers = new Thread[2];
        for (int t = 0; t < callers.length; t++) {
            int caller = t;
            callers[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int call = 0; call < calls; call++) {
                        int items = 3 + (call + caller) % 7;
                        AtomicIntegerArray runs = new AtomicIntegerArray(items);
                        pool.forEach(items, runs::incrementAndGet);
                        for (int i = 0; i < items; i++) {
                            assertEquals(1, runs.get(i), "caller " + caller + ", call " + call + ": item " + i);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            callers[t].start();
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
