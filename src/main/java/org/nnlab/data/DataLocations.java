package org.nnlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where dataset files are looked for and where fetched files are installed. The values normally
 * come from the system property {@code nnlab.home} (set by the launcher script) and the environment
 * variable {@code NNLAB_DATA}; tests build a {@code DataLocations} over temporary directories instead.
 *
 * @param projectDir the nnlab checkout; its {@code data/<dataset>/} is the default home of the files
 * @param sharedDataDir the value of {@code NNLAB_DATA}, or null when it is unset: a directory shared
 *     between checkouts, which then also receives downloads
 */
public record DataLocations(Path projectDir, Path sharedDataDir) {
    public static final String HOME_PROPERTY = "nnlab.home";
    public static final String DATA_VARIABLE = "NNLAB_DATA";

    public DataLocations {
        projectDir = projectDir.toAbsolutePath().normalize();
        sharedDataDir = sharedDataDir == null ? null : sharedDataDir.toAbsolutePath().normalize();
    }

    /** The locations this JVM was started with; without {@code nnlab.home} the project is the current directory. */
    public static DataLocations fromEnvironment() {
        return of(System.getProperty(HOME_PROPERTY), System.getenv(DATA_VARIABLE));
    }

    /** Locations from the raw property and variable values, either of which may be null or blank. */
    public static DataLocations of(String homeProperty, String dataVariable) {
        Path projectDir = Path.of(isBlank(homeProperty) ? "." : homeProperty);
        Path sharedDataDir = isBlank(dataVariable) ? null : Path.of(dataVariable);
        return new DataLocations(projectDir, sharedDataDir);
    }

    /** Directories that may already hold the files, in the order they are searched. */
    public List<Path> searchDirs(Dataset dataset) {
        List<Path> dirs = new ArrayList<>(List.of(projectDataDir(dataset)));
        if (sharedDataDir != null && !dirs.contains(sharedDir(dataset))) {
            dirs.add(sharedDir(dataset));
        }
        return dirs;
    }

    /** Where downloaded files go: the shared directory when NNLAB_DATA is set, else the project's. */
    public Path installDir(Dataset dataset) {
        return sharedDataDir != null ? sharedDir(dataset) : projectDataDir(dataset);
    }

    private Path projectDataDir(Dataset dataset) {
        return projectDir.resolve("data").resolve(dataset.directoryName());
    }

    private Path sharedDir(Dataset dataset) {
        return sharedDataDir.resolve(dataset.directoryName());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
