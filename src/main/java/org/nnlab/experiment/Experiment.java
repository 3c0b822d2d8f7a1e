package org.nnlab.experiment;

import org.nnlab.augment.Augmentation;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.WeightShrink;

/**
 * One training run, completely described: which data, how it is split and scaled, which network,
 * and how it is trained. {@code nnlab train} builds one from its flags, each report preset builds
 * several, and a checkpoint stores one so that {@code --resume} can rebuild the run.
 *
 * <p>The training seed seeds everything: the weights, the split and the minibatch order.
 *
 * <p>{@link #builder()} starts from nnlab's defaults, those of {@code nnlab train}; each setting is
 * an {@link ExperimentOption}, listed in {@link ExperimentOptions}.
 *
 * @param dataset  "mnist" or "fashion-mnist"
 * @param task     what the network answers about each image
 * @param split    which images train, validate and test
 * @param scaling  how grey levels become inputs
 * @param network  the network's architecture
 * @param training how it is trained
 */
public record Experiment(String dataset, Task task, SplitPlan split, InputScaling scaling,
                         NetworkSpec network, TrainingConfig training) {

    public Experiment {
        if (network.outputs() != task.outputs()) {
            throw new IllegalArgumentException("the task " + task.spec() + " needs " + task.outputs()
                    + " outputs, the network has " + network.outputs());
        }
        refuseFlippedDigits(dataset, training.augmentation());
        if (network.l2() > 0 && training.weightShrink().lambda() > 0) {
            throw new IllegalArgumentException("L2 is applied either as a penalty in the loss or as a weight shrink"
                    + " after each update, not both");
        }
    }

    /** A builder holding nnlab's defaults, the values {@code nnlab train} uses for every flag not given. */
    public static Builder builder() {
        return new Builder();
    }

    /** λ of the L2 regularisation, however it is applied ({@link #l2Style()}). */
    public double l2() {
        return l2Style() == L2Style.SHRINK ? training.weightShrink().lambda() : network.l2();
    }

    /** Whether L2 is a penalty in the loss or a shrink of the weights after each update. */
    public L2Style l2Style() {
        return training.weightShrink().lambda() > 0 ? L2Style.SHRINK : L2Style.PENALTY;
    }

    /** Flips suit clothes (a mirrored shoe is a shoe) and never digits (a mirrored 2, 3, 4, 5, 6, 7 or 9 is no digit). */
    public static void refuseFlippedDigits(String dataset, Augmentation augmentation) {
        if (augmentation.flip() && dataset.equals(DIGITS)) {
            throw new IllegalArgumentException("flips are for clothes, never digits: a mirrored 2, 3, 4, 5, 6, 7 or 9"
                    + " is no digit at all; drop flip from the augmentation on " + DIGITS);
        }
    }

    /** The dataset of handwritten digits, which must never be flipped. */
    private static final String DIGITS = "mnist";

    public Experiment withTraining(TrainingConfig changed) {
        return new Experiment(dataset, task, split, scaling, network, changed);
    }

    public Experiment withNetwork(NetworkSpec changed) {
        return new Experiment(dataset, task, split, scaling, changed, training);
    }

    public Experiment withSeed(long seed) {
        return withTraining(training.toBuilder().seed(seed).build());
    }

    public Experiment withEpochs(int epochs) {
        return withTraining(training.toBuilder().epochs(epochs).build());
    }

    public Experiment withScaling(InputScaling changed) {
        return new Experiment(dataset, task, split, changed, network, training);
    }

    public Experiment withSplit(SplitPlan changed) {
        return new Experiment(dataset, task, changed, scaling, network, training);
    }

    /**
     * Builds an {@link Experiment}, starting from nnlab's defaults: those of this class for the data,
     * of {@link NetworkSpec#builder()} for the network and of {@link TrainingConfig#builder()} for the
     * training. The network's outputs follow the task, and L2 goes where {@link #l2Style} says.
     */
    public static final class Builder {
        private String dataset = "mnist";
        private Task task = Task.TEN_CLASSES;
        private SplitPlan split = SplitPlan.DEFAULT;
        private InputScaling scaling = InputScaling.UNIT;
        private double l2 = 0;
        private L2Style l2Style = L2Style.PENALTY;
        private final NetworkSpec.Builder network = NetworkSpec.builder();
        private final TrainingConfig.Builder training = TrainingConfig.builder();

        private Builder() {
        }

        /** Sets the dataset, "mnist" or "fashion-mnist". */
        public Builder dataset(String name) {
            dataset = name;
            return this;
        }

        /** Sets what the network answers; it also sets the network's outputs. */
        public Builder task(Task value) {
            task = value;
            return this;
        }

        /** Sets which images train, validate and test. */
        public Builder split(SplitPlan value) {
            split = value;
            return this;
        }

        /** Sets how grey levels become inputs. */
        public Builder scaling(InputScaling value) {
            scaling = value;
            return this;
        }

        /** Sets λ of the L2 regularisation, applied as {@link #l2Style} says. */
        public Builder l2(double lambda) {
            l2 = lambda;
            return this;
        }

        /** Sets whether L2 is a penalty in the loss or a shrink of the weights. */
        public Builder l2Style(L2Style style) {
            l2Style = style;
            return this;
        }

        /** The network's settings, to change them in place; its outputs and L2 are set when built. */
        public NetworkSpec.Builder network() {
            return network;
        }

        /** The training's settings, to change them in place; its weight shrink is set when built. */
        public TrainingConfig.Builder training() {
            return training;
        }

        /**
         * The experiment; combinations that cannot train are an IllegalArgumentException naming
         * the options by their flags.
         */
        public Experiment build() {
            requireCompatible();
            NetworkSpec spec = network.outputs(task.outputs()).l2(l2Style == L2Style.PENALTY ? l2 : 0).build();
            TrainingConfig config = training.weightShrink(new WeightShrink(l2Style == L2Style.SHRINK ? l2 : 0)).build();
            return new Experiment(dataset, task, split, scaling, spec, config);
        }

        private void requireCompatible() {
            if (l2Style == L2Style.SHRINK && l2 >= 1) {
                throw new IllegalArgumentException("--l2 must be below 1 with --l2-style shrink (W ← W − λ·W), got " + l2);
            }
            OutputLoss loss = network.outputLoss();
            if (network.targets() == TargetEncoding.PLUS_MINUS_ONE && loss != OutputLoss.TANH_MSE) {
                throw new IllegalArgumentException("--targets plus-minus-one needs --loss tanh-mse (the only output"
                        + " that reaches −1), got --loss " + loss.cliName());
            }
            if (task.isBinary() && loss.isSoftmax()) {
                throw new IllegalArgumentException("--task " + task.spec() + " has a single output, and a softmax over"
                        + " one output is always 1; use --loss sigmoid-bce, sigmoid-mse or tanh-mse");
            }
        }
    }
}
