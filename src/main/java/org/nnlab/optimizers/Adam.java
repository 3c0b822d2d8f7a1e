package org.nnlab.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/**
 * Adam, as cs231n's {@code adam} (Kingma and Ba, 2015): moving averages of the gradient (m) and of
 * its square (v), corrected for their start at zero, set a step size per element.
 *
 * <pre>
 *   t ← t + 1
 *   m ← β1·m + (1 − β1)·dθ
 *   v ← β2·v + (1 − β2)·dθ²
 *   m̂ = m / (1 − β1ᵗ)        v̂ = v / (1 − β2ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * Defaults as in cs231n: β1 = 0.9, β2 = 0.999, ε = 1e-8 (and a learning rate around 1e-3).
 */
public final class Adam implements Optimizer {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;
    private static final String STEP = "step";

    private final OptimizerState state = new OptimizerState();
    private final OptimizerState.Kind means = state.kind("m");
    private final OptimizerState.Kind squares = state.kind("v");
    private long t;

    // tag::update[]
    @Override
    public void update(List<Parameter> parameters, double learningRate) {
        t++;
        double correction1 = 1 - Math.pow(BETA1, t);
        double correction2 = 1 - Math.pow(BETA2, t);
        for (int j = 0; j < parameters.size(); j++) { // by index: an iterator would be garbage on every step
            Parameter p = parameters.get(j);
            Matrix m = means.of(p);
            Matrix v = squares.of(p);
            Matrix theta = p.value();
            Matrix gradient = p.gradient();
            for (int i = 0; i < theta.size(); i++) {
                double g = gradient.getFlat(i);
                double mi = BETA1 * m.getFlat(i) + (1 - BETA1) * g;
                double vi = BETA2 * v.getFlat(i) + (1 - BETA2) * g * g;
                m.setFlat(i, mi);
                v.setFlat(i, vi);
                double mHat = mi / correction1;
                double vHat = vi / correction2;
                theta.setFlat(i, theta.getFlat(i) - learningRate * mHat / (Math.sqrt(vHat) + EPSILON));
            }
        }
    }
    // end::update[]

    /** The moments m.W1, v.W1, ... and the step count t as a 1×1 matrix named "step". */
    @Override
    public Map<String, Matrix> state() {
        Map<String, Matrix> all = new LinkedHashMap<>(state.view());
        all.put(STEP, Matrix.of(Precision.FLOAT64, new double[] {t}));
        return all;
    }

    @Override
    public void restore(Map<String, Matrix> saved) {
        if (saved.isEmpty()) { // the state before the first step
            state.restore(saved);
            t = 0;
            return;
        }
        Matrix step = saved.get(STEP);
        if (step == null || !step.hasShape(1, 1)) {
            throw new IllegalArgumentException("an Adam checkpoint needs its step count '" + STEP + "' (1×1)");
        }
        Map<String, Matrix> moments = new LinkedHashMap<>(saved);
        moments.remove(STEP);
        state.restore(moments);
        t = (long) step.get(0, 0);
    }

    @Override
    public String describe() {
        return "Adam (β1 " + BETA1 + ", β2 " + BETA2 + ", ε " + EPSILON + ")";
    }
}
