package org.nnlab.cli;

import org.nnlab.training.Examples;
import org.nnlab.training.InputScaling;

/** A dataset's training and test images, loaded and scaled for the network. */
record DatasetExamples(Examples train, Examples test) {

    static DatasetExamples load(String datasetName, InputScaling scaling) {
        throw new CommandFailedException("WIP: waiting for the data package");
    }
}
