package org.nnlab.experiment;

import static org.nnlab.experiment.ExperimentOption.declare;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.nnlab.augment.AffineRanges;
import org.nnlab.augment.Augmentation;
import org.nnlab.augment.ElasticSettings;
import org.nnlab.experiment.ExperimentOption.Search;
import org.nnlab.experiment.ExperimentOption.Section;
import org.nnlab.layers.Activation;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.optimizers.OptimizerSettings;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.GradientReduction;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.training.MinibatchSampling;
import org.nnlab.training.UpdateGranularity;

/**
 * Every option of an experiment, each declared once: the options of {@code nnlab train}, in the
 * order {@code --help} lists them. To add one, declare it here and use its value where it is
 * needed; the command line, {@code --help}, the saved files, {@code nnlab search} and the run's
 * description then know it. A file saved before the option existed reads as its default.
 */
public final class ExperimentOptions {
    /** The value of {@code --batch} that means "all the training images in one batch". */
    public static final String FULL_BATCH = "full";

    // ---- the data ----

    public static final ExperimentOption<String> DATASET = declare("dataset", "NAME", "mnist or fashion-mnist",
            OptionValues.named("a dataset name", name -> name, name -> name))
            .fixedInSearch("a search loads one dataset; run one search per dataset").alwaysDescribed()
            .in(Experiment::dataset, Experiment.Builder::dataset);

    public static final ExperimentOption<Task> TASK = declare("task", "TASK",
            "digits (ten classes) or D-vs-rest, e.g. 5-vs-rest (one yes/no output)",
            OptionValues.named("a task", Task::parse, Task::spec))
            .searched(Search.CHOICE).alwaysDescribed()
            .in(Experiment::task, Experiment.Builder::task);

    public static final ExperimentOption<SplitPlan> SPLIT = declare("split", "SPLIT",
            "TRAIN/VALIDATION images from the training set (55k/5k, 50k/10k, 40k/20k, ...), first-TRAIN/last-VALIDATION"
                    + " (in file order), all/test (validate on the test set) or all/stratified-test (test set halved by class)",
            OptionValues.named("a split", SplitPlan::parse, SplitPlan::spec))
            .searched(Search.CHOICE).alwaysDescribed()
            .in(Experiment::split, Experiment.Builder::split);

    public static final ExperimentOption<InputScaling> SCALING = declare("scaling", "NAME",
            "inputs: unit (x/255), offset-unit (0.01+0.99·x/255), raw (0..255) or standardize (per pixel)",
            OptionValues.named("a scaling", InputScaling::parse, InputScaling::cliName))
            .searched(Search.CHOICE).alwaysDescribed()
            .in(Experiment::scaling, Experiment.Builder::scaling);

    public static final ExperimentOption<Integer> SUBSET = declare("subset", "N",
            "train on the first N images of the training split only, 0 on all (a check that the network can learn"
                    + " a few by heart); validation and test stay whole",
            OptionValues.whole("a whole number ≥ 0", n -> n >= 0))
            .searched(Search.WHOLE)
            .in(e -> e.training().subset(), (b, n) -> b.training().subset(n));

    // ---- the network ----

    public static final ExperimentOption<Integer> HIDDEN = declare("hidden", "H", "hidden units (0: no hidden layer)",
            OptionValues.whole("a whole number ≥ 0", h -> h >= 0))
            .saved(Section.NETWORK, "hidden").searched(Search.WHOLE).alwaysDescribed()
            .in(e -> e.network().hidden(), (b, h) -> b.network().hidden(h));

    public static final ExperimentOption<Activation> ACTIVATION = declare("activation", "NAME",
            "hidden activation: relu, sigmoid or tanh",
            OptionValues.named("relu, sigmoid or tanh", Activation::parse, Activation::cliName))
            .saved(Section.NETWORK, "hidden_activation").searched(Search.CHOICE).alwaysDescribed()
            .in(e -> e.network().hiddenActivation(), (b, a) -> b.network().hiddenActivation(a));

    public static final ExperimentOption<OutputLoss> LOSS = declare("loss", "NAME",
            "output and loss: softmax-ce, softmax-mse, sigmoid-mse, sigmoid-bce or tanh-mse",
            OptionValues.named("an output/loss name", OutputLoss::parse, OutputLoss::cliName))
            .saved(Section.NETWORK, "output").searched(Search.CHOICE).alwaysDescribed()
            .in(e -> e.network().outputLoss(), (b, loss) -> b.network().outputLoss(loss));

    public static final ExperimentOption<TargetEncoding> TARGETS = declare("targets", "NAME",
            "zero-one or plus-minus-one (±1, tanh-mse only) one-hot targets",
            OptionValues.named("zero-one or plus-minus-one", TargetEncoding::parse, TargetEncoding::cliName))
            .saved(Section.NETWORK, "targets").searched(Search.CHOICE)
            .derivedDefault("plus-minus-one for tanh-mse, else zero-one", e -> e.network().outputLoss().defaultTargets())
            .in(e -> e.network().targets(), (b, t) -> b.network().targets(t));

    public static final ExperimentOption<SigmoidDerivative> SIGMOID_DERIVATIVE = declare("sigmoid-derivative", "AT",
            "where sigmoid layers take σ' in backprop: input (σ'(z), correct) or output (σ'(σ(z)), report 000's code)",
            OptionValues.named("input or output", SigmoidDerivative::parse, SigmoidDerivative::cliName))
            .saved(Section.NETWORK, "sigmoid_derivative").searched(Search.CHOICE)
            .in(e -> e.network().sigmoidDerivative(), (b, at) -> b.network().sigmoidDerivative(at));

    public static final ExperimentOption<Initialization> INIT = declare("init", "SCHEME",
            "weights: he, xavier or gaussian:STD",
            OptionValues.named("he, xavier or gaussian:STD", Initialization::parse, Initialization::weightsSpec))
            .saved(Section.NETWORK, "initialization").searched(Search.CHOICE).alwaysDescribed()
            .derivedDefault("he for relu, else xavier", e -> NetworkSpec.defaultInitialization(e.network().hiddenActivation()))
            .in(e -> e.network().initialization().withBiasesLikeWeights(false), (b, init) -> b.network().weights(init));

    public static final ExperimentOption<Boolean> BIAS_INIT = declare("bias-init", "NAME",
            "biases: zero, or like-weights (drawn like their layer's weights)",
            OptionValues.yesNo("zero", "like-weights"))
            .saved(Section.NETWORK, "biases_initialized_like_weights").searched(Search.CHOICE)
            .in(e -> e.network().initialization().biasesLikeWeights(), (b, like) -> b.network().biasesLikeWeights(like));

    public static final ExperimentOption<Double> L2 = declare("l2", "LAMBDA", "L2 strength λ on weights, never biases",
            OptionValues.real("a number ≥ 0", lambda -> lambda >= 0 && !lambda.isInfinite()))
            .saved(Section.NETWORK, "l2").searched(Search.REAL)
            .in(Experiment::l2, Experiment.Builder::l2);

    public static final ExperimentOption<L2Style> L2_STYLE = declare("l2-style", "NAME",
            "penalty: add (λ/2)·Σ‖W‖² to the loss; shrink: W ← W − λ·W after each update, without the learning rate",
            OptionValues.named("penalty or shrink", L2Style::parse, L2Style::cliName))
            .saved(Section.NETWORK, "l2_style").searched(Search.CHOICE)
            .in(Experiment::l2Style, Experiment.Builder::l2Style);

    public static final ExperimentOption<Double> DROPOUT = declare("dropout", "P",
            "inverted dropout on the hidden units in training: drop each with probability P (0: none)",
            OptionValues.real("a number in [0, 1)", p -> p >= 0 && p < 1))
            .saved(Section.NETWORK, "dropout").searched(Search.REAL)
            .in(e -> e.network().dropout(), (b, p) -> b.network().dropout(p));

    public static final ExperimentOption<Double> INPUT_DROPOUT = declare("input-dropout", "P",
            "inverted dropout on the inputs in training (0: none)",
            OptionValues.real("a number in [0, 1)", p -> p >= 0 && p < 1))
            .saved(Section.NETWORK, "input_dropout").searched(Search.REAL)
            .in(e -> e.network().inputDropout(), (b, p) -> b.network().inputDropout(p));

    // ---- the training ----

    public static final ExperimentOption<OptimizerSettings.Kind> OPTIMIZER = declare("optimizer", "NAME",
            "sgd, momentum, nesterov or adam (cs231n's update rules and defaults)",
            OptionValues.named("an optimizer", OptimizerSettings.Kind::parse, OptimizerSettings.Kind::cliName))
            .saved(Section.TRAINING, "optimizer").searched(Search.CHOICE).alwaysDescribed()
            .in(e -> e.training().optimizer().kind(), (b, kind) -> b.training().optimizer(kind));

    public static final ExperimentOption<Double> MOMENTUM = declare("momentum", "MU", "μ for momentum and nesterov",
            OptionValues.real("a number in [0, 1)", mu -> mu >= 0 && mu < 1))
            .saved(Section.TRAINING, "momentum").searched(Search.REAL)
            .in(e -> e.training().optimizer().momentum(), (b, mu) -> b.training().momentum(mu));

    public static final ExperimentOption<Double> LEARNING_RATE = declare("lr", "RATE", "base learning rate",
            OptionValues.real("a positive number", rate -> rate > 0 && !rate.isInfinite()))
            .saved(Section.TRAINING, "learning_rate").searched(Search.REAL).alwaysDescribed()
            .in(e -> e.training().learningRate(), (b, rate) -> b.training().learningRate(rate));

    public static final ExperimentOption<LearningRateSchedule> SCHEDULE = declare("schedule", "SCHEDULE",
            "constant, per-epoch:γ (×γ each epoch), step:γ:K (×γ every K epochs), on-drop:ρ (×ρ when validation"
                    + " accuracy drops)",
            OptionValues.named("a schedule", LearningRateSchedule::parse, LearningRateSchedule::spec))
            .saved(Section.TRAINING, "schedule").searched(Search.CHOICE).alwaysDescribed()
            .in(e -> e.training().schedule(), (b, schedule) -> b.training().schedule(schedule));

    public static final ExperimentOption<Integer> BATCH = declare("batch", "N",
            "minibatch size, or full (full-batch gradient descent)",
            new OptionValues<>("a whole number ≥ 1 or full", ExperimentOptions::parseBatch,
                    size -> size == Integer.MAX_VALUE ? FULL_BATCH : String.valueOf(size),
                    OptionValues.SavedForm.WHOLE_NUMBER, Long::valueOf, saved -> Math.toIntExact((Long) saved), false))
            .saved(Section.TRAINING, "batch_size").searched(Search.WHOLE).alwaysDescribed()
            .in(e -> e.training().batchSize(), (b, size) -> b.training().batchSize(size));

    public static final ExperimentOption<Integer> EPOCHS = declare("epochs", "N", "passes over the training set",
            OptionValues.whole("a whole number ≥ 1", n -> n >= 1))
            .saved(Section.TRAINING, "epochs").searched(Search.WHOLE).alwaysDescribed()
            .in(e -> e.training().epochs(), (b, n) -> b.training().epochs(n));

    public static final ExperimentOption<MinibatchSampling> SAMPLING = declare("sampling", "NAME",
            "shuffle (each example once per epoch) or replacement (batches drawn with replacement)",
            OptionValues.named("shuffle or replacement", MinibatchSampling::parse, MinibatchSampling::cliName))
            .saved(Section.TRAINING, "sampling").searched(Search.CHOICE)
            .in(e -> e.training().sampling(), (b, sampling) -> b.training().sampling(sampling));

    public static final ExperimentOption<UpdateGranularity> UPDATES = declare("updates", "NAME",
            "batch (one update per minibatch) or example (one update per example of it)",
            OptionValues.named("batch or example", UpdateGranularity::parse, UpdateGranularity::cliName))
            .saved(Section.TRAINING, "updates").searched(Search.CHOICE)
            .in(e -> e.training().updates(), (b, updates) -> b.training().updates(updates));

    public static final ExperimentOption<GradientReduction> GRADIENT = declare("gradient", "NAME",
            "mean or sum of the per-example gradients of a minibatch",
            OptionValues.named("mean or sum", GradientReduction::parse, GradientReduction::cliName))
            .saved(Section.TRAINING, "gradient").searched(Search.CHOICE)
            .in(e -> e.training().reduction(), (b, reduction) -> b.training().reduction(reduction));

    public static final ExperimentOption<Boolean> FREEZE_BIASES = declare("freeze-biases", null,
            "never update the biases", OptionValues.onOff())
            .saved(Section.TRAINING, "freeze_biases").fixedInSearch("it is a switch, on or off for every run")
            .in(e -> e.training().freezeBiases(), (b, on) -> b.training().freezeBiases(on));

    public static final ExperimentOption<Integer> PATIENCE = declare("patience", "N",
            "stop after N epochs without a better validation accuracy (0: never)",
            OptionValues.whole("a whole number ≥ 0", n -> n >= 0))
            .saved(Section.TRAINING, "patience").searched(Search.WHOLE)
            .in(e -> e.training().stopping().patience(), (b, n) -> b.training().patience(n));

    public static final ExperimentOption<Boolean> KEEP_BEST = declare("keep-best", null,
            "end with the weights of the best validation epoch", OptionValues.onOff())
            .saved(Section.TRAINING, "keep_best").fixedInSearch("it is a switch, on or off for every run")
            .in(e -> e.training().keepBest(), (b, on) -> b.training().keepBest(on));

    public static final ExperimentOption<Boolean> DIAGNOSTICS = declare("diagnostics", null,
            "print the untrained validation loss, then after every epoch each weight matrix's gradient norm and"
                    + " update-to-weight ratio on its last minibatch, and the dead ReLU units", OptionValues.onOff())
            .saved(Section.TRAINING, "diagnostics").fixedInSearch("a search prints no epoch lines to add them to")
            .in(e -> e.training().diagnostics(), (b, on) -> b.training().diagnostics(on));

    public static final ExperimentOption<Long> SEED = declare("seed", "N",
            "seed for initialisation, the split and the minibatch order", OptionValues.anyLong())
            .saved(Section.TRAINING, "seed")
            .fixedInSearch("give the seeds with --seeds N (seeds 1..N) or --seeds 1,7,42").alwaysDescribed()
            .in(e -> e.training().seed(), (b, seed) -> b.training().seed(seed));

    // ---- the augmentation of training images (training, too: saved in its section) ----

    public static final ExperimentOption<Augmentation> AUGMENT = declare("augment", "KINDS",
            "distort each training image as its batch is drawn: none, or affine, elastic and flip joined by +"
                    + " (e.g. affine+elastic; flip never for digits)",
            OptionValues.named("none, or affine, elastic and flip joined by +", Augmentation::parse, Augmentation::kinds))
            .saved(Section.TRAINING, "augment").searched(Search.CHOICE)
            .in(e -> Augmentation.parse(e.training().augmentation().kinds()),
                    (b, kinds) -> changeAugmentation(b, a -> kinds.withRanges(a.ranges()).withElastic(a.elasticSettings())));

    public static final ExperimentOption<Double> ROTATE = declare("rotate", "DEG", "affine: rotate by up to ±DEG degrees",
            OptionValues.real("a number in [0, 180]", deg -> deg >= 0 && deg <= 180))
            .saved(Section.TRAINING, "rotate_degrees").searched(Search.REAL)
            .in(e -> e.training().augmentation().ranges().rotateDegrees(), (b, deg) -> changeRanges(b,
                    r -> new AffineRanges(deg, r.scale(), r.shearDegrees(), r.translatePixels())));

    public static final ExperimentOption<Double> SCALE = declare("scale", "F",
            "affine: stretch by a factor 1 ± F, horizontally and vertically",
            OptionValues.real("a number in [0, 1)", f -> f >= 0 && f < 1))
            .saved(Section.TRAINING, "scale").searched(Search.REAL)
            .in(e -> e.training().augmentation().ranges().scale(), (b, f) -> changeRanges(b,
                    r -> new AffineRanges(r.rotateDegrees(), f, r.shearDegrees(), r.translatePixels())));

    public static final ExperimentOption<Double> SHEAR = declare("shear", "DEG", "affine: slant by up to ±DEG degrees",
            OptionValues.real("a number in [0, 89]", deg -> deg >= 0 && deg <= 89))
            .saved(Section.TRAINING, "shear_degrees").searched(Search.REAL)
            .in(e -> e.training().augmentation().ranges().shearDegrees(), (b, deg) -> changeRanges(b,
                    r -> new AffineRanges(r.rotateDegrees(), r.scale(), deg, r.translatePixels())));

    public static final ExperimentOption<Double> TRANSLATE = declare("translate", "PX",
            "affine: shift by up to ±PX pixels, horizontally and vertically",
            OptionValues.real("a number ≥ 0", px -> px >= 0 && !px.isInfinite()))
            .saved(Section.TRAINING, "translate_pixels").searched(Search.REAL)
            .in(e -> e.training().augmentation().ranges().translatePixels(), (b, px) -> changeRanges(b,
                    r -> new AffineRanges(r.rotateDegrees(), r.scale(), r.shearDegrees(), px)));

    public static final ExperimentOption<Double> ELASTIC_SIGMA = declare("elastic-sigma", "S",
            "elastic: σ of the Gaussian that smooths the random field (pixels)",
            OptionValues.real("a positive number", sigma -> sigma > 0 && !sigma.isInfinite()))
            .saved(Section.TRAINING, "elastic_sigma").searched(Search.REAL)
            .in(e -> e.training().augmentation().elasticSettings().sigma(), (b, sigma) -> changeAugmentation(b,
                    a -> a.withElastic(new ElasticSettings(sigma, a.elasticSettings().alpha()))));

    public static final ExperimentOption<Double> ELASTIC_ALPHA = declare("elastic-alpha", "A",
            "elastic: α, the scale of the smoothed field (pixels)",
            OptionValues.real("a number ≥ 0", alpha -> alpha >= 0 && !alpha.isInfinite()))
            .saved(Section.TRAINING, "elastic_alpha").searched(Search.REAL)
            .in(e -> e.training().augmentation().elasticSettings().alpha(), (b, alpha) -> changeAugmentation(b,
                    a -> a.withElastic(new ElasticSettings(a.elasticSettings().sigma(), alpha))));

    /** The options of the augmentation, which {@code nnlab plot --augment} takes too. */
    public static final List<ExperimentOption<?>> AUGMENTATION = List.of(AUGMENT, ROTATE, SCALE, SHEAR, TRANSLATE,
            ELASTIC_SIGMA, ELASTIC_ALPHA);

    /** Every option, in the order of {@code --help}. */
    public static final List<ExperimentOption<?>> ALL = List.of(DATASET, TASK, SPLIT, SCALING, SUBSET,
            HIDDEN, ACTIVATION, LOSS, TARGETS, SIGMOID_DERIVATIVE, INIT, BIAS_INIT, L2, L2_STYLE, DROPOUT, INPUT_DROPOUT,
            OPTIMIZER, MOMENTUM, LEARNING_RATE, SCHEDULE, BATCH, EPOCHS, SAMPLING, UPDATES, GRADIENT,
            FREEZE_BIASES, PATIENCE, KEEP_BEST, DIAGNOSTICS, SEED, AUGMENT, ROTATE, SCALE, SHEAR, TRANSLATE, ELASTIC_SIGMA,
            ELASTIC_ALPHA);

    private ExperimentOptions() {
    }

    /** The option with command-line name {@code flag} ("lr"), if there is one. */
    public static Optional<ExperimentOption<?>> byFlag(String flag) {
        return ALL.stream().filter(o -> o.flag().equals(flag)).findFirst();
    }

    /**
     * One section of an experiment as flags, e.g. "--optimizer sgd --lr 0.5 --schedule per-epoch:0.9
     * --batch 64 --epochs 10 --seed 1": the options always described, and the others where they
     * differ from their default.
     */
    public static String describe(Experiment experiment, Section section) {
        return describeWithout(experiment, section, null);
    }

    /** As {@link #describe}, leaving out the option {@code --leftOut} (e.g. "seed"); null leaves out none. */
    public static String describeWithout(Experiment experiment, Section section, String leftOut) {
        return ALL.stream().filter(o -> o.section() == section && o.described(experiment) && !o.flag().equals(leftOut))
                .map(o -> o.asFlags(experiment)).collect(Collectors.joining(" "));
    }

    /** One setting of the augmentation changed, the others kept: each augmentation option sets its own. */
    private static void changeAugmentation(Experiment.Builder builder, UnaryOperator<Augmentation> change) {
        builder.training().augmentation(change.apply(builder.training().augmentation()));
    }

    private static void changeRanges(Experiment.Builder builder, UnaryOperator<AffineRanges> change) {
        changeAugmentation(builder, a -> a.withRanges(change.apply(a.ranges())));
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
}
