package org.nnlab.reproduce;

import java.util.ArrayList;
import java.util.List;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.SplitPlan;
import org.nnlab.layers.Activation;
import org.nnlab.model.Initialization;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.preprocessing.Task;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.UpdateGranularity;

/**
 * Report 003, S. D. Uzel (EEE-543, 2023): 784-N-10 trained with MSE, 100 epochs, weights
 * N(0, 0.01²), seeds 42, 268 and 975; case 1 tanh/tanh with ±1 one-hot targets, case 2
 * ReLU/sigmoid with 0/1 targets; full-batch grid over N ∈ {300, 500, 1000} × lr ∈ {0.01, 0.05,
 * 0.09}; then run 6 (case 1, N 500, lr 0.09) with minibatches; the test set split by class into
 * 5000 validation and 5000 test images.
 *
 * <p>What its code really did: the bias is an extra input fixed at −1, so it starts N(0, 0.01²)
 * like the weights; within a stated minibatch it updates after every example. The corrected runs
 * use real minibatches, zero biases and the usual initialisation (Xavier for tanh, He for ReLU).
 * The loss is nnlab's ½·Σ(a − y)² averaged over examples; the report's equations leave open whether
 * its mean also runs over the 10 outputs, which would make its gradient 5 times smaller.
 */
final class UzelPreset implements Preset {
    private static final Long[] SEEDS = {42L, 268L, 975L};
    private static final int[] SIZES = {300, 500, 1000};
    private static final double[] RATES = {0.01, 0.05, 0.09};
    /** Table III, test μ and σ of runs 1..18. */
    private static final String[] GRID_TEST = {
        "47.7 ± 3.3%", "86.3 ± 0.1%", "88.6 ± 0.2%", "55.0 ± 1.1%", "87.3 ± 0.0%", "88.5 ± 0.1%",
        "66.9 ± 0.9%", "87.6 ± 0.3%", "62.7 ± 37.1%", "15.8 ± 5.9%", "24.7 ± 1.1%", "31.5 ± 0.3%",
        "14.5 ± 2.0%", "30.5 ± 0.3%", "38.2 ± 0.6%", "16.7 ± 1.4%", "41.0 ± 0.8%", "58.0 ± 0.4%"};

    @Override
    public String name() {
        return "uzel";
    }

    @Override
    public String reportFile() {
        return "003_4cfffd77f2ab2534.txt";
    }

    @Override
    public String title() {
        return "S. D. Uzel (EEE-543, 2023): MSE networks, full batch and minibatch, 3 seeds, stratified test split";
    }

    @Override
    public String defaultBudget() {
        return "runs 6 (3 of 100 full-batch epochs) and 6 with minibatch 100 (1 of 100 epochs), 3 seeds each;"
                + " the other 17 grid runs, minibatches 10 and 50 and the L2 rows only with --full";
    }

    @Override
    public List<Comparison> comparisons() {
        List<Comparison> rows = new ArrayList<>();
        rows.add(Comparison.of("run 6: case 1 (tanh/tanh, ±1), N 500, lr 0.09, full batch",
                List.of(Claim.test("88.5 ± 0.1%"), Claim.validation("88.8 ± 0.2%"), Claim.train("87.9 ± 0.1%")),
                fullBatch(1, 500, 0.09, true), fullBatch(1, 500, 0.09, false), 3).withSeeds(SEEDS));
        rows.add(minibatch(100, "98.1 ± 0.1%", "98.2 ± 0.2%", "99.7 ± 0.0%", 1, false));
        rows.add(minibatch(10, "10.1 ± 1.0%", "10.1 ± 1.0%", "10.1 ± 0.9%", 1, true));
        rows.add(minibatch(50, "97.9 ± 0.1%", "98.2 ± 0.1%", "99.6 ± 0.0%", 1, true));
        for (double l2 : new double[] {0.01, 0.001}) {
            Experiment corrected = minibatchRun(100, false);
            corrected = corrected.withNetwork(withL2(corrected.network(), l2));
            rows.add(new Comparison("run 6, minibatch 100, L2 " + l2 + " (penalty)",
                    List.of(Claim.test(l2 == 0.01 ? "98.0 ± 0.1%" : "98.0 ± 0.0%")), null, corrected,
                    List.of(SEEDS), 1, true));
        }
        int run = 1;
        for (int useCase = 1; useCase <= 2; useCase++) {
            for (int n : SIZES) {
                for (double lr : RATES) {
                    if (run != 6) {
                        rows.add(new Comparison("run " + run + ": case " + useCase + ", N " + n + ", lr " + lr + ", full batch",
                                List.of(Claim.test(GRID_TEST[run - 1])), fullBatch(useCase, n, lr, true),
                                fullBatch(useCase, n, lr, false), List.of(SEEDS), 3, true));
                    }
                    run++;
                }
            }
        }
        return rows;
    }

    private static Comparison minibatch(int batch, String test, String validation, String train, int defaultEpochs,
                                        boolean fullOnly) {
        return new Comparison("run 6 with minibatch " + batch + " (faithful: an update per example)",
                List.of(Claim.test(test), Claim.validation(validation), Claim.train(train)),
                minibatchRun(batch, true), minibatchRun(batch, false), List.of(SEEDS), defaultEpochs, fullOnly);
    }

    private static Experiment minibatchRun(int batch, boolean faithful) {
        Experiment run6 = fullBatch(1, 500, 0.09, faithful);
        TrainingConfig.Builder training = run6.training().toBuilder().batchSize(batch);
        if (faithful) {
            training.updates(UpdateGranularity.PER_EXAMPLE);
        }
        return run6.withTraining(training.build());
    }

    /** Case 1 (tanh/tanh, ±1 targets) or case 2 (ReLU/sigmoid, 0/1 targets), full-batch gradient descent. */
    private static Experiment fullBatch(int useCase, int hidden, double learningRate, boolean faithful) {
        Activation activation = useCase == 1 ? Activation.TANH : Activation.RELU;
        Initialization init = faithful ? Initialization.gaussian(0.01).withBiasesLikeWeights(true)
                : NetworkSpec.defaultInitialization(activation);
        NetworkSpec spec = useCase == 1
                ? new NetworkSpec(784, hidden, 10, activation, OutputLoss.TANH_MSE, init, 0, TargetEncoding.PLUS_MINUS_ONE)
                : new NetworkSpec(784, hidden, 10, activation, OutputLoss.SIGMOID_MSE, init, 0, TargetEncoding.ZERO_ONE);
        TrainingConfig training = TrainingConfig.builder().epochs(100).batchSize(Integer.MAX_VALUE)
                .learningRate(learningRate).schedule(new LearningRateSchedule.Constant()).seed(SEEDS[0]).build();
        return new Experiment("mnist", Task.TEN_CLASSES, SplitPlan.stratifiedTest(), InputScaling.UNIT, spec, training);
    }

    private static NetworkSpec withL2(NetworkSpec s, double l2) {
        return new NetworkSpec(s.inputs(), s.hidden(), s.outputs(), s.hiddenActivation(), s.outputLoss(),
                s.initialization(), l2, s.targets());
    }
}
