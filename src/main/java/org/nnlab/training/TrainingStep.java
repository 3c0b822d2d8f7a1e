package org.nnlab.training;

import java.util.List;
import java.util.Locale;
import org.nnlab.layers.Parameter;
import org.nnlab.model.Network;
import org.nnlab.optimizers.Optimizer;
import org.nnlab.optimizers.Sgd;
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
 *
 * <p><b>W1's step without dW1.</b> With plain SGD, the backward pass leaves dW1 out, and
 * {@link #update} adds −η times the product that dW1 would be to W1 tile by tile instead: the same
 * numbers, bit for bit, but dW1 (784×512, 1.6 MB) is never written and read back, and W1 is read
 * and written once. On one core, W1 and dW1 together did not fit in L2, and a step took 18–21%
 * less time this way (book, chapter 7). Only where nothing else reads or changes dW1: the mean
 * reduction, no L2 penalty, no diagnostics (which report ‖dW1‖), batches of at most
 * {@value BatchGradient#CHUNK_ROWS}, not in a student's lab kit (whose own backward pass should be
 * the one that trains), and not with {@value #DIRECT_STEP_PROPERTY}{@code =false}, the switch for
 * comparing. After such a step W1's gradient matrix holds nothing meaningful.
 */
public final class TrainingStep {
    /** System property: {@code false} makes plain SGD compute dW1 and then step, as every other optimiser does (default: true). */
    public static final String DIRECT_STEP_PROPERTY = "nnlab.directStep";
    /** System property: {@code false} keeps every epoch's hidden layer whole, its products shared out one by one (default: true; see {@link #startEpoch}). */
    public static final String HIDDEN_UNIT_PARTS_PROPERTY = "nnlab.hiddenUnitParts";

    /**
     * The class-path resource of a lab kit's manifest, LabKit.MANIFEST (written out: package
     * training may not use package lab; DirectFirstWeightStepTest checks that the two agree).
     */
    static final String LAB_KIT_MANIFEST = "/org/nnlab/lab/kit.properties";

    private final Network network;
    private final BatchGradient gradients;
    private final Optimizer optimizer;
    private final List<Parameter> trainable;
    /** The trainable parameters without W1, for the steps that move W1 without dW1. */
    private final List<Parameter> trainableButFirstWeights;
    private final WeightShrink weightShrink;

    /**
     * Steps that train {@code network} on {@code examples} as {@code config} says, moved by
     * {@code optimizer}, for a caller that does not read the gradients after an update (no
     * diagnostics), so that plain SGD may step W1 without dW1.
     */
    public TrainingStep(Network network, Examples examples, TrainingConfig config, Optimizer optimizer) {
        this(network, examples, config, optimizer, null, false);
    }

    /**
     * As above, with each batch distorted by {@code augmenter} (null: none) before it is trained
     * on; {@code diagnosed}: a listener reads every parameter's gradient after updates.
     */
    TrainingStep(Network network, Examples examples, TrainingConfig config, Optimizer optimizer, BatchAugmenter augmenter,
                 boolean diagnosed) {
        this.network = network;
        boolean directStep = optimizer instanceof Sgd && config.reduction() == GradientReduction.MEAN
                && network.spec().l2() == 0 && !diagnosed && directStepFromProperty() && !isLabKit();
        this.gradients = new BatchGradient(network, examples, network.spec().targets(), config.reduction(), augmenter,
                directStep, config.weightShrink().lambda() == 0 && booleanProperty(HIDDEN_UNIT_PARTS_PROPERTY));
        this.optimizer = optimizer;
        this.trainable = network.parameters().stream().filter(p -> p.decays() || !config.freezeBiases()).toList();
        Parameter firstWeights = network.firstWeights();
        this.trainableButFirstWeights = trainable.stream().filter(p -> p != firstWeights).toList();
        this.weightShrink = config.weightShrink();
    }

    static boolean directStepFromProperty() {
        return booleanProperty(DIRECT_STEP_PROPERTY);
    }

    /** A switch that is on unless the system property {@code name} says false. */
    private static boolean booleanProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "system property " + name + " must be true or false, got '" + value + "'");
        };
    }

    /** Whether this is a student's lab kit: its manifest is on the class path. */
    static boolean isLabKit() {
        return TrainingStep.class.getResource(LAB_KIT_MANIFEST) != null;
    }

    /**
     * Fills every parameter's gradient for the batch of examples order[from], …, order[from +
     * count − 1] (but W1's, when plain SGD steps W1 without it: see the class comment), and
     * returns the batch's loss summed over its examples.
     */
    public double computeGradients(int[] order, int from, int count) {
        gradients.compute(order, from, count);
        return gradients.lossSum();
    }

    /** How many examples of the last batch the network classified correctly (before the update). */
    public int correct() {
        return gradients.correct();
    }

    /**
     * Before an epoch's steps. With more than one kernel thread, the steps that leave dW1 out (see
     * the class comment) share the hidden units out among the threads, each thread keeping its
     * units' columns of W1 in an array of its own (HiddenUnitParts): the same numbers, with less
     * data passing between the cores. That needs a float32 network whose hidden layer is a ReLU
     * layer of at least 128 units with no dropout, no weight shrink, and
     * {@value #HIDDEN_UNIT_PARTS_PROPERTY} not false. The network's W1 is then out of date until
     * {@link #finishEpoch}, which the caller must call, also when the epoch fails. Steps taken
     * without startEpoch run the network whole.
     */
    public void startEpoch() {
        gradients.startEpoch();
    }

    /** After an epoch's steps: the network's W1 up to date again (see {@link #startEpoch}). */
    public void finishEpoch() {
        gradients.finishEpoch();
    }

    /** How many batches so far were gathered during the step before theirs, by a kernel thread that would have waited (BatchAhead). */
    int batchesGatheredAhead() {
        return gradients.batchesGatheredAhead();
    }

    /** Whether the steps share the hidden units out among the kernel threads now (see {@link #startEpoch}). */
    boolean sharesHiddenUnits() {
        return gradients.sharesHiddenUnits();
    }

    /** Whether this step moves W1 by plain SGD's step straight from X and dZ1, leaving dW1 out (see the class comment). */
    boolean stepsFirstWeightsDirectly() {
        return gradients.leavesOutFirstWeights();
    }

    /** Moves the trainable parameters against their gradients, then shrinks the weights if configured. */
    public void update(double learningRate) {
        // tag::lab-remove-linear[]
        if (gradients.firstWeightGradientLeftOut()) {
            optimizer.update(trainableButFirstWeights, learningRate);
            HiddenUnitParts parts = gradients.hiddenUnitPartsOfLastPass();
            if (parts != null) {
                parts.stepW1(learningRate);
            } else {
                network.descendFirstWeights(learningRate);
            }
            weightShrink.apply(network.parameters());
            return;
        }
        // end::lab-remove-linear[]
        optimizer.update(trainable, learningRate);
        weightShrink.apply(network.parameters());
    }
}
