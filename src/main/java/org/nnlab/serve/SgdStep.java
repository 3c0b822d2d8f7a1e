package org.nnlab.serve;

import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.optimizers.Sgd;

/**
 * One step of plain SGD on one image, θ ← θ − η·dθ (4.17), and what it did to the outputs: the
 * same {@link Network#lossAndGradients} and {@link Sgd#update} as training, on a copy of the
 * network that is put back afterwards, so the model everyone is served does not change.
 *
 * @param learningRate η
 * @param before       the outputs and the loss before the step
 * @param after        the outputs and the loss after it
 */
record SgdStep(double learningRate, Outcome before, Outcome after) {

    /** The outputs for the image, and the loss against its label. */
    record Outcome(Matrix outputs, double loss) {
    }

    /** Steps {@code network} (changing its parameters) on x with the given label. */
    static SgdStep apply(Network network, Matrix x, int label, double learningRate) {
        Matrix targets = x.zerosLike(1, network.spec().outputs());
        network.spec().targets().encode(label, targets, 0);
        Outcome before = outcome(network, x, targets);
        network.lossAndGradients(x, targets);
        new Sgd().update(network.parameters(), learningRate);
        return new SgdStep(learningRate, before, outcome(network, x, targets));
    }

    private static Outcome outcome(Network network, Matrix x, Matrix targets) {
        double loss = network.loss(x, targets);
        return new Outcome(ForwardPass.of(network, x).outputs(), loss);
    }
}
