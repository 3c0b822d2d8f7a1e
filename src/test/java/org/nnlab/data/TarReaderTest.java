package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Requirements;

class TarReaderTest {
    @TempDir
    Path dir;

    private static final byte[] BLOCK_SIZED = filled(512, 7);
    private static final byte[] ODD_SIZED = filled(1000, 3);

    @Test
    void readsRegularFilesAndSkipsDirectories() throws IOException {
        byte[] tar = new TarWriter()
                .directory("package/")
                .file("package/a.txt", "hello".getBytes(StandardCharsets.US_ASCII))
                .file("package/empty", new byte[0])
                .file("package/block", BLOCK_SIZED)
                .fileWithPrefix("package/data", "odd", ODD_SIZED)
                .finish();

        Map<String, byte[]> files = readAll(new ByteArrayInputStream(tar));

        assertEquals(List.of("package/a.txt", "package/empty", "package/block", "package/data/odd"),
                List.copyOf(files.keySet()));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), files.get("package/a.txt"));
        assertArrayEquals(new byte[0], files.get("package/empty"));
        assertArrayEquals(BLOCK_SIZED, files.get("package/block"));
        assertArrayEquals(ODD_SIZED, files.get("package/data/odd"));
    }

    @Test
    void skipsContentTheCallerDoesNotRead() throws IOException {
        byte[] tar = new TarWriter().file("first", ODD_SIZED).file("second", BLOCK_SIZED).finish();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "test.tar");

        assertEquals(new TarReader.Entry("first", 1000), reader.nextFile());
        assertEquals(3, reader.contents().read());
        assertEquals(new TarReader.Entry("second", 512), reader.nextFile());
        assertArrayEquals(BLOCK_SIZED, reader.contents().readAllBytes());
        assertNull(reader.nextFile());
    }

    @Test
    void readsAnArchiveMadeByTheTarCommand() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/package/data"));
        Files.write(source.resolve("odd"), ODD_SIZED);
        Files.write(source.resolve("block"), BLOCK_SIZED);
        Path archive = dir.resolve("made.tar");
        Requirements.tar();
        ChildProcess.run(Duration.ofSeconds(30), "tar", "--format=ustar", "-cf", archive.toString(), "-C",
                dir.resolve("src").toString(), "package").requireSuccess();

        Map<String, byte[]> files;
        try (InputStream in = Files.newInputStream(archive)) {
            files = readAll(in);
        }

        assertArrayEquals(ODD_SIZED, files.get("package/data/odd"));
        assertArrayEquals(BLOCK_SIZED, files.get("package/data/block"));
        assertEquals(2, files.size(), files.keySet().toString());
    }

    @Test
    void rejectsSomethingThatIsNotTar() {
        byte[] garbage = filled(1024, 'x');

        IOException e = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(garbage), "test.tar").nextFile());

        assertTrue(e.getMessage().startsWith("test.tar: not a tar archive, or a corrupt one"), e.getMessage());
    }

    @Test
    void rejectsAHeaderWithOneByteChanged() {
        byte[] tar = new TarWriter().file("package/data/odd", ODD_SIZED).finish();
        tar[3] ^= 1;

        IOException e = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(tar), "test.tar").nextFile());

        assertTrue(e.getMessage().contains("header checksum is"), e.getMessage());
    }

    @Test
    void rejectsAnArchiveCutOffInsideAnEntry() throws IOException {
        byte[] tar = new TarWriter().file("big", ODD_SIZED).finish();
        TarReader reader = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 700)), "test.tar");

        reader.nextFile();

        IOException e = assertThrows(IOException.class, () -> reader.contents().readAllBytes());
        assertEquals("test.tar: tar archive ends inside an entry", e.getMessage());
    }

    @Test
    void rejectsAnArchiveCutOffInsideAnEntryItSkips() throws IOException {
        byte[] tar = new TarWriter().file("big", ODD_SIZED).file("next", ODD_SIZED).finish();
        TarReader reader = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 700)), "test.tar");
        reader.nextFile();

        // Skipping the unread entry hits the end: InputStream.skipNBytes would throw an EOFException without a message.
        IOException e = assertThrows(IOException.class, reader::nextFile);

        assertEquals("test.tar: tar archive ends inside an entry", e.getMessage());
    }

    private static Map<String, byte[]> readAll(InputStream in) throws IOException {
        TarReader reader = new TarReader(in, "test.tar");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (TarReader.Entry entry = reader.nextFile(); entry != null; entry = reader.nextFile()) {
            byte[] content = reader.contents().readAllBytes();
            assertEquals(entry.size(), content.length, entry.name());
            files.put(entry.name(), content);
        }
        return files;
    }

    private static byte[] filled(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 31);
        }
        return bytes;
    }
}
