package org.nnlab.optimizers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;

/**
 * The per-parameter matrices an optimiser keeps (a velocity, moment estimates), each named
 * {@code <kind>.<parameter>}, e.g. {@code velocity.W1}, and created as zeros on first use.
 */
final class OptimizerState {
    private final Map<String, Matrix> matrices = new LinkedHashMap<>();
    private final List<Kind> kinds = new ArrayList<>();

    /** The state of one kind, e.g. "velocity": one matrix per parameter. */
    Kind kind(String name) {
        Kind kind = new Kind(name);
        kinds.add(kind);
        return kind;
    }

    Map<String, Matrix> view() {
        return matrices;
    }

    void restore(Map<String, Matrix> saved) {
        matrices.clear();
        saved.forEach((name, m) -> matrices.put(name, m.copy()));
        for (Kind kind : kinds) {
            kind.byParameter.clear();
        }
    }

    /** One kind of state matrix, found by its parameter. */
    final class Kind {
        private final String name;
        /**
         * The matrices this kind has handed out, by parameter object: a training step finds its
         * matrix here without building the name {@code <kind>.<parameter>}, a new string on
         * every step.
         */
        private final Map<Parameter, Matrix> byParameter = new IdentityHashMap<>();

        private Kind(String name) {
            this.name = name;
        }

        /** The matrix of this kind for parameter p, zero the first time it is asked for. */
        Matrix of(Parameter p) {
            Matrix m = byParameter.get(p);
            if (m == null) {
                m = matrices.computeIfAbsent(name + "." + p.name(),
                        key -> p.value().zerosLike(p.value().rows(), p.value().cols()));
                byParameter.put(p, m);
            }
            return m;
        }
    }
}
