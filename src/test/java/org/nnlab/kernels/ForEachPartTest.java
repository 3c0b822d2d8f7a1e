package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Kernels.forEachPart: every part runs once, and inside a part every
 * kernel runs on that part's thread alone (parallelism 1), so that a part's multiplies do not
 * hand their blocks to the other threads.
 */
class ForEachPartTest {

    @Test
    void theVectorKernelsRunEachPartOnceOnTheirThreadsEachAlone() {
        VectorKernels kernels = new VectorKernels(3);
        assertEquals(3, kernels.parallelism());
        ConcurrentHashMap<Thread, Boolean> threads = new ConcurrentHashMap<>();
        for (int repeat = 0; repeat < 20 && threads.size() < 2; repeat++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(5);
            AtomicIntegerArray parallelismInside = new AtomicIntegerArray(5);
            kernels.forEachPart(5, p -> {
                runs.incrementAndGet(p);
                parallelismInside.set(p, kernels.parallelism());
                threads.put(Thread.currentThread(), true);
                sleepMillis(3);
            });
            for (int p = 0; p < 5; p++) {
                assertEquals(1, runs.get(p), "part " + p + " ran once");
                assertEquals(1, parallelismInside.get(p), "inside part " + p + " the kernels run alone");
            }
        }
        assertTrue(threads.size() > 1, "the workers took parts too; only " + threads.keySet() + " ran them");
        assertEquals(3, kernels.parallelism(), "after the parts, the kernels share their work again");
    }

    @Test
    void anExceptionInAPartIsRethrownAndTheNextCallRunsAsUsual() {
        VectorKernels kernels = new VectorKernels(2);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> kernels.forEachPart(2, p -> {
            if (p == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        }));
        assertEquals("part 1 failed", failure.getMessage());
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        kernels.forEachPart(2, runs::incrementAndGet);
        assertEquals(1, runs.get(0));
        assertEquals(1, runs.get(1));
        assertEquals(2, kernels.parallelism());
    }

    /** Inside a part the kernels run alone, so parts asked for there run in turn on that part's thread. */
    @Test
    void partsInsideAPartRunInTurnOnItsThread() {
        VectorKernels kernels = new VectorKernels(2);
        ConcurrentHashMap<Integer, Thread> outer = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, Thread> inner = new ConcurrentHashMap<>();
        kernels.forEachPart(2, p -> {
            outer.put(p, Thread.currentThread());
            kernels.forEachPart(3, q -> inner.put(p + "." + q, Thread.currentThread()));
        });
        assertEquals(2, outer.size());
        assertEquals(6, inner.size());
        inner.forEach((name, thread) -> assertEquals(outer.get(Integer.parseInt(name.substring(0, 1))), thread, name));
    }

    @Test
    void theScalarKernelsRunThePartsInOrderOnTheCaller() {
        ScalarKernels kernels = new ScalarKernels();
        List<Integer> order = new ArrayList<>();
        List<Thread> ranOn = new ArrayList<>();
        kernels.forEachPart(4, p -> {
            order.add(p);
            ranOn.add(Thread.currentThread());
        });
        assertEquals(List.of(0, 1, 2, 3), order);
        ranOn.forEach(t -> assertEquals(Thread.currentThread(), t));
        assertEquals(1, kernels.parallelism());
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
