package org.nnlab.experiment;

import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;
import org.nnlab.training.Examples;
import org.nnlab.training.Preprocessing;

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

    /**
     * The same data with only the first {@code n} training examples, for cs231n's check that a
     * network can learn a handful of examples by heart; validation and test stay whole, and the
     * scaling stays the one fitted on the whole training split.
     */
    public PreparedData withTrainingSubset(int n) {
        if (n < 1 || n > train.size()) {
            throw new IllegalArgumentException("the subset must hold 1 to " + train.size() + " training images, got " + n);
        }
        return new PreparedData(train.subset(java.util.stream.IntStream.range(0, n).toArray()), validation, test,
                preprocessing, testImages);
    }
}
