package org.nnlab.training;

import java.util.List;

/**
 * Stops training once validation accuracy has not improved for {@code patience} epochs in a row.
 * Patience 0 never stops. "Improved" means strictly higher than every earlier epoch, as cs231n's
 * {@code Solver} tracks its best validation accuracy.
 */
public record EarlyStopping(int patience) {
    public static final EarlyStopping NEVER = new EarlyStopping(0);

    public EarlyStopping {
        if (patience < 0) {
            throw new IllegalArgumentException("the patience must be ≥ 0 epochs, got " + patience);
        }
    }

    // tag::should-stop[]
    public boolean shouldStop(List<EpochResult> history) {
        if (patience == 0 || history.isEmpty()) {
            return false;
        }
        return history.size() - bestEpoch(history) >= patience;
    }
    // end::should-stop[]

    /** The first epoch (1-based) with the highest validation accuracy, or 0 if none has one. */
    public static int bestEpoch(List<EpochResult> history) {
        int best = 0;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        for (EpochResult r : history) {
            if (r.validationAccuracy() > bestAccuracy) {
                bestAccuracy = r.validationAccuracy();
                best = r.epoch();
            }
        }
        return best;
    }
}
