package org.nnlab.optimizers;

import java.util.List;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;

/**
 * An update rule: given every parameter's gradient, change the parameters. The rules and their
 * defaults are those of cs231n's {@code optim.py}; like there, an optimiser keeps its own state per
 * parameter (a velocity, moment estimates), created on the first update.
 *
 * <p>For checkpoints the state is exposed as named matrices ({@code "velocity.W1"}, ...): saving
 * {@link #state()} and giving it back to {@link #restore} on a fresh optimiser continues exactly.
 */
public interface Optimizer {

    /** One step: every parameter moves according to its gradient and this optimiser's state. */
    void update(List<Parameter> parameters, double learningRate);

    /** The optimiser's state, keyed by a name that includes the parameter's (empty for plain SGD). */
    Map<String, Matrix> state();

    /** Replaces the state with a saved one, as returned by {@link #state()}; an empty map is the initial state. */
    void restore(Map<String, Matrix> saved);

    /** E.g. "SGD" or "Adam (β1 0.9, β2 0.999, ε 1e-8)". */
    String describe();
}
