package org.nnlab.evaluation;

import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.Examples;
import org.nnlab.random.Shuffle;

/** The loss and accuracy of a network on a set of examples, computed in chunks to bound memory. */
public final class Evaluation {
    private static final int CHUNK = 1000;

    private Evaluation() {
    }

    /** The mean loss (including the L2 penalty, as in training) and the fraction classified correctly. */
    public record Score(double loss, double accuracy) {
    }

    /** The score with the targets the network was trained towards. */
    public static Score of(Network network, Examples examples) {
        return of(network, examples, network.spec().targets());
    }

    public static Score of(Network network, Examples examples, TargetEncoding encoding) {
        if (examples.size() == 0) {
            return new Score(Double.NaN, Double.NaN);
        }
        int[] order = Shuffle.identity(examples.size());
        double lossSum = 0;
        int correct = 0;
        Matrix x = null;
        Matrix targets = null;
        int[] labels = new int[CHUNK];
        for (int from = 0; from < examples.size(); from += CHUNK) {
            int count = Math.min(CHUNK, examples.size() - from);
            x = Matrix.reuse(x, network.precision(), count, examples.features());
            targets = Matrix.reuse(targets, network.precision(), count, network.spec().outputs());
            examples.gather(order, from, count, x, labels);
            encodeTargets(encoding, labels, targets);
            lossSum += network.loss(x, targets) * count;
            correct += countCorrect(network, labels, count);
        }
        return new Score(lossSum / examples.size(), (double) correct / examples.size());
    }

    /** Row r of {@code targets}: the encoding of {@code labels[r]}, for every row. */
    public static void encodeTargets(TargetEncoding encoding, int[] labels, Matrix targets) {
        for (int r = 0; r < targets.rows(); r++) {
            encoding.encode(labels[r], targets, r);
        }
    }

    /** How many of the last forward pass's first {@code count} rows the network got right. */
    public static int countCorrect(Network network, int[] labels, int count) {
        int correct = 0;
        for (int r = 0; r < count; r++) {
            if (network.predictedClass(r) == labels[r]) {
                correct++;
            }
        }
        return correct;
    }
}
