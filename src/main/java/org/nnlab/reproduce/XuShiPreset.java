package org.nnlab.reproduce;

import java.util.List;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.layers.Activation;
import org.nnlab.layers.SigmoidDerivative;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.training.GradientReduction;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.WeightShrink;

/**
 * Report 000, Xu Shi (2023): 784-H-10, ReLU hidden, sigmoid output, MSE, minibatch SGD with batch
 * 40 for 10 epochs, the learning rate halved whenever validation accuracy drops, 50k/10k/10k
 * (mnist.pkl.gz: the first 50k training images train, the last 10k validate).
 *
 * <p>What its code really did: weights and biases start N(0, 0.1²); the gradients of a batch are
 * <em>summed</em> while the loss is averaged, so each step is 40× what the learning rate says; the
 * biases receive no gradient at all and keep their random start; L2 is {@code W -= reg·W} outside
 * the learning rate. And, not in the shared notes: its backward pass evaluates the sigmoid's
 * derivative at the sigmoid's output, σ'(σ(z)), which never vanishes, instead of σ'(z)
 * ({@code derivative(acts[i])(z[i+1])} with {@code z[i+1]} already activated). The corrected runs
 * average the gradient, use σ'(z), and train zero-initialised biases.
 */
final class XuShiPreset implements Preset {
    private static final double BEST_RATE = 1.0 / 32;

    @Override
    public String name() {
        return "xu-shi";
    }

    @Override
    public String reportFile() {
        return "000_f789414043e62a6a.txt";
    }

    @Override
    public String title() {
        return "Xu Shi (2023), two-layer classifier with numpy: ReLU + sigmoid/MSE, batch 40, 10 epochs";
    }

    @Override
    public String defaultBudget() {
        return "2 of 10 epochs per run (1 for the lr 1/4 row); the regularisation row only with --full";
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(
                Comparison.of("H 900, lr 1/32, reg 0 (the report's best)",
                        List.of(Claim.test("98.38%"), Claim.validation("98.34%")),
                        faithful(900, BEST_RATE, 0), corrected(900, BEST_RATE, 0), 2),
                Comparison.of("H 900, mean gradient with lr 1.25 = 40 × 1/32 (the step the code took)",
                        List.of(Claim.test("—")), null, corrected(900, 40 * BEST_RATE, 0), 2),
                Comparison.of("H 500, lr 1/4 (Table 1: lr ≥ 1/4 stays at 0.0991)",
                        List.of(Claim.validation("9.91%")), faithful(500, 0.25, 0), corrected(500, 0.25, 0), 1),
                Comparison.of("H 900, lr 1/32, reg 1e-3 (Table 3)",
                        List.of(Claim.validation("77.24%")), faithful(900, BEST_RATE, 1e-3), corrected(900, BEST_RATE, 1e-3), 2)
                        .onlyWhenFull());
    }

    /** As twolayerclassifier.py trains: summed gradients, frozen random biases, reg as W -= reg·W, σ'(σ(z)). */
    private static Experiment faithful(int hidden, double learningRate, double reg) {
        NetworkSpec spec = new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SIGMOID_MSE,
                Initialization.gaussian(0.1).withBiasesLikeWeights(true), 0, TargetEncoding.ZERO_ONE,
                SigmoidDerivative.AT_OUTPUT);
        TrainingConfig training = base(learningRate).reduction(GradientReduction.SUM).freezeBiases(true)
                .weightShrink(new WeightShrink(reg)).build();
        return experiment(spec, training);
    }

    /** The report's stated algorithm: averaged gradients, trained biases (starting at 0), L2 in the loss. */
    private static Experiment corrected(int hidden, double learningRate, double reg) {
        NetworkSpec spec = new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SIGMOID_MSE,
                Initialization.gaussian(0.1), reg);
        return experiment(spec, base(learningRate).build());
    }

    private static TrainingConfig.Builder base(double learningRate) {
        return TrainingConfig.builder().epochs(10).batchSize(40).learningRate(learningRate)
                .schedule(new LearningRateSchedule.OnValidationDrop(0.5)).seed(1);
    }

    private static Experiment experiment(NetworkSpec spec, TrainingConfig training) {
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.ordered(50_000, 10_000), InputScaling.UNIT, spec, training);
    }
}
