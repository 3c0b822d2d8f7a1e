package org.nnlab.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;

/**
 * A copy of the parameters from the epoch with the best validation accuracy so far, to be put
 * back at the end of training: what cs231n's {@code Solver} keeps as {@code best_params} (report 004).
 */
public final class BestWeights {
    private int epoch;
    private double accuracy = Double.NEGATIVE_INFINITY;
    private final Map<String, Matrix> values = new LinkedHashMap<>();

    // tag::offer[]
    /** Keeps the network's parameters if this epoch's validation accuracy beats every earlier one. */
    void offer(EpochResult result, Network network) {
        if (!(result.validationAccuracy() > accuracy)) {
            return;
        }
        epoch = result.epoch();
        accuracy = result.validationAccuracy();
        for (Parameter p : network.parameters()) {
            values.computeIfAbsent(p.name(), name -> p.value().copy()).copyFrom(p.value());
        }
    }
    // end::offer[]

    /** Copies the kept parameters into the network; does nothing if no epoch was kept. */
    public void restoreInto(Network network) {
        for (Parameter p : network.parameters()) {
            Matrix kept = values.get(p.name());
            if (kept != null) {
                p.value().copyFrom(kept);
            }
        }
    }

    /** The epoch kept (1-based), 0 if none. */
    public int epoch() {
        return epoch;
    }

    public double accuracy() {
        return accuracy;
    }

    /** The kept parameters by name (W1, b1, ...); empty if no epoch was kept. */
    public Map<String, Matrix> values() {
        return values;
    }

    /** Puts back what a checkpoint saved: the epoch, its validation accuracy and the parameters. */
    void restore(int savedEpoch, double savedAccuracy, Map<String, Matrix> saved) {
        epoch = savedEpoch;
        accuracy = savedAccuracy;
        values.clear();
        saved.forEach((name, m) -> values.put(name, m.copy()));
    }
}
