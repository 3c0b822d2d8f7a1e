package org.nnlab.evaluation;

/**
 * Counts of (true class, predicted class) pairs, and the per-class scores read from them:
 *
 * <pre>
 *   precision(c) = right predictions of c / all predictions of c       (column c)
 *   recall(c)    = right predictions of c / all examples of class c    (row c)
 *   F1(c)        = 2·precision·recall / (precision + recall)
 * </pre>
 *
 * A precision or recall whose denominator is 0 (a class never predicted, or absent) is NaN.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    private ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    /** The matrix of the given true and predicted labels, each in 0..classes−1. */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true labels but " + predicted.length + " predictions");
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) {
            m.counts[actual[i]][predicted[i]]++;
        }
        return m;
    }

    public int classes() {
        return counts.length;
    }

    /** How many examples of class {@code actual} were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    public long correct() {
        long correct = 0;
        for (int c = 0; c < classes(); c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    public double accuracy() {
        return (double) correct() / total();
    }

    /** Examples whose true class is c (the row sum). */
    public long support(int c) {
        long sum = 0;
        for (long n : counts[c]) {
            sum += n;
        }
        return sum;
    }

    /** Examples predicted as c (the column sum). */
    public long predictedAs(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    public double precision(int c) {
        return ratio(counts[c][c], predictedAs(c));
    }

    public double recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    /** 0 when no example of c was predicted right, even if precision is undefined (as scikit-learn reports it). */
    public double f1(int c) {
        if (counts[c][c] == 0) {
            return 0;
        }
        double p = precision(c);
        double r = recall(c);
        return 2 * p * r / (p + r);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
