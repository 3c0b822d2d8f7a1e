package org.nnlab.gradcheck;

/**
 * A scalar function of some matrices, evaluated at their current contents. The checker changes one
 * element in place, calls {@link #value()}, and puts the element back, so the function reads the
 * matrices afresh on every call: {@code () -> network.loss(x, targets)} is one, and so is a layer's
 * output weighted by an upstream gradient, Σ forward(x) ⊙ G.
 */
@FunctionalInterface
public interface ScalarFunction {
    double value();
}
