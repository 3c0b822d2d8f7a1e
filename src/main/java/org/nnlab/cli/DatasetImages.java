package org.nnlab.cli;

import java.io.UncheckedIOException;
import org.nnlab.data.DataUnavailableException;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.data.IdxFormatException;
import org.nnlab.data.TrainTest;

/** Loads a dataset's raw images by name (fetching them when absent), with one-line errors for the command line. */
final class DatasetImages {
    private DatasetImages() {
    }

    /** The training and test images of the named dataset; {@code command} labels a bad name. */
    static TrainTest load(String command, String datasetName) {
        Dataset dataset;
        try {
            dataset = Dataset.parse(datasetName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": --dataset: " + e.getMessage());
        }
        try {
            return DatasetLoader.standard(dataset).load();
        } catch (DataUnavailableException | IdxFormatException e) {
            throw new CommandFailedException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailedException("reading " + datasetName + " failed: " + e.getCause().getMessage());
        }
    }
}
