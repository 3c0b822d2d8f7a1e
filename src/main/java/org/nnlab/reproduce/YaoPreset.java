package org.nnlab.reproduce;

import java.util.List;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.layers.Activation;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.training.MinibatchSampling;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;

/**
 * Report 004, Boyuan Yao (2022), cs231n style: affine-ReLU-affine with softmax cross-entropy,
 * trained by a {@code Solver} with SGD, batches of 200, the best-validation parameters kept, on a
 * 55k/5k split; H 25 for 10 epochs, then a grid whose winner is H 256, lr 1e-3, reg 1e-3 (20 epochs).
 *
 * <p>What its code really did: raw 0–255 pixels; weights N(0, 1e-3²), zero biases; minibatches
 * drawn with replacement; the split unseeded (nnlab seeds it). The H 25 runs do not name their
 * learning rate; nnlab takes 1e-3, the grid's. The corrected runs scale inputs to x/255 and shuffle
 * each epoch; since the tiny N(0, 1e-3²) start and lr 1e-3 were tuned to raw pixels (with x/255
 * nothing trains), they also use He initialisation and nnlab's lr 0.1.
 */
final class YaoPreset implements Preset {

    @Override
    public String name() {
        return "yao";
    }

    @Override
    public String reportFile() {
        return "004_d686a9e75fc133b4.txt";
    }

    @Override
    public String title() {
        return "Boyuan Yao (2022), cs231n-style two-layer net: softmax, Solver with best-validation weights, 55k/5k";
    }

    @Override
    public String defaultBudget() {
        return "the H 25 row in full (10 epochs), 5 of 20 epochs for the grid's winner; the lr-decay and reg rows only with --full";
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(
                Comparison.of("H 25, reg 0, 10 epochs (lr 1e-3 assumed)",
                        List.of(Claim.test("95.56%"), Claim.validation("96.14%")),
                        faithful(25, 1e-3, 0, 10, 1.0), corrected(25, 0, 10, 1.0), 10),
                Comparison.of("H 256, lr 1e-3, reg 1e-3, 20 epochs (grid winner)",
                        List.of(Claim.test("97.55%"), Claim.validation("98.68%")),
                        faithful(256, 1e-3, 1e-3, 20, 1.0), corrected(256, 1e-3, 20, 1.0), 5),
                Comparison.of("H 25, reg 1e-3, 10 epochs", List.of(Claim.test("95.31%"), Claim.validation("95.74%")),
                        faithful(25, 1e-3, 1e-3, 10, 1.0), corrected(25, 1e-3, 10, 1.0), 10).onlyWhenFull(),
                Comparison.of("H 25, lr decay 0.99, 10 epochs", List.of(Claim.test("95.17%"), Claim.validation("95.88%")),
                        faithful(25, 1e-3, 0, 10, 0.99), corrected(25, 0, 10, 0.99), 10).onlyWhenFull());
    }

    /** The Solver as the notebook ran it: raw pixels, N(0, 1e-3²), batches of 200 drawn with replacement. */
    private static Experiment faithful(int hidden, double learningRate, double reg, int epochs, double decay) {
        NetworkSpec spec = new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.gaussian(1e-3), reg);
        TrainingConfig training = base(learningRate, epochs, decay).sampling(MinibatchSampling.WITH_REPLACEMENT).build();
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.holdout(55_000, 5_000), InputScaling.RAW, spec, training);
    }

    private static Experiment corrected(int hidden, double reg, int epochs, double decay) {
        NetworkSpec spec = new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, reg);
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.holdout(55_000, 5_000), InputScaling.UNIT, spec,
                base(0.1, epochs, decay).build());
    }

    private static TrainingConfig.Builder base(double learningRate, int epochs, double decay) {
        LearningRateSchedule schedule = decay == 1.0 ? new LearningRateSchedule.Constant()
                : new LearningRateSchedule.PerEpoch(decay);
        return TrainingConfig.builder().epochs(epochs).batchSize(200).learningRate(learningRate).schedule(schedule)
                .keepBest(true).seed(1);
    }
}
