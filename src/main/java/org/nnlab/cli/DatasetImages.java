package org.nnlab.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
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
        return fromLoader(command, datasetName, DatasetLoader::load);
    }

    /** The four verified files of the named dataset, fetched if need be, keyed by {@link Dataset#FILE_NAMES}. */
    static Map<String, Path> files(String command, String datasetName) {
        return fromLoader(command, datasetName, DatasetLoader::provideFiles);
    }

    private static <T> T fromLoader(String command, String datasetName, Function<DatasetLoader, T> use) {
        Dataset dataset;
        try {
            dataset = Dataset.parse(datasetName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": --dataset: " + e.getMessage());
        }
        try {
            return use.apply(DatasetLoader.standard(dataset));
        } catch (DataUnavailableException | IdxFormatException e) {
            throw new CommandFailedException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailedException("reading " + datasetName + " failed: " + e.getCause().getMessage());
        }
    }
}
