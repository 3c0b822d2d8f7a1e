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
        for (Parameter p : parameters) {
            Matrix v = state.of("velocity", p);
            MatrixOps.zip(v, p.gradient(), (velocity, gradient) -> mu * velocity - learningRate * gradient, v);
            MatrixOps.addScaled(1, v, p.value());
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
