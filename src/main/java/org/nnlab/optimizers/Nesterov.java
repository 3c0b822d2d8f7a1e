package org.nnlab.optimizers;

import java.util.List;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * Nesterov momentum in the form of the cs231n notes, which needs the gradient at θ only (not at
 * the look-ahead point):
 *
 * <pre>
 *   v_prev ← v
 *   v      ← μ·v − η·dθ
 *   θ      ← θ − μ·v_prev + (1 + μ)·v
 * </pre>
 *
 * Substituting the second line into the third gives θ ← θ + μ·v − η·dθ with the new v, which is
 * what {@link #update} computes: no copy of v_prev is needed.
 */
public final class Nesterov implements Optimizer {
    private final double mu;
    private final OptimizerState state = new OptimizerState();
    private final OptimizerState.Kind velocities = state.kind("velocity");

    /** μ in [0, 1); 0.9 is the usual choice. */
    public Nesterov(double mu) {
        this.mu = Momentum.requireMomentum(mu);
    }

    // tag::update[]
    @Override
    public void update(List<Parameter> parameters, double learningRate) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Matrix v = velocities.of(p);
            Momentum.updateVelocity(v, p.gradient(), mu, learningRate);
            MatrixOps.addScaled(mu, v, p.value());
            MatrixOps.addScaled(-learningRate, p.gradient(), p.value());
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
        return "Nesterov momentum (μ " + mu + ")";
    }
}
