package org.nnlab.cli;

import java.io.UncheckedIOException;
import org.nnlab.data.DataUnavailableException;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.data.IdxFormatException;
import org.nnlab.data.TrainTest;
import org.nnlab.training.Examples;
import org.nnlab.training.InputScaling;

/** A dataset's training and test images, loaded (fetched when absent) and scaled for the network. */
record DatasetExamples(Examples train, Examples test) {

    static DatasetExamples load(String datasetName, InputScaling scaling) {
        Dataset dataset;
        try {
            dataset = Dataset.parse(datasetName);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: --dataset: " + e.getMessage());
        }
        TrainTest images;
        try {
            images = DatasetLoader.standard(dataset).load();
        } catch (DataUnavailableException | IdxFormatException e) {
            throw new CommandFailedException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailedException("reading " + datasetName + " failed: " + e.getCause().getMessage());
        }
        return new DatasetExamples(Examples.from(images.train(), scaling), Examples.from(images.test(), scaling));
    }
}
