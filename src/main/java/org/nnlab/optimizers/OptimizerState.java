package org.nnlab.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;

/**
 * The per-parameter matrices an optimiser keeps (a velocity, moment estimates), each named
 * {@code <kind>.<parameter>}, e.g. {@code velocity.W1}, and created as zeros on first use.
 */
final class OptimizerState {
    private final Map<String, Matrix> matrices = new LinkedHashMap<>();

    /** The state matrix {@code kind} of parameter p, zero the first time it is asked for. */
    Matrix of(String kind, Parameter p) {
        return matrices.computeIfAbsent(kind + "." + p.name(),
                name -> p.value().zerosLike(p.value().rows(), p.value().cols()));
    }

    Map<String, Matrix> view() {
        return matrices;
    }

    void restore(Map<String, Matrix> saved) {
        matrices.clear();
        saved.forEach((name, m) -> matrices.put(name, m.copy()));
    }
}
