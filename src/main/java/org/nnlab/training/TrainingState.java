package org.nnlab.training;

import java.util.List;
import java.util.Map;
import org.nnlab.matrix.Matrix;
import org.nnlab.optimizers.Optimizer;
import org.nnlab.random.SplitMix64;

/**
 * Everything besides the network's parameters that a run needs to continue after an epoch exactly
 * as if it had never stopped: the history (from which the learning-rate schedule and early stopping
 * are recomputed), the minibatch generator's state, the optimiser's state, and the best-validation
 * parameters kept so far.
 *
 * @param epochsDone      epochs finished
 * @param history         their results, in order
 * @param generatorState  the {@link SplitMix64} state after the last finished epoch
 * @param optimizerState  the optimiser's {@link Optimizer#state()}
 * @param bestEpoch       the epoch whose parameters {@code bestWeights} holds, 0 if none
 * @param bestAccuracy    that epoch's validation accuracy
 * @param bestWeights     its parameters by name, empty if none
 */
public record TrainingState(int epochsDone, List<EpochResult> history, long generatorState,
                            Map<String, Matrix> optimizerState, int bestEpoch, double bestAccuracy,
                            Map<String, Matrix> bestWeights) {

    /** The state before the first epoch of a run with the given configuration. */
    public static TrainingState start(TrainingConfig config) {
        return new TrainingState(0, List.of(), config.seed(), Map.of(), 0, Double.NEGATIVE_INFINITY, Map.of());
    }
}
