package org.nnlab.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.nnlab.layers.Dropout;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Parameter;
import org.nnlab.layers.Relu;
import org.nnlab.losses.Loss;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;

/**
 * The two-layer network: Linear → hidden activation → Linear → output activation, then a loss.
 *
 * <pre>
 *   Z1 = X·W1 + b1      A1 = g(Z1)      Z2 = A1·W2 + b2      A2 = h(Z2)      L = loss(A2, Y) + (λ/2)(‖W1‖² + ‖W2‖²)
 * </pre>
 *
 * {@link #lossAndGradients} is cs231n's {@code loss(X, y)}: one forward pass, one backward pass,
 * and every parameter's gradient filled. The layers are ordinary {@link Layer}s, so the same
 * network runs in float32 for training and, through {@link #withPrecision}, in float64 for
 * gradient checks.
 *
 * <p>With dropout in the spec, a {@link Dropout} layer follows the hidden activation (and, for
 * input dropout, precedes W1). It is off, the identity, until {@link #startTraining} turns it on.
 */
public final class Network {
    private final NetworkSpec spec;
    private final Precision precision;
    private final List<Layer> layers;
    private final Loss loss;
    private final List<Parameter> parameters;
    private Matrix outputs;
    private Matrix inputGradient;
    /** dL/dZ2 of the last {@link #lossAndGradientsAboveHidden}: the gradient at the output Linear layer's output. */
    private Matrix outputLayerGradient;

    private Network(NetworkSpec spec, Precision precision, List<Layer> layers) {
        this.spec = spec;
        this.precision = precision;
        this.layers = List.copyOf(layers);
        this.loss = spec.outputLoss().newLoss();
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    /** A new network with weights drawn by the spec's initialisation from {@code random}. */
    // tag::create[]
    public static Network create(NetworkSpec spec, Precision precision, Random random) {
        List<Layer> layers = new ArrayList<>();
        int fanIn = spec.inputs();
        int layerNumber = 1;
        if (spec.inputDropout() > 0) {
            layers.add(new Dropout(spec.inputDropout()));
        }
        if (spec.hasHiddenLayer()) {
            layers.add(newLinear(spec, precision, random, layerNumber++, fanIn, spec.hidden()));
            layers.add(spec.hiddenActivation().newLayer(spec.sigmoidDerivative()));
            if (spec.dropout() > 0) {
                layers.add(new Dropout(spec.dropout()));
            }
            fanIn = spec.hidden();
        }
        layers.add(newLinear(spec, precision, random, layerNumber, fanIn, spec.outputs()));
        Layer outputActivation = spec.outputLoss().newActivation(spec.sigmoidDerivative());
        if (outputActivation != null) {
            layers.add(outputActivation);
        }
        return new Network(spec, precision, layers);
    }
    // end::create[]

    // tag::new-linear[]
    private static Linear newLinear(NetworkSpec spec, Precision precision, Random random,
                                    int number, int fanIn, int fanOut) {
        Matrix w = spec.initialization().weights(precision, fanIn, fanOut, random);
        Matrix b = spec.initialization().biases(precision, fanIn, fanOut, random);
        return new Linear("W" + number, w, "b" + number, b);
    }
    // end::new-linear[]

    /** A copy of this network in another precision, with the same parameter values. */
    public Network withPrecision(Precision target) {
        Network copy = create(spec, target, new Random(0));
        for (int i = 0; i < parameters.size(); i++) {
            copy.parameters.get(i).value().copyFrom(parameters.get(i).value());
        }
        return copy;
    }

    /** The network's outputs A2 for a batch X (N×D): N×C, a buffer reused by the next call. */
    // tag::forward[]
    public Matrix forward(Matrix x) {
        Matrix activations = x;
        // By index: a for-each loop would allocate an iterator on every call.
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Linear linear && i + 1 < layers.size() && layers.get(i + 1) instanceof Relu relu) {
                // Linear then ReLU: the bias and the ReLU in one pass over Z = X·W. Both layers
                // keep what their backward passes need, and the numbers are the same, bit for bit.
                activations = relu.forwardAddingBias(linear.forwardWithoutBias(activations), linear.bias().value());
                i++;
            } else {
                activations = layer.forward(activations);
            }
        }
        outputs = activations;
        return outputs;
    }
    // end::forward[]

    /** The loss for a batch, including the L2 penalty, without computing gradients. */
    // tag::loss[]
    public double loss(Matrix x, Matrix targets) {
        return loss.forward(forward(x), targets) + regularizationLoss();
    }
    // end::loss[]

    /**
     * Forward and backward through the whole network for one batch: returns the loss (data loss
     * plus L2 penalty) and leaves dL/dθ in every {@link Parameter#gradient()}.
     */
    // tag::loss-and-gradients[]
    public double lossAndGradients(Matrix x, Matrix targets) {
        return lossAndGradients(x, targets, false);
    }

    /**
     * As {@link #lossAndGradients(Matrix, Matrix)}, and, when {@code withInputGradient}, also
     * dL/dX for {@link #inputGradient()}. Training does without it: the first layer's dX is a third
     * of a step's arithmetic, and no parameter's gradient depends on it.
     */
    public double lossAndGradients(Matrix x, Matrix targets, boolean withInputGradient) {
        return lossAndGradients(x, targets, withInputGradient, true);
    }

    private double lossAndGradients(Matrix x, Matrix targets, boolean withInputGradient, boolean withFirstWeightGradient) {
        double total = loss(x, targets);
        Matrix gradient = loss.backward();
        Linear first = firstLinear();
        first.setInputGradientWanted(withInputGradient);
        first.setWeightGradientWanted(withFirstWeightGradient);
        // Without dL/dX, W1's layer returns null, and the layers before it (input dropout) have nothing to do.
        for (int i = layers.size() - 1; i >= 0 && gradient != null; i--) {
            gradient = layers.get(i).backward(gradient);
        }
        inputGradient = gradient;
        first.setWeightGradientWanted(true);
        addRegularizationGradients();
        return total;
    }
    // end::loss-and-gradients[]

    /**
     * As {@link #lossAndGradients(Matrix, Matrix)}, except that W1's gradient is left out, for
     * training with plain SGD, which then moves W1 by −η·dW1 without dW1 ever being stored (book,
     * chapter 7). W1's gradient matrix keeps whatever it held.
     */
    public double lossAndGradientsExceptFirstWeights(Matrix x, Matrix targets) {
        if (spec.l2() != 0) {
            throw new IllegalStateException("W1's gradient cannot be left out with an L2 penalty (λ = " + spec.l2()
                    + "): its term λ·W1 is added to dW1; call lossAndGradients");
        }
        return lossAndGradients(x, targets, false, false);
    }

    // ---- for a step that computes the hidden layer in parts (training.HiddenUnitParts) ----

    /**
     * Whether the network is Linear, ReLU, then its output layers, nothing between (no dropout):
     * the shape whose hidden layer a training step may compute in parts of columns, each part
     * from X·W1 to dZ1 on its own thread, with {@link #lossAndGradientsAboveHidden} in between.
     */
    public boolean hasPlainReluHiddenLayer() {
        return layers.size() >= 3 && layers.get(0) instanceof Linear && layers.get(1) instanceof Relu
                && layers.get(2) instanceof Linear;
    }

    /** b1, the bias of the first Linear layer. */
    public Parameter firstBias() {
        return firstLinear().bias();
    }

    /**
     * The layers above the hidden activation H, as {@link #lossAndGradients} runs them, except for
     * two products of the output Linear layer's backward pass: forward from H (N×hidden), the loss,
     * backward down to that layer's dZ2 = dL/dZ2 (N×classes), which {@link #outputLayerGradient()}
     * then holds (through the output activation's backward pass, if the loss has one). Fills b2's
     * gradient; returns the loss. W2's gradient, dW2 = Hᵀ·dZ2, and dL/dH = dZ2·W2ᵀ are left to the
     * caller, who computed H and computes them for its own hidden units (training.HiddenUnitParts):
     * W2's gradient keeps whatever it held. Only for a network that {@link #hasPlainReluHiddenLayer()}.
     */
    public double lossAndGradientsAboveHidden(Matrix hidden, Matrix targets) {
        if (!hasPlainReluHiddenLayer()) {
            throw new IllegalStateException("lossAndGradientsAboveHidden needs Linear, ReLU, Linear; this network is " + describeLayers());
        }
        if (spec.l2() != 0) {
            // The penalty's λ·W terms belong to the weight gradients, which the caller computes.
            throw new IllegalStateException("lossAndGradientsAboveHidden cannot be used with an L2 penalty (λ = " + spec.l2()
                    + "): the caller computes the weight gradients, which the penalty changes");
        }
        Matrix activations = hidden;
        for (int i = 2; i < layers.size(); i++) { // by index, as in forward
            activations = layers.get(i).forward(activations);
        }
        outputs = activations;
        double total = loss.forward(outputs, targets);
        Matrix gradient = loss.backward();
        for (int i = layers.size() - 1; i > 2; i--) {
            gradient = layers.get(i).backward(gradient);
        }
        outputLayerGradient = gradient;
        Linear output = (Linear) layers.get(2);
        output.setWeightGradientWanted(false);
        output.setInputGradientWanted(false);
        try {
            output.backward(gradient); // db2 only
        } finally {
            output.setWeightGradientWanted(true);
            output.setInputGradientWanted(true);
        }
        return total;
    }

    /** dL/dZ2 of the last {@link #lossAndGradientsAboveHidden}: N×classes, the gradient at the output Linear layer's output. */
    public Matrix outputLayerGradient() {
        if (outputLayerGradient == null) {
            throw new IllegalStateException("no output layer gradient yet: call lossAndGradientsAboveHidden first");
        }
        return outputLayerGradient;
    }

    /** W2, the weights of the output Linear layer (the one after the hidden ReLU), for {@link #lossAndGradientsAboveHidden}'s caller. */
    public Parameter secondWeights() {
        if (!hasPlainReluHiddenLayer()) {
            throw new IllegalStateException("secondWeights needs Linear, ReLU, Linear; this network is " + describeLayers());
        }
        return ((Linear) layers.get(2)).weights();
    }

    private String describeLayers() {
        StringBuilder sb = new StringBuilder();
        for (Layer layer : layers) {
            sb.append(sb.length() == 0 ? "" : ", ").append(layer.describe());
        }
        return sb.toString();
    }

    /** W1, the weights of the first Linear layer, whose gradient {@link #lossAndGradientsExceptFirstWeights} leaves out. */
    public Parameter firstWeights() {
        return firstLinear().weights();
    }

    // tag::lab-remove-linear[]
    // Not in a student's lab kit, as Linear.descendWeights.
    /**
     * Plain SGD's step for W1 after {@link #lossAndGradientsExceptFirstWeights}: W1 ← W1 − η·dW1
     * with dW1 = Xᵀ·dZ1 of that pass, the same numbers as computing dW1 and then stepping.
     */
    public void descendFirstWeights(double learningRate) {
        firstLinear().descendWeights(learningRate);
    }
    // end::lab-remove-linear[]

    /** W1's layer: the first Linear (see {@link #create}; only input dropout may come before it). */
    private Linear firstLinear() {
        for (int i = 0; i < layers.size(); i++) { // by index: an iterator would allocate on every step
            if (layers.get(i) instanceof Linear linear) {
                return linear;
            }
        }
        throw new IllegalStateException("a network always has a Linear layer");
    }

    // tag::dropout-modes[]
    /**
     * Training: from now on every forward pass draws new dropout masks from {@code randomBits}
     * (the run's generator). Nothing changes in a network without dropout.
     */
    public void startTraining(LongSupplier randomBits) {
        dropoutLayers().forEach(d -> d.drawMasksFrom(randomBits));
    }

    /** Evaluation (the default): dropout layers pass their input through. */
    public void stopTraining() {
        dropoutLayers().forEach(Dropout::turnOff);
    }

    /** The dropout layers in training reuse their last masks, so that f is one function for a gradient check. */
    public void holdDropoutMasks() {
        dropoutLayers().forEach(Dropout::holdMask);
    }
    // end::dropout-modes[]

    private java.util.stream.Stream<Dropout> dropoutLayers() {
        return layers.stream().filter(Dropout.class::isInstance).map(Dropout.class::cast);
    }

    /**
     * dL/dX for the batch of the last {@code lossAndGradients(x, targets, true)} call: N×D, a buffer
     * reused by the next call. Training never needs it; a gradient check of the input compares
     * against it.
     */
    public Matrix inputGradient() {
        if (inputGradient == null) {
            throw new IllegalStateException("call lossAndGradients(x, targets, true) first: dL/dX is computed only when asked for");
        }
        return inputGradient;
    }

    /** (λ/2)·Σ‖W‖² over the weights (biases are not penalised). */
    // tag::regularization-loss[]
    public double regularizationLoss() {
        if (spec.l2() == 0) {
            return 0;
        }
        double sumOfSquares = 0;
        for (int i = 0; i < parameters.size(); i++) { // by index: an iterator would be garbage on every step
            Parameter p = parameters.get(i);
            if (p.decays()) {
                sumOfSquares += MatrixOps.dot(p.value(), p.value());
            }
        }
        return 0.5 * spec.l2() * sumOfSquares;
    }
    // end::regularization-loss[]

    /** dW += λ·W, the gradient of (λ/2)‖W‖². */
    // tag::regularization-gradients[]
    private void addRegularizationGradients() {
        if (spec.l2() == 0) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) { // by index: an iterator would be garbage on every step
            Parameter p = parameters.get(i);
            if (p.decays()) {
                MatrixOps.addScaled(spec.l2(), p.value(), p.gradient());
            }
        }
    }
    // end::regularization-gradients[]

    /** The class the network predicts for row {@code row} of its last outputs. */
    public int predictedClass(int row) {
        if (outputs.cols() == 1) {
            return outputs.get(row, 0) >= spec.targets().threshold() ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < outputs.cols(); c++) {
            if (outputs.get(row, c) > outputs.get(row, best)) {
                best = c;
            }
        }
        return best;
    }

    /** The parameters in order W1, b1, W2, b2 (or W1, b1 without a hidden layer). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameter with the given name, e.g. "W1". */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + name + "'; this network has "
                + parameters.stream().map(Parameter::name).toList());
    }

    public List<Layer> layers() {
        return layers;
    }

    public Loss lossFunction() {
        return loss;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Precision precision() {
        return precision;
    }
}
