package org.nnlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads a dataset from the first of its sources that can deliver all four verified files. A source
 * that fails costs one log line and the next is tried; a source that is simply absent (no local
 * copy yet, no npm) is passed over silently. When none succeeds, the exception lists what was tried
 * and why each gave nothing, and tells the user where to put the files by hand.
 */
public final class DatasetLoader {
    private final Dataset dataset;
    private final Path installDir;
    private final List<DataSource> sources;
    private final Consumer<String> log;

    /**
     * @param installDir named in the "place the files by hand" advice
     * @param log receives one line per failed source (none for an absent one), and progress lines from the sources
     */
    public DatasetLoader(Dataset dataset, Path installDir, List<DataSource> sources, Consumer<String> log) {
        this.dataset = dataset;
        this.installDir = installDir;
        this.sources = List.copyOf(sources);
        this.log = log;
    }

    /** A loader with the standard sources, configured from this JVM's environment, logging to stderr. */
    public static DatasetLoader standard(Dataset dataset) {
        DataLocations locations = DataLocations.fromEnvironment();
        Consumer<String> log = System.err::println;
        List<DataSource> sources = StandardSources.forDataset(dataset, locations, Checksums.pinned(), log);
        return new DatasetLoader(dataset, locations.installDir(dataset), sources, log);
    }

    /**
     * The training and test sets.
     *
     * @throws DataUnavailableException when every source failed
     */
    public TrainTest load() {
        Map<String, Path> files = provideFiles();
        try {
            return new TrainTest(
                    IdxReader.read(files.get(Dataset.TRAIN_IMAGES), files.get(Dataset.TRAIN_LABELS)),
                    IdxReader.read(files.get(Dataset.TEST_IMAGES), files.get(Dataset.TEST_LABELS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The four verified files from the first source that delivers them all. */
    public Map<String, Path> provideFiles() {
        List<String> tried = new ArrayList<>();
        for (DataSource source : sources) {
            try {
                return source.provide();
            } catch (SourceAbsentException e) {
                tried.add(source.describe() + ": " + e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                // Only I/O failures mean "try the next source"; any other exception is a bug and propagates.
                String failure = source.describe() + " failed: " + Reasons.oneLine(e);
                log.accept("nnlab: " + dataset.directoryName() + ": " + failure);
                tried.add(failure);
            }
        }
        throw new DataUnavailableException(unavailableMessage(tried));
    }

    private String unavailableMessage(List<String> tried) {
        StringBuilder message = new StringBuilder("nnlab: " + dataset.directoryName() + " is not available; tried:");
        for (String source : tried) {
            message.append("\n  - ").append(source);
        }
        message.append("\nTo install it by hand, put these files into ").append(installDir).append(':');
        for (String name : Dataset.FILE_NAMES) {
            message.append("\n    ").append(name);
        }
        message.append("\nEach may be raw or gzipped (").append(Dataset.TRAIN_IMAGES)
                .append(".gz is fine). See data/README.adoc for where to get them.");
        return message.toString();
    }
}
