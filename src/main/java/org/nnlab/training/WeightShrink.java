package org.nnlab.training;

import java.util.List;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.MatrixOps;

/**
 * L2 regularisation applied the way reports 000 and 003 coded it: after every update each weight
 * matrix is shrunk by {@code W ← W − λ·W}, with no learning rate in front of λ. The textbook
 * penalty (λ/2)‖W‖² in the loss instead subtracts η·λ·W, so with η = 1/32 the same λ shrinks the
 * weights 32 times harder here; report 000's collapse at λ = 1e-3 comes from this. Biases are
 * never shrunk. λ = 0 does nothing.
 */
public record WeightShrink(double lambda) {
    public static final WeightShrink NONE = new WeightShrink(0);

    public WeightShrink {
        if (!(lambda >= 0 && lambda < 1)) {
            throw new IllegalArgumentException("the weight shrink λ must be in [0, 1), got " + lambda);
        }
    }

    public void apply(List<Parameter> parameters) {
        if (lambda == 0) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) { // by index: an iterator would be garbage on every step
            Parameter p = parameters.get(i);
            if (p.decays()) {
                MatrixOps.addScaled(-lambda, p.value(), p.value());
            }
        }
    }
}
