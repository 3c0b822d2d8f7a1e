package org.nnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files that are already on disk: in the project's {@code data/<dataset>/}, in
 * {@code $NNLAB_DATA/<dataset>/}, or where a Debian package installed them. Each file may be stored
 * raw or as {@code <name>.gz}, and is used in place after its checksum is verified.
 */
final class LocalDirectorySource implements DataSource {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the gzipped files. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private final Dataset dataset;
    private final Path dir;
    private final Checksums checksums;
    private final String description;

    LocalDirectorySource(Dataset dataset, Path dir, Checksums checksums, String description) {
        this.dataset = dataset;
        this.dir = dir;
        this.checksums = checksums;
        this.description = description;
    }

    static LocalDirectorySource dataDirectory(Dataset dataset, Path dir, Checksums checksums) {
        return new LocalDirectorySource(dataset, dir, checksums, "local directory " + dir);
    }

    static LocalDirectorySource debianPackage(Checksums checksums) {
        return new LocalDirectorySource(Dataset.FASHION_MNIST, DEBIAN_FASHION_MNIST, checksums,
                "Debian package dataset-fashion-mnist (" + DEBIAN_FASHION_MNIST + ")");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Map<String, Path> provide() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new SourceAbsentException("no such directory");
        }
        Map<String, Path> found = findAll();
        // Verify only once all four are known to exist, so a missing file is reported without
        // first spending a second hashing the others.
        for (Map.Entry<String, Path> file : found.entrySet()) {
            checksums.verify(dataset, file.getKey(), file.getValue());
        }
        return found;
    }

    private Map<String, Path> findAll() throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : Dataset.FILE_NAMES) {
            Path file = find(name);
            if (file == null) {
                missing.add(name + "[.gz]");
            } else {
                found.put(name, file);
            }
        }
        if (missing.size() == Dataset.FILE_NAMES.size()) {
            throw new SourceAbsentException("none of the four files is there");
        }
        if (!missing.isEmpty()) {
            throw new IOException("missing " + String.join(", ", missing));
        }
        return found;
    }

    /**
     * The raw file if present, else the gzipped one, else null. When the raw file is present but
     * wrong, it is reported rather than silently passed over for the .gz beside it; so is a
     * directory under either name.
     */
    private Path find(String name) throws IOException {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isDirectory(candidate)) {
                throw Dataset.directoryInPlaceOf(candidate, name);
            }
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
