package org.nnlab.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.nnlab.layers.Parameter;
import org.nnlab.model.Network;

/**
 * Copies of one network, lent to one request at a time. A network is not safe to share: its layers
 * keep their inputs and outputs in buffers they reuse, so two requests running through the same
 * layers at once would read each other's numbers. Each request borrows a copy of its own, and a
 * request that waits for one gets the same answer it would have got alone.
 */
final class NetworkCopies {
    private final Network original;
    private final BlockingQueue<Network> idle;

    /** {@code count} copies of {@code original}, which itself is only read from (its parameters) and never run. */
    NetworkCopies(Network original, int count) {
        this.original = original;
        this.idle = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            idle.add(original.withPrecision(original.precision()));
        }
    }

    /** Runs {@code work} on a copy that no other request uses meanwhile. */
    <T> T use(Function<Network, T> work) {
        Network copy = borrow();
        try {
            return work.apply(copy);
        } finally {
            idle.add(copy);
        }
    }

    /** As {@link #use}, for work that changes the parameters (an SGD step): they are put back afterwards. */
    <T> T useAndRestore(Function<Network, T> work) {
        Network copy = borrow();
        try {
            return work.apply(copy);
        } finally {
            for (int i = 0; i < original.parameters().size(); i++) {
                Parameter p = copy.parameters().get(i);
                p.value().copyFrom(original.parameters().get(i).value());
            }
            idle.add(copy);
        }
    }

    private Network borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a network", e);
        }
    }
}
