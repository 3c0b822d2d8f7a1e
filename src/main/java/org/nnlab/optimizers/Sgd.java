package org.nnlab.optimizers;

import java.util.List;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/** Plain stochastic gradient descent, cs231n's {@code sgd}: θ ← θ − η·dθ. It has no state. */
public final class Sgd implements Optimizer {

    @Override
    // tag::update[]
    public void update(List<Parameter> parameters, double learningRate) {
        // By index: a for-each loop would allocate an iterator on every step.
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            MatrixOps.addScaled(-learningRate, p.gradient(), p.value());
        }
    }
    // end::update[]

    @Override
    public Map<String, Matrix> state() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, Matrix> saved) {
        if (!saved.isEmpty()) {
            throw new IllegalArgumentException("plain SGD has no state, but the checkpoint has " + saved.keySet());
        }
    }

    @Override
    public String describe() {
        return "SGD";
    }
}
