package org.nnlab.cli;

import org.nnlab.experiment.Experiment;
import org.nnlab.model.NetworkSpec;
import org.nnlab.training.LearningRateSchedule;
import org.nnlab.training.TrainingConfig;

/**
 * What a run needs that its flags alone cannot promise: memory for its network, a batch no larger
 * than the training set, validation images for the options that read them. Checked before any
 * training, each failure a usage error naming the flag.
 */
final class RunRequirements {
    /** The most elements a Java array holds (a little under 2³¹, as the JDK's own collections assume). */
    static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    private static final long IMAGES_AS_INPUTS = 70_000L * 28 * 28 * Float.BYTES;

    private RunRequirements() {
    }

    /**
     * Refuses a run whose largest matrix no Java array can hold, or whose arrays alone would not fit
     * in this JVM's heap: found in a second, rather than as an out-of-memory error after the data
     * has loaded. {@code sizeFlags} names what to make smaller ("--hidden 3000000").
     */
    static void requireMemory(String command, String sizeFlags, long largestMatrix, long bytes) {
        if (largestMatrix > ARRAY_LIMIT) {
            throw new UsageException(command + ": " + sizeFlags + " is too large: a matrix would have " + largestMatrix
                    + " elements, more than a Java array holds (" + ARRAY_LIMIT + ")");
        }
        long available = Runtime.getRuntime().maxMemory();
        if (bytes > available) {
            throw new UsageException(String.format("%s: %s is too large: its arrays need about %.2f GiB, more than"
                    + " the %.2f GiB this JVM may use; choose smaller sizes, or give java more memory (JAVA_OPTS=-Xmx…)",
                    command, sizeFlags, bytes / (double) (1L << 30), available / (double) (1L << 30)));
        }
    }

    /** W1 and W2's elements (W1 alone without a hidden layer). */
    static long[] weightElements(NetworkSpec spec) {
        return spec.hasHiddenLayer()
                ? new long[] {(long) spec.inputs() * spec.hidden(), (long) spec.hidden() * spec.outputs()}
                : new long[] {(long) spec.inputs() * spec.outputs()};
    }

    /** A training's weights, gradients and optimiser state, in float32, and MNIST's 70,000 images as inputs. */
    static void requireTrainingMemory(String command, Experiment experiment) {
        long[] weights = weightElements(experiment.network());
        long elements = java.util.Arrays.stream(weights).sum();
        long bytes = elements * Float.BYTES * trainingCopies(experiment.training()) + IMAGES_AS_INPUTS;
        requireMemory(command, "--hidden " + experiment.network().hidden(), java.util.Arrays.stream(weights).max().orElse(0),
                bytes);
    }

    /** Copies of the weights a training holds: values, gradients, optimiser state and the best weights kept. */
    private static int trainingCopies(TrainingConfig training) {
        int optimizerState = switch (training.optimizer().kind()) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> 1;
            case ADAM -> 2;
        };
        return 2 + optimizerState + (training.keepBest() ? 1 : 0);
    }

    /**
     * Refuses a batch larger than the training images (it would silently be full-batch) and, with
     * no validation images, the options that choose by validation accuracy.
     */
    static void requireFits(String command, Experiment experiment, int trainImages, int validationImages) {
        TrainingConfig training = experiment.training();
        if (training.batchSize() != Integer.MAX_VALUE && training.batchSize() > trainImages) {
            throw new UsageException(command + ": --batch " + training.batchSize() + " is larger than the " + trainImages
                    + " training images; give a smaller batch, or --batch full for full-batch gradient descent");
        }
        if (validationImages > 0) {
            return;
        }
        String needing = training.stopping().patience() > 0 ? "--patience " + training.stopping().patience()
                : training.keepBest() ? "--keep-best"
                : training.schedule() instanceof LearningRateSchedule.OnValidationDrop ? "--schedule "
                        + training.schedule().spec()
                : null;
        if (needing != null) {
            throw new UsageException(command + ": " + needing + " needs validation images, and --split "
                    + experiment.split().spec() + " keeps none; give a split with a validation part, e.g. --split 55k/5k");
        }
    }
}
