package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLocationsTest {
    private final Path project = Path.of("/opt/nnlab");

    @Test
    void withoutNnlabDataEverythingHappensInTheProject() {
        DataLocations locations = DataLocations.of(project.toString(), null);

        assertEquals(project.resolve("data/mnist"), locations.installDir(Dataset.MNIST));
        assertEquals(List.of(project.resolve("data/mnist")), locations.searchDirs(Dataset.MNIST));
    }

    @Test
    void nnlabDataIsSearchedAfterTheProjectAndReceivesDownloads() {
        DataLocations locations = DataLocations.of(project.toString(), "/srv/datasets");

        assertEquals(Path.of("/srv/datasets/fashion-mnist"), locations.installDir(Dataset.FASHION_MNIST));
        assertEquals(List.of(project.resolve("data/fashion-mnist"), Path.of("/srv/datasets/fashion-mnist")),
                locations.searchDirs(Dataset.FASHION_MNIST));
    }

    @Test
    void blankValuesMeanUnset() {
        DataLocations locations = DataLocations.of(" ", "");

        assertEquals(Path.of("").toAbsolutePath().resolve("data/mnist"), locations.installDir(Dataset.MNIST));
        assertEquals(null, locations.sharedDataDir());
    }

    @Test
    void theSameDirectoryIsSearchedOnlyOnce() {
        DataLocations locations = DataLocations.of(project.toString(), project.resolve("data").toString());

        assertEquals(List.of(project.resolve("data/mnist")), locations.searchDirs(Dataset.MNIST));
    }
}
