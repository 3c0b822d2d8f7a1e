package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
