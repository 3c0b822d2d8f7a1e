package org.nnlab.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The per-epoch record of a training run, in order. */
public final class History {
    private final List<EpochResult> epochs = new ArrayList<>();

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
}
