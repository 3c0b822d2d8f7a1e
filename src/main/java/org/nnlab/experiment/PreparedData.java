package org.nnlab.experiment;

import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.Preprocessing;

/**
 * An experiment's three sets of examples, scaled and labelled for its task, and the preprocessing
 * that scaled them (fitted on the training split only).
 *
 * @param testImages the test examples' images as they were read, for pictures of them
 */
public record PreparedData(Examples train, Examples validation, Examples test, Preprocessing preprocessing,
                           LabeledImages testImages) {

    /** Splits the images as the experiment says, fits the scaling on the training part, and converts all three. */
    public static PreparedData of(Experiment experiment, TrainTest images) {
        SplitPlan.ImageSplit split = experiment.split().apply(images, experiment.training().seed());
        Preprocessing preprocessing = Preprocessing.fit(experiment.scaling(), split.train());
        Examples train = Examples.from(split.train(), preprocessing, experiment.task());
        Examples validation = Examples.from(split.validation(), preprocessing, experiment.task());
        Examples test = split.test() == split.validation() ? validation
                : Examples.from(split.test(), preprocessing, experiment.task());
        return new PreparedData(train, validation, test, preprocessing, split.test());
    }
}
