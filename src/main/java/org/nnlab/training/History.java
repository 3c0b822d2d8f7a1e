package org.nnlab.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The per-epoch record of a training run, in order. */
public final class History {
    private final List<EpochResult> epochs = new ArrayList<>();
    private int keptEpoch;

    /** A history rebuilt from epochs recorded earlier, e.g. read back from a file, in the given order. */
    public static History of(List<EpochResult> epochs) {
        History history = new History();
        epochs.forEach(history::add);
        return history;
    }

    void add(EpochResult result) {
        epochs.add(result);
    }

    public List<EpochResult> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has finished");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The highest validation accuracy of any epoch, NaN without validation. */
    public double bestValidationAccuracy() {
        return epochs.stream().mapToDouble(EpochResult::validationAccuracy).max().orElse(Double.NaN);
    }

    /** The epoch whose parameters the network ended with: the last, or the best one when it was kept. */
    public int keptEpoch() {
        return keptEpoch == 0 ? last().epoch() : keptEpoch;
    }

    void keptEpoch(int epoch) {
        keptEpoch = epoch;
    }
}
