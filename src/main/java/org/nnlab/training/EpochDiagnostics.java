package org.nnlab.training;

import java.util.List;

/**
 * cs231n's sanity checks of a run, measured after one epoch (see {@link DiagnosticsProbe}): for
 * each weight matrix, the norm of its gradient on the epoch's last minibatch and how much that
 * minibatch's update changed it relative to its size (with {@code --updates example}, the change of
 * all the minibatch's updates); and how many ReLU hidden units are dead.
 *
 * @param epoch       the epoch measured (1-based)
 * @param weights     W1, W2 (or W1 alone without a hidden layer), in order
 * @param deadUnits   hidden units whose ReLU output is 0 for every validation image; −1 when the
 *                    network has no ReLU hidden layer (or no validation images)
 * @param hiddenUnits how many hidden units the network has
 */
public record EpochDiagnostics(int epoch, List<WeightChange> weights, int deadUnits, int hiddenUnits) {

    public EpochDiagnostics {
        weights = List.copyOf(weights);
    }

    /**
     * One weight matrix on the epoch's last update.
     *
     * @param name           "W1", "W2"
     * @param gradientNorm   ‖dW‖, Frobenius norm of the gradient the update used (L2 term included)
     * @param updateToWeight ‖ΔW‖ / ‖W‖: the change the update made, relative to the weights before it
     *                       (cs231n's rule of thumb: about 1e-3)
     */
    public record WeightChange(String name, double gradientNorm, double updateToWeight) {
    }

    public boolean countsDeadUnits() {
        return deadUnits >= 0;
    }
}
