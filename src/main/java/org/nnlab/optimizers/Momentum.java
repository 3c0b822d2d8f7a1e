package org.nnlab.optimizers;

import java.util.List;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * SGD with momentum, cs231n's {@code sgd_momentum}: a velocity v (zero at the start) accumulates
 * the gradients and the parameter moves by v.
 *
 * <pre>
 *   v ← μ·v − η·dθ
 *   θ ← θ + v
 * </pre>
 */
public final class Momentum implements Optimizer {
    private final double mu;
    private final OptimizerState state = new OptimizerState();
    private final OptimizerState.Kind velocities = state.kind("velocity");

    /** μ in [0, 1); cs231n's default is 0.9, and μ = 0 is plain SGD. */
    public Momentum(double mu) {
        this.mu = requireMomentum(mu);
    }

    static double requireMomentum(double mu) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("the momentum must be in [0, 1), got " + mu);
        }
        return mu;
    }

    // tag::update[]
    @Override
    public void update(List<Parameter> parameters, double learningRate) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Matrix v = velocities.of(p);
            updateVelocity(v, p.gradient(), mu, learningRate); // v ← μ·v − η·dθ
            MatrixOps.addScaled(1, v, p.value());              // θ ← θ + v
        }
    }

    /**
     * v ← μ·v − η·g, entry by entry. A plain loop: the update runs on every step, where an iterator
     * over the parameters or a lambda capturing η would be a new object each time.
     */
    static void updateVelocity(Matrix v, Matrix g, double mu, double learningRate) {
        for (int i = 0; i < v.size(); i++) {
            v.setFlat(i, mu * v.getFlat(i) - learningRate * g.getFlat(i));
        }
    }
    // end::update[]

    @Override
    public Map<String, Matrix> state() {
        return state.view();
    }

    @Override
    public void restore(Map<String, Matrix> saved) {
        state.restore(saved);
    }

    @Override
    public String describe() {
        return "momentum (μ " + mu + ")";
    }
}
