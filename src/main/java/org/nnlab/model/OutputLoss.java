package org.nnlab.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Sigmoid;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.layers.Softmax;
import org.nnlab.layers.Tanh;
import org.nnlab.losses.BinaryCrossEntropy;
import org.nnlab.losses.Loss;
import org.nnlab.losses.MeanSquaredError;
import org.nnlab.losses.SoftmaxCrossEntropy;

/**
 * What sits on top of the last linear layer: an output activation and the loss it feeds, as the
 * five reports combine them. Softmax with cross-entropy has no separate activation layer because
 * the loss fuses the two (see {@link SoftmaxCrossEntropy}).
 */
public enum OutputLoss {
    SOFTMAX_CROSS_ENTROPY("softmax-ce", null, SoftmaxCrossEntropy::new, TargetEncoding.ZERO_ONE),
    SOFTMAX_MSE("softmax-mse", Softmax::new, MeanSquaredError::new, TargetEncoding.ZERO_ONE),
    SIGMOID_MSE("sigmoid-mse", Sigmoid::new, MeanSquaredError::new, TargetEncoding.ZERO_ONE),
    SIGMOID_BCE("sigmoid-bce", Sigmoid::new, BinaryCrossEntropy::new, TargetEncoding.ZERO_ONE),
    TANH_MSE("tanh-mse", Tanh::new, MeanSquaredError::new, TargetEncoding.PLUS_MINUS_ONE);

    private final String cliName;
    private final Supplier<Layer> activation;
    private final Supplier<Loss> loss;
    private final TargetEncoding defaultTargets;

    OutputLoss(String cliName, Supplier<Layer> activation, Supplier<Loss> loss, TargetEncoding defaultTargets) {
        this.cliName = cliName;
        this.activation = activation;
        this.loss = loss;
        this.defaultTargets = defaultTargets;
    }

    /** The output activation layer, or null when the loss takes raw scores. */
    public Layer newActivation() {
        return activation == null ? null : activation.get();
    }

    /** The output activation layer (a sigmoid with the given derivative), or null when the loss takes raw scores. */
    public Layer newActivation(SigmoidDerivative sigmoidDerivative) {
        Layer layer = newActivation();
        return layer instanceof Sigmoid ? new Sigmoid(sigmoidDerivative) : layer;
    }

    public Loss newLoss() {
        return loss.get();
    }

    /** The targets this output naturally produces: 0/1, or ±1 for tanh (report 003). */
    public TargetEncoding defaultTargets() {
        return defaultTargets;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the outputs are a softmax: they then sum to 1 and can be read as class probabilities. */
    public boolean isSoftmax() {
        return this == SOFTMAX_CROSS_ENTROPY || this == SOFTMAX_MSE;
    }

    public static OutputLoss parse(String name) {
        for (OutputLoss o : values()) {
            if (o.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown output/loss '" + name + "', expected one of "
                + Arrays.stream(values()).map(OutputLoss::cliName).toList());
    }
}
