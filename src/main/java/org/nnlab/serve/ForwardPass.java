package org.nnlab.serve;

import java.util.List;
import org.nnlab.layers.Layer;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;

/**
 * One image through the network, layer by layer, keeping what each layer computed: the equations
 * of chapter 2 with their numbers.
 *
 * <pre>
 *   Z1 = X·W1 + b1      A1 = g(Z1)      Z2 = A1·W2 + b2      outputs = softmax(Z2) (or the output activation)
 * </pre>
 *
 * Each step is the layer's own {@code forward}, the code training runs.
 *
 * @param z1        the hidden layer's input, 1×H
 * @param a1        the hidden activations, 1×H
 * @param z2        the scores, 1×C
 * @param outputs   what the head makes of them: softmax probabilities, or the output activation
 * @param predicted the class with the largest output
 */
record ForwardPass(Matrix z1, Matrix a1, Matrix z2, Matrix outputs, int predicted) {

    /** The network on one input row x (1×D); the network's layers keep what a backward pass needs. */
    static ForwardPass of(Network network, Matrix x) {
        List<Layer> layers = network.layers();
        Matrix z1 = layers.get(0).forward(x);
        Matrix a1 = layers.get(1).forward(z1);
        Matrix z2 = layers.get(2).forward(a1);
        Matrix outputs;
        if (layers.size() > 3) {
            outputs = layers.get(3).forward(z2).copy();
        } else {
            // softmax cross-entropy: the loss fuses the softmax, so the probabilities are computed here
            outputs = z2.copy();
            MatrixOps.rowSoftmax(z2, outputs);
        }
        return new ForwardPass(z1.copy(), a1.copy(), z2.copy(), outputs, argmax(outputs));
    }

    private static int argmax(Matrix row) {
        int best = 0;
        for (int c = 1; c < row.cols(); c++) {
            if (row.get(0, c) > row.get(0, best)) {
                best = c;
            }
        }
        return best;
    }

    /** Whether the outputs are probabilities that sum to 1 (a softmax head). */
    static boolean outputsAreProbabilities(Network network) {
        return network.spec().outputLoss().isSoftmax();
    }
}
