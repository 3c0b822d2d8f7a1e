package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path, against a local HTTP server standing in for the real mirrors. */
class MirrorSourceTest {
    @TempDir
    Path installDir;

    private final SyntheticDataset data = new SyntheticDataset();
    private final List<String> log = new ArrayList<>();
    private MirrorServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MirrorServer();
        for (String name : Dataset.FILE_NAMES) {
            server.serve("/good/" + name + ".gz", data.gzipped(name));
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void installsVerifiedUncompressedFilesFromAGoodMirror() throws IOException {
        Map<String, Path> files = mirror("good").provide();

        for (String name : Dataset.FILE_NAMES) {
            assertEquals(installDir.resolve(name), files.get(name));
            assertArrayEquals(data.raw(name), Files.readAllBytes(installDir.resolve(name)), name);
        }
        assertEquals(sorted(Dataset.FILE_NAMES), FileFixtures.namesIn(installDir), "no temporary files may remain");
        if (Files.getFileStore(installDir).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(installDir.resolve(Dataset.TRAIN_IMAGES))), "readable by all");
        }
        assertEquals(4, log.stream().filter(line -> line.startsWith("nnlab: mnist: downloading http://")).count(),
                log.toString());
    }

    @Test
    void aCorruptedDownloadIsRejectedAndLeavesNothingBehind() throws IOException {
        server.serve("/bad/" + Dataset.TRAIN_IMAGES + ".gz",
                SyntheticIdx.gzip(SyntheticDataset.corrupted(data.raw(Dataset.TRAIN_IMAGES))));

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> mirror("bad").provide());

        assertTrue(e.getMessage().startsWith(server.base("bad") + Dataset.TRAIN_IMAGES + ".gz: checksum mismatch"),
                e.getMessage());
        assertEquals(List.of(), FileFixtures.namesIn(installDir));
    }

    @Test
    void aDownloadThatIsNotValidGzipLeavesNothingBehind() throws IOException {
        byte[] gz = data.gzipped(Dataset.TRAIN_IMAGES);
        server.serve("/cut/" + Dataset.TRAIN_IMAGES + ".gz", Arrays.copyOf(gz, gz.length / 2));

        IOException e = assertThrows(IOException.class, () -> mirror("cut").provide());

        assertEquals(server.base("cut") + Dataset.TRAIN_IMAGES + ".gz: truncated or damaged gzip data"
                + " (Unexpected end of ZLIB input stream)", e.getMessage());
        assertEquals(List.of(), FileFixtures.namesIn(installDir));
    }

    @Test
    void aBadFileAlreadyInstalledIsReplacedByAVerifiedDownload() throws IOException {
        Files.createDirectories(installDir);
        Files.write(installDir.resolve(Dataset.TEST_LABELS), SyntheticIdx.labels(new byte[] {1, 1}));
        DatasetLoader loader = loader(local(), mirror("good"));

        TrainTest loaded = loader.load();

        assertArrayEquals(SyntheticDataset.TEST_LABELS, loaded.test().labels());
        assertArrayEquals(data.raw(Dataset.TEST_LABELS), Files.readAllBytes(installDir.resolve(Dataset.TEST_LABELS)));
        assertEquals(1, log.stream().filter(line -> line.contains("failed: ")).count(), log.toString());
    }

    @Test
    void a404CostsOneLineAndTheNextSourceIsTried() {
        TrainTest loaded = loader(mirror("missing"), mirror("good")).load();

        assertArrayEquals(SyntheticDataset.TRAIN_PIXELS, loaded.train().pixels());
        List<String> failures = failureLines();
        assertEquals(List.of("nnlab: mnist: " + server.base("missing") + " failed: HTTP 404 for "
                + server.base("missing") + Dataset.TRAIN_IMAGES + ".gz"), failures);
    }

    @Test
    void whenEverySourceFailsTheExceptionListsThemAndExplainsTheManualRoute() throws IOException {
        URI refused = URI.create("http://127.0.0.1:" + closedPort() + "/mnist/");
        DatasetLoader loader = loader(local(), mirror("missing"), mirror(refused));

        DataUnavailableException e = assertThrows(DataUnavailableException.class, loader::load);

        String message = e.getMessage();
        assertEquals(2, failureLines().size(), "the empty local directory is absent, not failed: " + log);
        assertTrue(message.contains("\n  - local directory " + installDir + ": none of the four files is there"),
                message);
        assertTrue(message.contains("\n  - " + server.base("missing") + " failed: HTTP 404 for "), message);
        assertTrue(message.contains("\n  - " + refused + " failed: cannot connect to " + refused.getAuthority()
                + ": connection refused\n"), message);
        assertTrue(message.contains("put these files into " + installDir), message);
        for (String name : Dataset.FILE_NAMES) {
            assertTrue(message.contains("\n    " + name + "\n"), message);
        }
        assertTrue(message.contains(".gz is fine"), message);
        assertEquals(List.of(), FileFixtures.namesIn(installDir));
    }

    private List<String> failureLines() {
        List<String> failures = new ArrayList<>();
        log.stream().filter(line -> line.contains(" failed: ")).forEach(failures::add);
        return failures;
    }

    private MirrorSource mirror(String directory) {
        return mirror(server.base(directory));
    }

    private MirrorSource mirror(URI base) {
        Installer installer = new Installer(Dataset.MNIST, installDir, data.checksums());
        return new MirrorSource(base, installer, MirrorSource.newHttpClient(), log::add);
    }

    private LocalDirectorySource local() {
        return LocalDirectorySource.dataDirectory(Dataset.MNIST, installDir, data.checksums());
    }

    private DatasetLoader loader(DataSource... sources) {
        return new DatasetLoader(Dataset.MNIST, installDir, List.of(sources), log::add);
    }

    /** A port nothing listens on: bind one, then let it go. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(null);
        return copy;
    }
}
