package org.nnlab.experiment;

import java.util.stream.IntStream;
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

    /**
     * Splits the images as the experiment says, fits the scaling on the training part, and converts all
     * three; with {@code --subset N}, training then keeps the first N training examples only (cs231n's
     * check that a network can learn a handful by heart), and the scaling stays the one fitted on the
     * whole training split.
     */
    public static PreparedData of(Experiment experiment, TrainTest images) {
        SplitPlan.ImageSplit split = splitFitting(experiment, images);
        Preprocessing preprocessing = Preprocessing.fit(experiment.scaling(), split.train());
        Examples train = Examples.from(split.train(), preprocessing, experiment.task());
        int subset = experiment.training().subset();
        if (subset > 0) {
            train = train.subset(IntStream.range(0, subset).toArray());
        }
        Examples validation = Examples.from(split.validation(), preprocessing, experiment.task());
        Examples test = split.test() == split.validation() ? validation
                : Examples.from(split.test(), preprocessing, experiment.task());
        return new PreparedData(train, validation, test, preprocessing, split.test());
    }

    /**
     * The experiment's split of the images, checked to hold what {@code --split} and {@code --subset}
     * ask for; if it does not, an IllegalArgumentException whose message starts with the flag.
     */
    public static SplitPlan.ImageSplit splitFitting(Experiment experiment, TrainTest images) {
        SplitPlan.ImageSplit split;
        try {
            split = experiment.split().apply(images, experiment.training().seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split: " + e.getMessage(), e);
        }
        int subset = experiment.training().subset();
        if (subset > split.train().count()) {
            throw new IllegalArgumentException("--subset: " + subset + " images asked for, the training split has "
                    + split.train().count());
        }
        return split;
    }
}
