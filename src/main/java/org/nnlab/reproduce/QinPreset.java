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
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.UpdateGranularity;

/**
 * Report 001, Kexin Qin: 784-512-10, ReLU hidden, softmax output, He initialisation, inputs
 * 0.01 + 0.99·x/255, SGD "batch 64" with lr 0.1 × 0.95 per epoch, L2 1e-4, 50 epochs.
 *
 * <p>What its code really did: it trains with {@code a2 − y}, the gradient of softmax
 * cross-entropy, although the report names MSE; it updates after every single example (batch 1);
 * the biases are He-initialised like the weights; there is no validation set, the test set is
 * watched instead. The corrected run uses real minibatches of 64 and holds out 5k validation images.
 */
final class QinPreset implements Preset {

    @Override
    public String name() {
        return "qin";
    }

    @Override
    public String reportFile() {
        return "001_455d2d35a5c036d5.txt";
    }

    @Override
    public String title() {
        return "Kexin Qin, two-layer network for MNIST: ReLU + softmax, He init, lr 0.1 × 0.95, L2 1e-4, 50 epochs";
    }

    @Override
    public String defaultBudget() {
        return "2 of 50 epochs per run";
    }

    @Override
    public List<Comparison> comparisons() {
        List<Claim> claims = List.of(Claim.test("98.17%"), Claim.train("99.87%"));
        return List.of(
                Comparison.of("H 512, lr 0.1, reg 1e-4, softmax cross-entropy gradient", claims, faithful(), corrected(), 2),
                Comparison.of("the text's loss: softmax + MSE, minibatch 64", claims, null,
                        corrected().withNetwork(spec(OutputLoss.SOFTMAX_MSE, Initialization.HE)), 2));
    }

    /** train_model.py: per-example updates, He-initialised biases, test set watched, no validation split. */
    private static Experiment faithful() {
        TrainingConfig training = base().updates(UpdateGranularity.PER_EXAMPLE).build();
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.testAsValidation(), InputScaling.OFFSET_UNIT,
                spec(OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE.withBiasesLikeWeights(true)), training);
    }

    private static Experiment corrected() {
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.holdout(55_000, 5_000), InputScaling.OFFSET_UNIT,
                spec(OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE), base().build());
    }

    private static NetworkSpec spec(OutputLoss outputLoss, Initialization initialization) {
        return new NetworkSpec(784, 512, 10, Activation.RELU, outputLoss, initialization, 1e-4);
    }

    private static TrainingConfig.Builder base() {
        return TrainingConfig.builder().epochs(50).batchSize(64).learningRate(0.1)
                .schedule(new LearningRateSchedule.PerEpoch(0.95)).seed(1);
    }
}
