package org.nnlab.persistence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nnlab.experiment.Experiment;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;

/**
 * A trained network with what it takes to use it on new images: the task it answers, the
 * preprocessing its inputs need, the image size it expects, and, when known, the experiment that
 * trained it and a few results (epochs trained, accuracies).
 *
 * @param experiment how the model was trained, or null (e.g. a model assembled by hand)
 * @param results    numbers worth keeping with the model, e.g. "test_accuracy"; may be empty
 */
public record SavedModel(Network network, Task task, Preprocessing preprocessing, int imageRows, int imageCols,
                         Experiment experiment, Map<String, Object> results) {

    public SavedModel {
        if (imageRows * imageCols != network.spec().inputs()) {
            throw new IllegalArgumentException(imageRows + "×" + imageCols + " images do not match a network with "
                    + network.spec().inputs() + " inputs");
        }
        if (network.spec().outputs() != task.outputs()) {
            throw new IllegalArgumentException("the task " + task.spec() + " needs " + task.outputs()
                    + " outputs, the network has " + network.spec().outputs());
        }
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results)); // JSON nulls (NaN) allowed
    }
}
