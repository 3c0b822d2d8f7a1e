package org.nnlab.cli;

import org.nnlab.augment.AffineRanges;
import org.nnlab.augment.Augmentation;
import org.nnlab.augment.ElasticSettings;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.layers.Activation;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.training.EarlyStopping;
import org.nnlab.training.GradientReduction;
import org.nnlab.training.InputScaling;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.training.MinibatchSampling;
import org.nnlab.training.OptimizerSettings;
import org.nnlab.training.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.UpdateGranularity;
import org.nnlab.training.WeightShrink;

/**
 * The {@code nnlab train} flags that describe an {@link Experiment}, and the experiment they
 * describe. Kept apart from {@link TrainCommand} so that the command itself reads as a sequence
 * of steps.
 */
final class ExperimentFlags {
    /** The value of --batch that means "all the training images in one batch". */
    static final String FULL_BATCH = "full";
    private static final int IMAGE_PIXELS = 28 * 28;

    private ExperimentFlags() {
    }

    static Flags declare(Flags flags) {
        flags
                .option("dataset", "NAME", "mnist", "mnist or fashion-mnist")
                .option("task", "TASK", "digits", "digits (ten classes) or D-vs-rest, e.g. 5-vs-rest (one yes/no output)")
                .option("split", "SPLIT", SplitPlan.DEFAULT.spec(),
                        "TRAIN/VALIDATION images from the training set (55k/5k, 50k/10k, 40k/20k, ...),"
                                + " first-TRAIN/last-VALIDATION (in file order), all/test (validate on the test set) or all/stratified-test (test set halved by class)")
                .option("scaling", "NAME", InputScaling.UNIT.cliName(),
                        "inputs: unit (x/255), offset-unit (0.01+0.99·x/255), raw (0..255) or standardize (per pixel)")
                .option("hidden", "H", "512", "hidden units (0: no hidden layer)")
                .option("activation", "NAME", "relu", "hidden activation: relu, sigmoid or tanh")
                .option("loss", "NAME", "softmax-ce",
                        "output and loss: softmax-ce, softmax-mse, sigmoid-mse, sigmoid-bce or tanh-mse")
                .option("targets", "NAME", null, "zero-one or plus-minus-one (±1, tanh-mse only) one-hot targets"
                        + " (default: plus-minus-one for tanh-mse, else zero-one)")
                .option("sigmoid-derivative", "AT", "input",
                        "where sigmoid layers take σ' in backprop: input (σ'(z), correct) or output (σ'(σ(z)), report 000's code)")
                .option("init", "SCHEME", null, "weights: he, xavier or gaussian:STD (default: he for relu, else xavier)")
                .option("bias-init", "NAME", "zero", "biases: zero, or like-weights (drawn like their layer's weights)")
                .option("l2", "LAMBDA", "0", "L2 strength λ on weights, never biases")
                .option("l2-style", "NAME", "penalty",
                        "penalty: add (λ/2)·Σ‖W‖² to the loss; shrink: W ← W − λ·W after each update, without the learning rate")
                .option("optimizer", "NAME", "sgd", "sgd, momentum, nesterov or adam (cs231n's update rules and defaults)")
                .option("momentum", "MU", Double.toString(OptimizerSettings.DEFAULT_MOMENTUM), "μ for momentum and nesterov")
                .option("lr", "RATE", "0.5", "base learning rate")
                .option("schedule", "SCHEDULE", "per-epoch:0.9",
                        "constant, per-epoch:γ (×γ each epoch), step:γ:K (×γ every K epochs), on-drop:ρ (×ρ when validation accuracy drops)")
                .option("batch", "N", "64", "minibatch size, or full (full-batch gradient descent)")
                .option("epochs", "N", "10", "passes over the training set")
                .option("sampling", "NAME", "shuffle", "shuffle (each example once per epoch) or replacement (batches drawn with replacement)")
                .option("updates", "NAME", "batch", "batch (one update per minibatch) or example (one update per example of it)")
                .option("gradient", "NAME", "mean", "mean or sum of the per-example gradients of a minibatch")
                .toggle("freeze-biases", "never update the biases")
                .option("patience", "N", "0", "stop after N epochs without a better validation accuracy (0: never)")
                .toggle("keep-best", "end with the weights of the best validation epoch")
                .option("seed", "N", "1", "seed for initialisation, the split and the minibatch order")
                .option("dropout", "P", "0", "inverted dropout on the hidden units in training: drop each with probability P (0: none)")
                .option("input-dropout", "P", "0", "inverted dropout on the inputs in training (0: none)");
        return declareAugmentation(flags);
    }

    /** The --augment flags, shared by train (and search) and plot. */
    static Flags declareAugmentation(Flags flags) {
        return flags
                .option("augment", "KINDS", "none", "distort each training image as its batch is drawn: none, or affine,"
                        + " elastic and flip joined by + (e.g. affine+elastic; flip never for digits)")
                .option("rotate", "DEG", "15", "affine: rotate by up to ±DEG degrees")
                .option("scale", "F", "0.15", "affine: stretch by a factor 1 ± F, horizontally and vertically")
                .option("shear", "DEG", "15", "affine: slant by up to ±DEG degrees")
                .option("translate", "PX", "2", "affine: shift by up to ±PX pixels, horizontally and vertically")
                .option("elastic-sigma", "S", "4", "elastic: σ of the Gaussian that smooths the random field (pixels)")
                .option("elastic-alpha", "A", "34", "elastic: α, the scale of the smoothed field (pixels)");
    }

    static Augmentation augmentation(Flags flags) {
        return flags.get("augment", "none, or affine, elastic and flip joined by +", Augmentation::parse)
                .withRanges(new AffineRanges(numberIn(flags, "rotate", 0, 180, true), numberIn(flags, "scale", 0, 1, false),
                        numberIn(flags, "shear", 0, 89, true), flags.nonNegativeDouble("translate")))
                .withElastic(new ElasticSettings(flags.positiveDouble("elastic-sigma"), flags.nonNegativeDouble("elastic-alpha")));
    }

    /** The flag's number, which must lie in [low, high] (or [low, high) when not {@code highIncluded}). */
    private static double numberIn(Flags flags, String name, double low, double high, boolean highIncluded) {
        String interval = "[" + compact(low) + ", " + compact(high) + (highIncluded ? "]" : ")");
        return flags.get(name, "a number in " + interval, text -> {
            double value = Double.parseDouble(text.trim());
            if (!(value >= low && (highIncluded ? value <= high : value < high))) {
                throw new NumberFormatException();
            }
            return value;
        });
    }

    private static String compact(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static Experiment from(Flags flags) {
        try {
            Activation activation = flags.get("activation", "relu, sigmoid or tanh", Activation::parse);
            OutputLoss outputLoss = flags.get("loss", "an output/loss name", OutputLoss::parse);
            Task task = flags.get("task", "a task", Task::parse);
            double l2 = flags.nonNegativeDouble("l2");
            boolean shrink = flags.get("l2-style", "penalty or shrink", ExperimentFlags::parseShrink);
            if (shrink && l2 >= 1) {
                throw new UsageException(flags.command() + ": --l2 must be below 1 with --l2-style shrink (W ← W − λ·W), got " + l2);
            }
            TargetEncoding targets = targets(flags, outputLoss);
            requireCompatible(flags.command(), task, outputLoss, targets);
            NetworkSpec spec = new NetworkSpec(IMAGE_PIXELS, flags.nonNegativeInt("hidden"), task.outputs(), activation,
                    outputLoss, initialization(flags, activation), shrink ? 0 : l2, targets,
                    flags.get("sigmoid-derivative", "input or output", SigmoidDerivative::parse))
                    .withDropout(numberIn(flags, "dropout", 0, 1, false), numberIn(flags, "input-dropout", 0, 1, false));
            TrainingConfig training = TrainingConfig.builder()
                    .epochs(flags.positiveInt("epochs"))
                    .batchSize(flags.get("batch", "a whole number ≥ 1 or full", ExperimentFlags::parseBatch))
                    .learningRate(flags.positiveDouble("lr"))
                    .schedule(flags.get("schedule", "a schedule", LearningRateSchedule::parse))
                    .optimizer(new OptimizerSettings(flags.get("optimizer", "an optimizer", OptimizerSettings.Kind::parse),
                            flags.get("momentum", "a number in [0, 1)", ExperimentFlags::parseMomentum)))
                    .sampling(flags.get("sampling", "shuffle or replacement", MinibatchSampling::parse))
                    .updates(flags.get("updates", "batch or example", UpdateGranularity::parse))
                    .reduction(flags.get("gradient", "mean or sum", GradientReduction::parse))
                    .weightShrink(new WeightShrink(shrink ? l2 : 0))
                    .freezeBiases(flags.isSet("freeze-biases"))
                    .stopping(new EarlyStopping(flags.nonNegativeInt("patience")))
                    .keepBest(flags.isSet("keep-best"))
                    .seed(flags.longValue("seed"))
                    .augmentation(augmentation(flags))
                    .build();
            return new Experiment(flags.get("dataset"), task, flags.get("split", "a split", SplitPlan::parse),
                    flags.get("scaling", "a scaling", InputScaling::parse), spec, training);
        } catch (IllegalArgumentException e) {
            // Combinations no single flag can check, e.g. ±1 targets with a softmax output.
            throw new UsageException(flags.command() + ": " + e.getMessage());
        }
    }

    /** The combinations of --task, --loss and --targets that cannot train, named by their flags. */
    private static void requireCompatible(String command, Task task, OutputLoss outputLoss, TargetEncoding targets) {
        if (targets == TargetEncoding.PLUS_MINUS_ONE && outputLoss != OutputLoss.TANH_MSE) {
            throw new UsageException(command + ": --targets plus-minus-one needs --loss tanh-mse (the only output that"
                    + " reaches −1), got --loss " + outputLoss.cliName());
        }
        if (task.isBinary() && outputLoss.isSoftmax()) {
            throw new UsageException(command + ": --task " + task.spec() + " has a single output, and a softmax over one"
                    + " output is always 1; use --loss sigmoid-bce, sigmoid-mse or tanh-mse");
        }
    }

    private static Initialization initialization(Flags flags, Activation activation) {
        Initialization weights = flags.get("init") == null ? NetworkSpec.defaultInitialization(activation)
                : flags.get("init", "he, xavier or gaussian:STD", Initialization::parse);
        return weights.withBiasesLikeWeights(flags.get("bias-init", "zero or like-weights", ExperimentFlags::parseBiasInit));
    }

    private static TargetEncoding targets(Flags flags, OutputLoss outputLoss) {
        return flags.get("targets") == null ? outputLoss.defaultTargets()
                : flags.get("targets", "zero-one or plus-minus-one", TargetEncoding::parse);
    }

    private static int parseBatch(String text) {
        if (text.trim().equalsIgnoreCase(FULL_BATCH)) {
            return Integer.MAX_VALUE;
        }
        int batch = Integer.parseInt(text.trim());
        if (batch < 1) {
            throw new NumberFormatException();
        }
        return batch;
    }

    private static double parseMomentum(String text) {
        double mu = Double.parseDouble(text.trim());
        if (!(mu >= 0 && mu < 1)) {
            throw new NumberFormatException();
        }
        return mu;
    }

    private static boolean parseShrink(String text) {
        return switch (text.trim()) {
            case "penalty" -> false;
            case "shrink" -> true;
            default -> throw new IllegalArgumentException("unknown L2 style '" + text + "', expected penalty or shrink");
        };
    }

    private static boolean parseBiasInit(String text) {
        return switch (text.trim()) {
            case "zero" -> false;
            case "like-weights" -> true;
            default -> throw new IllegalArgumentException("unknown bias initialisation '" + text
                    + "', expected zero or like-weights");
        };
    }
}
