package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
