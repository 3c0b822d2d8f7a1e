package org.nnlab.serve;

import java.util.List;
import org.nnlab.layers.Layer;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;

/**
 * Backpropagation for one image and its true label, with every intermediate gradient kept: the
 * equations (4.9)–(4.15) of chapter 4 with their numbers. N = 1, so the rows are single examples.
 *
 * <pre>
 *   dZ2 = P − Y  (softmax cross-entropy; else dA2 ⊙ h'(Z2))        (4.9)
 *   dW2 = A1ᵀ·dZ2 + λW2      db2 = dZ2                             (4.10), (4.11)
 *   dA1 = dZ2·W2ᵀ                                                  (4.12)
 *   dZ1 = dA1 ⊙ g'(Z1)                                             (4.13)
 *   dW1 = Xᵀ·dZ1 + λW1       db1 = dZ1                             (4.14), (4.15)
 * </pre>
 *
 * @param forward the forward pass the gradients start from
 * @param targets Y, the one-hot target row (±1 for a tanh head)
 * @param loss    L for this image, with the L2 penalty
 */
record BackwardPass(ForwardPass forward, Matrix targets, double loss, Matrix dZ2, Matrix dW2, Matrix db2,
                    Matrix dA1, Matrix dZ1, Matrix dW1, Matrix db1) {

    /**
     * Forward and backward through the network's own layers. dZ2, dA1 and dZ1 are what the layers'
     * {@code backward} calls return, one at a time; the parameter gradients are then those of
     * {@link Network#lossAndGradients}, exactly what a training step would use (with λW added).
     */
    static BackwardPass of(Network network, Matrix x, int label) {
        Matrix targets = x.zerosLike(1, network.spec().outputs());
        network.spec().targets().encode(label, targets, 0);
        ForwardPass forward = ForwardPass.of(network, x);
        network.lossFunction().forward(lastOutputs(network, forward), targets);

        List<Layer> layers = network.layers();
        Matrix fromLoss = network.lossFunction().backward();
        Matrix dZ2 = (layers.size() > 3 ? layers.get(3).backward(fromLoss) : fromLoss).copy();
        Matrix dA1 = layers.get(2).backward(dZ2).copy();
        Matrix dZ1 = layers.get(1).backward(dA1).copy();

        double loss = network.lossAndGradients(x, targets);
        return new BackwardPass(forward, targets, loss, dZ2, gradient(network, "W2"), gradient(network, "b2"),
                dA1, dZ1, gradient(network, "W1"), gradient(network, "b1"));
    }

    /** What the loss takes: the scores Z2 for the fused softmax cross-entropy, else the output activation's output. */
    private static Matrix lastOutputs(Network network, ForwardPass forward) {
        return network.layers().size() > 3 ? forward.outputs() : forward.z2();
    }

    private static Matrix gradient(Network network, String parameter) {
        return network.parameter(parameter).gradient().copy();
    }
}
