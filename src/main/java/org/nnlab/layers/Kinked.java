package org.nnlab.layers;

import java.util.BitSet;

/**
 * An operation that is smooth except where one of its inputs crosses a fixed point: ReLU at 0,
 * the clamp of binary cross-entropy at ε and 1 − ε, any max. (Softmax's max-subtraction is not
 * one: the shift cancels, so the function itself is smooth.)
 *
 * <p>Training never calls this. The gradient checker does, after each forward pass of its
 * stencil: between two forward passes whose {@link #kinkSides} are equal, every input stayed on
 * the same side of every non-differentiable point, so the function was smooth in between. Where
 * they differ, the element is a kink, known exactly rather than guessed from the values of f.
 *
 * <p>A layer or loss with a non-differentiable point must implement this; otherwise the checker
 * takes it for smooth.
 */
public interface Kinked {

    /**
     * Which side of its non-differentiable points each input of the last forward pass was on, one
     * or more bits per input element. Computed on each call from what the last forward pass kept,
     * so that forward itself pays nothing for it.
     */
    // tag::kink-sides[]
    BitSet kinkSides();
    // end::kink-sides[]
}
