package org.nnlab.layers;

import java.util.List;
import org.nnlab.matrix.Matrix;

/**
 * One step of the network, with its derivative written out by hand.
 *
 * <p>Shapes: a batch {@code x} is N×D (N examples, one per row). {@link #forward} remembers what
 * {@link #backward} will need (its input or its output) in the layer's own fields, like the cache
 * of cs231n's {@code affine_forward}. {@link #backward} takes dL/d(output) and returns
 * dL/d(input), and writes the gradient of every parameter into {@link Parameter#gradient()}.
 *
 * <p>The matrices returned by both methods are buffers the layer reuses on the next call with the
 * same batch size: read them before calling the layer again, or copy them.
 */
public interface Layer {

    /** The layer's output for the batch x; keeps what backward needs. */
    Matrix forward(Matrix x);

    /** dL/d(input) given dout = dL/d(output) of the last forward call; fills parameter gradients. */
    Matrix backward(Matrix dout);

    /** The layer's trainable parameters, empty for activations. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** A short name for reports, e.g. "Linear 784→512" or "ReLU". */
    String describe();
}
