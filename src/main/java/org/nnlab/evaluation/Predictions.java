package org.nnlab.evaluation;

import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.Task;
import org.nnlab.random.Shuffle;

/**
 * What a network says about each example: the class it predicts and its confidence in that
 * class, a number in [0, 1] read from the outputs (see {@link #confidence}).
 *
 * @param classes     the predicted class of every example, in order
 * @param confidences the confidence of every prediction, in order
 */
public record Predictions(int[] classes, double[] confidences) {
    private static final int CHUNK = 1000;

    /** The network's predictions for every example, computed in chunks to bound memory. */
    public static Predictions of(Network network, Examples examples) {
        int[] classes = new int[examples.size()];
        double[] confidences = new double[examples.size()];
        examples.inChunks(network.precision(), CHUNK, (x, labels, from, count) -> {
            Matrix outputs = readableOutputs(network, network.forward(x));
            for (int r = 0; r < count; r++) {
                classes[from + r] = network.predictedClass(r);
                confidences[from + r] = confidence(network.spec(), outputs, r, classes[from + r]);
            }
        });
        return new Predictions(classes, confidences);
    }

    /**
     * The outputs as the network's head means them: softmax cross-entropy leaves raw scores (the
     * loss fuses the softmax), so they get their softmax here, in a copy; every other head already
     * ends in its activation.
     */
    private static Matrix readableOutputs(Network network, Matrix outputs) {
        if (network.spec().outputLoss() != OutputLoss.SOFTMAX_CROSS_ENTROPY) {
            return outputs;
        }
        Matrix probabilities = outputs.copy();
        MatrixOps.rowSoftmax(outputs, probabilities);
        return probabilities;
    }

    /**
     * The confidence in the predicted class of one row of outputs:
     * <ul>
     *   <li>a softmax: the predicted class's probability;</li>
     *   <li>independent sigmoid or tanh outputs: the predicted class's output mapped to [0, 1] by
     *       {@link #asProbability} (a score, not a share of a total of 1);</li>
     *   <li>a single yes/no output: that output as the probability of "yes", or 1 minus it when
     *       the prediction is "no".</li>
     * </ul>
     */
    static double confidence(NetworkSpec spec, Matrix outputs, int row, int predicted) {
        if (outputs.cols() == 1) {
            double yes = asProbability(outputs.get(row, 0), spec.targets());
            return predicted == 1 ? yes : 1 - yes;
        }
        double output = outputs.get(row, predicted);
        return spec.outputLoss().isSoftmax() ? output : asProbability(output, spec.targets());
    }

    /** A sigmoid or tanh output on the scale 0..1 between its "off" and "on" targets: a sigmoid as it is, a tanh's a as (a + 1)/2. */
    public static double asProbability(double output, TargetEncoding targets) {
        return Math.min(1, Math.max(0, (output - targets.off()) / (targets.on() - targets.off())));
    }

    /** One sentence for a figure's caption: what the confidence of this network's predictions is. */
    public static String describeConfidence(NetworkSpec spec, Task task) {
        String mapped = spec.targets() == TargetEncoding.PLUS_MINUS_ONE ? " mapped to [0, 1] as (a + 1)/2" : "";
        if (task.isBinary()) {
            return "Confidence: the single output" + mapped + " read as the probability that the image is a "
                    + task.digit() + ", or 1 minus it for rest.";
        }
        if (spec.outputLoss().isSoftmax()) {
            return "Confidence: the softmax probability of the class predicted.";
        }
        return "Confidence: the predicted class's " + spec.outputLoss().cliName().split("-")[0] + " output" + mapped
                + "; the outputs are independent scores, not probabilities summing to 1.";
    }
}
