package org.nnlab.training;

import java.util.List;
import org.nnlab.layers.Parameter;
import org.nnlab.model.Network;
import org.nnlab.optimizers.Optimizer;
import org.nnlab.preprocessing.Examples;

/**
 * One optimisation step on one minibatch, exactly as {@link Trainer} takes it: the gradient of the
 * batch's loss ({@link #computeGradients}), then the optimiser's move of the trainable parameters
 * and the weight shrink, if any ({@link #update}). Two calls rather than one, so that the trainer
 * can stop before an update when the loss is no longer a number. Public so that the benchmarks and
 * the tests run the trainer's own step.
 *
 * <p>At a fixed batch size a step allocates nothing after the first: every matrix it writes is a
 * buffer kept from the step before. ({@code TrainingStepAllocationTest} checks this.)
 */
public final class TrainingStep {
    private final Network network;
    private final BatchGradient gradients;
    private final Optimizer optimizer;
    private final List<Parameter> trainable;
    private final WeightShrink weightShrink;

    /** Steps that train {@code network} on {@code examples} as {@code config} says, moved by {@code optimizer}. */
    public TrainingStep(Network network, Examples examples, TrainingConfig config, Optimizer optimizer) {
        this(network, examples, config, optimizer, null);
    }

    /** As above, with each batch distorted by {@code augmenter} (null: none) before it is trained on. */
    TrainingStep(Network network, Examples examples, TrainingConfig config, Optimizer optimizer, BatchAugmenter augmenter) {
        this.network = network;
        this.gradients = new BatchGradient(network, examples, network.spec().targets(), config.reduction(), augmenter);
        this.optimizer = optimizer;
        this.trainable = network.parameters().stream().filter(p -> p.decays() || !config.freezeBiases()).toList();
        this.weightShrink = config.weightShrink();
    }

    /**
     * Fills every parameter's gradient for the batch of examples order[from], …, order[from +
     * count − 1], and returns the batch's loss summed over its examples.
     */
    public double computeGradients(int[] order, int from, int count) {
        gradients.compute(order, from, count);
        return gradients.lossSum();
    }

    /** How many examples of the last batch the network classified correctly (before the update). */
    public int correct() {
        return gradients.correct();
    }

    /** Moves the trainable parameters against their gradients, then shrinks the weights if configured. */
    public void update(double learningRate) {
        optimizer.update(trainable, learningRate);
        weightShrink.apply(network.parameters());
    }
}
