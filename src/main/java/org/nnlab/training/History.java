package org.nnlab.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The per-epoch record of a training run, in order. */
public final class History {
    private final List<EpochResult> epochs = new ArrayList<>();

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
}
