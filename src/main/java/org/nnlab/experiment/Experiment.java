package org.nnlab.experiment;

import org.nnlab.augment.Augmentation;
import org.nnlab.model.NetworkSpec;
import org.nnlab.training.InputScaling;
import org.nnlab.training.Task;
import org.nnlab.training.TrainingConfig;

/**
 * One training run, completely described: which data, how it is split and scaled, which network,
 * and how it is trained. {@code nnlab train} builds one from its flags, each report preset builds
 * several, and a checkpoint stores one so that {@code --resume} can rebuild the run.
 *
 * <p>The training seed seeds everything: the weights, the split and the minibatch order.
 */
public record Experiment(String dataset, Task task, SplitPlan split, InputScaling scaling,
                         NetworkSpec network, TrainingConfig training) {

    public Experiment {
        if (network.outputs() != task.outputs()) {
            throw new IllegalArgumentException("the task " + task.spec() + " needs " + task.outputs()
                    + " outputs, the network has " + network.outputs());
        }
        refuseFlippedDigits(dataset, training.augmentation());
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
}
