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
        Tally tally = new Tally();
        examples.inChunks(network.precision(), CHUNK, (x, labels, from, count) -> {
            tally.targets = Matrix.reuse(tally.targets, network.precision(), count, network.spec().outputs());
            encodeTargets(encoding, labels, tally.targets);
            tally.lossSum += network.loss(x, tally.targets) * count;
            tally.correct += countCorrect(network, labels, count);
        });
        return new Score(tally.lossSum / examples.size(), (double) tally.correct / examples.size());
    }

    /** What the chunks add up to, and the targets buffer they share. */
    private static final class Tally {
        double lossSum;
        int correct;
        Matrix targets;
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
