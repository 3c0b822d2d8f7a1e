package org.nnlab.search;

/**
 * What one run of a search gave: configuration {@code configuration} trained with {@code seed}.
 * Accuracies are fractions (0..1) of the network the run ended with (the kept weights), measured
 * after training on each whole set; a run that diverged has NaN accuracies.
 *
 * @param seconds       wall-clock time of the run on its thread: preparing its data, training, scoring
 * @param epochsTrained epochs trained (fewer than asked when --patience stopped it)
 * @param keptEpoch     the epoch whose weights were kept and scored (0 when the run diverged)
 */
public record RunResult(int configuration, long seed, double trainAccuracy, double validationAccuracy,
                        double testAccuracy, double seconds, int epochsTrained, int keptEpoch) {

    public static RunResult diverged(int configuration, long seed, double seconds, int epoch) {
        return new RunResult(configuration, seed, Double.NaN, Double.NaN, Double.NaN, seconds, epoch, 0);
    }

    public boolean isDiverged() {
        return Double.isNaN(validationAccuracy);
    }
}
