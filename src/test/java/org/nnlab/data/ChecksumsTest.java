package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    @TempDir
    Path dir;

    @Test
    void pinnedChecksumsAreReadFromTheClasspath() {
        Checksums pinned = Checksums.pinned();
        Map<String, String> expected = Map.of(
                "mnist/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "mnist/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "mnist/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "mnist/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
                "fashion-mnist/train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                "fashion-mnist/train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                "fashion-mnist/t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                "fashion-mnist/t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");
        for (Dataset dataset : Dataset.values()) {
            for (String name : Dataset.FILE_NAMES) {
                assertEquals(expected.get(dataset.directoryName() + "/" + name), pinned.expected(dataset, name));
            }
        }
    }

    @Test
    void verifiesTheUncompressedContentOfRawAndGzippedFiles() throws IOException {
        SyntheticDataset data = new SyntheticDataset();
        Path raw = Files.write(dir.resolve("raw"), data.raw(Dataset.TRAIN_LABELS));
        Path gz = Files.write(dir.resolve("gz"), data.gzipped(Dataset.TRAIN_LABELS));

        data.checksums().verify(Dataset.MNIST, Dataset.TRAIN_LABELS, raw);
        data.checksums().verify(Dataset.MNIST, Dataset.TRAIN_LABELS, gz);
    }

    @Test
    void rejectsAFileWithTheWrongChecksum() throws IOException {
        SyntheticDataset data = new SyntheticDataset();
        Path file = Files.write(dir.resolve("train-labels-idx1-ubyte"),
                SyntheticDataset.corrupted(data.raw(Dataset.TRAIN_LABELS)));

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> data.checksums().verify(Dataset.MNIST, Dataset.TRAIN_LABELS, file));

        assertTrue(e.getMessage().startsWith(file + ": checksum mismatch: SHA-256 of the uncompressed content is "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("expected " + data.checksums().expected(Dataset.MNIST, Dataset.TRAIN_LABELS)
                + " for mnist/train-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void parsesSha256sumFormatAndRejectsOtherLines() {
        String sha = "a".repeat(64);
        Checksums parsed = Checksums.parse(List.of("# comment", "", sha + "  mnist/x", "b".repeat(64) + " *mnist/y"), "test");
        assertEquals(sha, parsed.expected(Dataset.MNIST, "x"));
        assertEquals("b".repeat(64), parsed.expected(Dataset.MNIST, "y"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Checksums.parse(List.of(sha + "  mnist/x", "deadbeef  mnist/y"), "SUMS"));
        assertTrue(e.getMessage().startsWith("SUMS line 2:"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> parsed.expected(Dataset.FASHION_MNIST, "x"));
    }
}
