package org.nnlab.model;

import org.nnlab.layers.Activation;

/**
 * The architecture of a network: D inputs → H hidden units → C outputs, or D → C directly when
 * {@code hidden} is 0 (report 002's single neuron).
 *
 * @param inputs           D, e.g. 784 for 28×28 images
 * @param hidden           H, or 0 for no hidden layer
 * @param outputs          C, e.g. 10 classes (or 1 for a digit-against-the-rest neuron)
 * @param hiddenActivation the hidden layer's activation (ignored when hidden is 0)
 * @param outputLoss       output activation and loss
 * @param initialization   how the weights start
 * @param l2               λ of the L2 penalty (λ/2)·Σ‖W‖² on weights, never biases
 */
public record NetworkSpec(int inputs, int hidden, int outputs, Activation hiddenActivation,
                          OutputLoss outputLoss, Initialization initialization, double l2) {

    public NetworkSpec {
        if (inputs <= 0 || outputs <= 0 || hidden < 0) {
            throw new IllegalArgumentException("layer sizes must be positive (hidden may be 0), got "
                    + inputs + "-" + hidden + "-" + outputs);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 strength must be a finite number ≥ 0, got " + l2);
        }
    }

    /** The usual choice: He for ReLU, Xavier for sigmoid and tanh. */
    public static Initialization defaultInitialization(Activation hiddenActivation) {
        return hiddenActivation == Activation.RELU ? Initialization.HE : Initialization.XAVIER;
    }

    public boolean hasHiddenLayer() {
        return hidden > 0;
    }

    /** "784-512-10 relu, softmax-ce", for logs and titles. */
    public String describe() {
        String sizes = hasHiddenLayer() ? inputs + "-" + hidden + "-" + outputs : inputs + "-" + outputs;
        String activation = hasHiddenLayer() ? " " + hiddenActivation.cliName() + "," : "";
        return sizes + activation + " " + outputLoss.cliName();
    }
}
