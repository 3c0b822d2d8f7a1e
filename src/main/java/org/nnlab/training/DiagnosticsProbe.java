package org.nnlab.training;

import java.util.ArrayList;
import java.util.List;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Parameter;
import org.nnlab.layers.Relu;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;

/**
 * Measures {@link EpochDiagnostics} while the trainer runs, by hearing its events before the
 * listener it wraps: a copy of the weights before the epoch's last minibatch, and after it the
 * change that minibatch made and the gradient it used; after the epoch, the dead ReLU units on the
 * validation images. It only reads the network, so a run with diagnostics trains exactly as one
 * without.
 */
final class DiagnosticsProbe implements TrainingListener {
    private static final int CHUNK = 1000;

    private final Network network;
    private final Examples validation;
    private final TrainingListener listener;
    private final List<Parameter> weights;
    /** The weights before the minibatch being measured, W1, W2. */
    private final List<Matrix> before = new ArrayList<>();
    private List<EpochDiagnostics.WeightChange> lastUpdate = List.of();

    DiagnosticsProbe(Network network, Examples validation, TrainingListener listener) {
        this.network = network;
        this.validation = validation;
        this.listener = listener;
        this.weights = network.parameters().stream().filter(Parameter::decays).toList();
        keepWeights(); // for an epoch of a single batch, whose last batch is also its first
    }

    @Override
    public void batchFinished(int epoch, int done, int total) {
        if (done == total - 1) {
            keepWeights();
        } else if (done == total) {
            lastUpdate = measureUpdate();
            keepWeights();
        }
        listener.batchFinished(epoch, done, total);
    }

    @Override
    public void epochFinished(EpochResult result) {
        listener.epochFinished(result);
        listener.diagnosed(new EpochDiagnostics(result.epoch(), lastUpdate, deadUnits(validation), network.spec().hidden()));
    }

    @Override
    public boolean wantsDiagnostics() {
        return true;
    }

    @Override
    public void untrainedLoss(double validationLoss) {
        listener.untrainedLoss(validationLoss);
    }

    @Override
    public void checkpoint(Network trained, TrainingState state) {
        listener.checkpoint(trained, state);
    }

    private void keepWeights() {
        for (int i = 0; i < weights.size(); i++) {
            if (i == before.size()) {
                before.add(weights.get(i).value().copy());
            } else {
                before.get(i).copyFrom(weights.get(i).value());
            }
        }
    }

    /** ‖W_after − W_before‖ / ‖W_before‖ of each weight matrix, and ‖dW‖ of the gradient the update used. */
    private List<EpochDiagnostics.WeightChange> measureUpdate() {
        List<EpochDiagnostics.WeightChange> measured = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Parameter w = weights.get(i);
            Matrix change = w.value().copy();
            MatrixOps.addScaled(-1, before.get(i), change);
            measured.add(new EpochDiagnostics.WeightChange(w.name(), norm(w.gradient()), norm(change) / norm(before.get(i))));
        }
        return measured;
    }

    /**
     * Hidden units whose pre-activation Z1 = X·W1 + b1 is ≤ 0 for every example, so that their
     * ReLU output and its gradient are 0 for all of them (4.6); −1 without a ReLU hidden layer.
     */
    int deadUnits(Examples examples) {
        List<Layer> layers = network.layers();
        if (!network.spec().hasHiddenLayer() || !(layers.get(1) instanceof Relu) || examples.size() == 0) {
            return -1;
        }
        boolean[] alive = new boolean[network.spec().hidden()];
        examples.inChunks(network.precision(), CHUNK, (x, labels, from, count) -> {
            Matrix z1 = layers.get(0).forward(x);
            for (int r = 0; r < count; r++) {
                for (int u = 0; u < alive.length; u++) {
                    alive[u] |= z1.get(r, u) > 0;
                }
            }
        });
        int dead = 0;
        for (boolean a : alive) {
            dead += a ? 0 : 1;
        }
        return dead;
    }

    private static double norm(Matrix m) {
        return Math.sqrt(MatrixOps.dot(m, m));
    }
}
