package org.nnlab.model;

import org.nnlab.layers.Activation;
import org.nnlab.layers.SigmoidDerivative;

/**
 * The architecture of a network: D inputs → H hidden units → C outputs, or D → C directly when
 * {@code hidden} is 0 (report 002's single neuron).
 *
 * @param inputs           D, e.g. 784 for 28×28 images
 * @param hidden           H, or 0 for no hidden layer
 * @param outputs          C, e.g. 10 classes (or 1 for a digit-against-the-rest neuron)
 * @param hiddenActivation the hidden layer's activation (ignored when hidden is 0)
 * @param outputLoss       output activation and loss
 * @param initialization   how the weights (and possibly biases) start
 * @param l2               λ of the L2 penalty (λ/2)·Σ‖W‖² on weights, never biases
 * @param targets          what the outputs are trained towards: 0/1 or ±1 one-hot
 * @param sigmoidDerivative where sigmoid layers evaluate σ' in the backward pass (report 000's code
 *                         evaluates it at the output)
 * @param dropout          p of inverted dropout after the hidden activation in training, 0 for none
 * @param inputDropout     p of inverted dropout on the inputs in training, 0 for none
 */
public record NetworkSpec(int inputs, int hidden, int outputs, Activation hiddenActivation,
                          OutputLoss outputLoss, Initialization initialization, double l2, TargetEncoding targets,
                          SigmoidDerivative sigmoidDerivative, double dropout, double inputDropout) {

    public NetworkSpec {
        if (inputs <= 0 || outputs <= 0 || hidden < 0) {
            throw new IllegalArgumentException("layer sizes must be positive (hidden may be 0), got "
                    + inputs + "-" + hidden + "-" + outputs);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 strength must be a finite number ≥ 0, got " + l2);
        }
        if (targets == TargetEncoding.PLUS_MINUS_ONE && outputLoss != OutputLoss.TANH_MSE) {
            throw new IllegalArgumentException("±1 targets need an output that can reach −1, i.e. tanh-mse; "
                    + outputLoss.cliName() + " outputs lie in [0, 1]");
        }
        if (outputs == 1 && outputLoss.isSoftmax()) {
            throw new IllegalArgumentException("a softmax over a single output is always 1; a yes/no network needs"
                    + " sigmoid-bce, sigmoid-mse or tanh-mse");
        }
        requireDropoutRate("dropout", dropout);
        requireDropoutRate("input dropout", inputDropout);
        if (dropout > 0 && hidden == 0) {
            throw new IllegalArgumentException("dropout acts on the hidden layer's units, and this network has no hidden layer");
        }
    }

    private static void requireDropoutRate(String what, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("the " + what + " rate must be in [0, 1) (0: none), got " + rate);
        }
    }

    /** A spec without dropout. */
    public NetworkSpec(int inputs, int hidden, int outputs, Activation hiddenActivation,
                       OutputLoss outputLoss, Initialization initialization, double l2, TargetEncoding targets,
                       SigmoidDerivative sigmoidDerivative) {
        this(inputs, hidden, outputs, hiddenActivation, outputLoss, initialization, l2, targets, sigmoidDerivative, 0, 0);
    }

    /** This spec with inverted dropout of rate {@code hiddenRate} on the hidden units and {@code inputRate} on the inputs. */
    public NetworkSpec withDropout(double hiddenRate, double inputRate) {
        return new NetworkSpec(inputs, hidden, outputs, hiddenActivation, outputLoss, initialization, l2, targets,
                sigmoidDerivative, hiddenRate, inputRate);
    }

    /** A spec with the true sigmoid derivative. */
    public NetworkSpec(int inputs, int hidden, int outputs, Activation hiddenActivation,
                       OutputLoss outputLoss, Initialization initialization, double l2, TargetEncoding targets) {
        this(inputs, hidden, outputs, hiddenActivation, outputLoss, initialization, l2, targets, SigmoidDerivative.AT_INPUT);
    }

    /** A spec with the targets its output naturally uses (0/1, or ±1 for tanh). */
    public NetworkSpec(int inputs, int hidden, int outputs, Activation hiddenActivation,
                       OutputLoss outputLoss, Initialization initialization, double l2) {
        this(inputs, hidden, outputs, hiddenActivation, outputLoss, initialization, l2, outputLoss.defaultTargets());
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
        String encoding = targets == outputLoss.defaultTargets() ? "" : " (" + targets.cliName() + " targets)";
        String derivative = sigmoidDerivative == SigmoidDerivative.AT_INPUT ? "" : " (σ' at output)";
        return sizes + activation + " " + outputLoss.cliName() + encoding + derivative + describeDropout();
    }

    private String describeDropout() {
        if (dropout == 0 && inputDropout == 0) {
            return "";
        }
        String hiddenPart = dropout > 0 ? "dropout " + dropout : "";
        String inputPart = inputDropout > 0 ? "input dropout " + inputDropout : "";
        return ", " + (hiddenPart.isEmpty() || inputPart.isEmpty() ? hiddenPart + inputPart : hiddenPart + ", " + inputPart);
    }

    /** A builder holding nnlab's default network: 784-512-10, ReLU, softmax cross-entropy, no L2. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link NetworkSpec} from nnlab's defaults. Two settings follow others unless given:
     * the weights' initialisation follows the hidden activation ({@link #defaultInitialization}), and
     * the targets follow the output ({@link OutputLoss#defaultTargets()}).
     */
    public static final class Builder {
        private int inputs = 28 * 28;
        private int hidden = 512;
        private int outputs = 10;
        private Activation hiddenActivation = Activation.RELU;
        private OutputLoss outputLoss = OutputLoss.SOFTMAX_CROSS_ENTROPY;
        private Initialization weights;
        private boolean biasesLikeWeights;
        private double l2;
        private TargetEncoding targets;
        private SigmoidDerivative sigmoidDerivative = SigmoidDerivative.AT_INPUT;
        private double dropout;
        private double inputDropout;

        private Builder() {
        }

        /** Sets D, the inputs per example. */
        public Builder inputs(int value) {
            inputs = value;
            return this;
        }

        /** Sets H, the hidden units (0: no hidden layer). */
        public Builder hidden(int value) {
            hidden = value;
            return this;
        }

        /** Sets C, the outputs. */
        public Builder outputs(int value) {
            outputs = value;
            return this;
        }

        /** Sets the hidden layer's activation. */
        public Builder hiddenActivation(Activation value) {
            hiddenActivation = value;
            return this;
        }

        /** Sets the output activation and its loss. */
        public Builder outputLoss(OutputLoss value) {
            outputLoss = value;
            return this;
        }

        /** Sets how the weights start (its biases flag is ignored: see {@link #biasesLikeWeights}). */
        public Builder weights(Initialization value) {
            weights = value;
            return this;
        }

        /** Sets whether the biases are drawn like the weights, or start at zero. */
        public Builder biasesLikeWeights(boolean value) {
            biasesLikeWeights = value;
            return this;
        }

        /** Sets λ of the L2 penalty (λ/2)·Σ‖W‖² in the loss. */
        public Builder l2(double value) {
            l2 = value;
            return this;
        }

        /** Sets what the outputs are trained towards. */
        public Builder targets(TargetEncoding value) {
            targets = value;
            return this;
        }

        /** Sets where sigmoid layers take σ'. */
        public Builder sigmoidDerivative(SigmoidDerivative value) {
            sigmoidDerivative = value;
            return this;
        }

        /** Sets p of inverted dropout on the hidden units in training (0: none). */
        public Builder dropout(double rate) {
            dropout = rate;
            return this;
        }

        /** Sets p of inverted dropout on the inputs in training (0: none). */
        public Builder inputDropout(double rate) {
            inputDropout = rate;
            return this;
        }

        /** The output activation and loss set so far. */
        public OutputLoss outputLoss() {
            return outputLoss;
        }

        /** The targets as they will be built: as set, or those of the output. */
        public TargetEncoding targets() {
            return targets != null ? targets : outputLoss.defaultTargets();
        }

        /** The spec; an IllegalArgumentException if its settings cannot go together. */
        public NetworkSpec build() {
            Initialization init = weights != null ? weights : defaultInitialization(hiddenActivation);
            return new NetworkSpec(inputs, hidden, outputs, hiddenActivation, outputLoss,
                    init.withBiasesLikeWeights(biasesLikeWeights), l2, targets(), sigmoidDerivative, dropout, inputDropout);
        }
    }
}
