package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    // Three 2×3 images; the last pixel is 0xFF to prove bytes are read as unsigned.
    private static final byte[] PIXELS = {
            0, 1, 2, 3, 4, 5,
            10, 20, 30, 40, 50, 60,
            7, 8, 9, 100, (byte) 200, (byte) 255};
    private static final byte[] LABELS = {5, 0, 9};

    @Test
    void readsRawImagesAndLabels() throws IOException {
        Path images = write("images-idx3-ubyte", SyntheticIdx.images(3, 2, 3, PIXELS));
        Path labels = write("labels-idx1-ubyte", SyntheticIdx.labels(LABELS));

        LabeledImages data = IdxReader.read(images, labels);

        assertEquals(3, data.count());
        assertEquals(2, data.rows());
        assertEquals(3, data.cols());
        assertArrayEquals(PIXELS, data.pixels());
        assertEquals(List.of(5, 0, 9), List.of(data.label(0), data.label(1), data.label(2)));
        assertEquals(40, data.pixel(1, 3));
        assertEquals(255, data.pixel(2, 5));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        // Deliberately misleading names: the gzipped file has no .gz, the raw one has.
        Path images = write("images-no-suffix", SyntheticIdx.gzip(SyntheticIdx.images(3, 2, 3, PIXELS)));
        Path labels = write("labels.gz", SyntheticIdx.labels(LABELS));

        LabeledImages data = IdxReader.read(images, labels);

        assertArrayEquals(PIXELS, data.pixels());
        assertArrayEquals(LABELS, data.labels());
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = write("train-images-idx3-ubyte", SyntheticIdx.images(0x00000801, 3, 2, 3, PIXELS));

        String message = rejectImages(file);

        assertTrue(message.contains("bad magic number 0x00000801, expected 0x00000803"), message);
    }

    @Test
    void rejectsHeaderCountLargerThanData() throws IOException {
        // The header claims 4 images; the file holds 3 whole ones.
        Path file = write("train-images-idx3-ubyte", SyntheticIdx.images(4, 2, 3, PIXELS));

        String message = rejectImages(file);

        assertTrue(message.contains("count mismatch: header says 4 images of 2×3 (40 bytes)"), message);
        assertTrue(message.contains("only 3 whole images (34 bytes)"), message);
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        byte[] whole = SyntheticIdx.images(3, 2, 3, PIXELS);
        Path file = write("train-images-idx3-ubyte", Arrays.copyOf(whole, whole.length - 2));

        String message = rejectImages(file);

        assertTrue(message.contains("truncated: header says 3 images of 2×3 (34 bytes), file has 32 bytes"), message);
    }

    @Test
    void rejectsTruncatedGzipFile() throws IOException {
        byte[] gz = SyntheticIdx.gzip(SyntheticIdx.images(3, 2, 3, PIXELS));
        Path file = write("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - 10));

        String message = rejectImages(file);

        assertEquals(file + ": truncated or damaged gzip data (Unexpected end of ZLIB input stream)", message);
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] whole = SyntheticIdx.images(3, 2, 3, PIXELS);
        Path file = write("train-images-idx3-ubyte", Arrays.copyOf(whole, whole.length + 4));

        String message = rejectImages(file);

        assertTrue(message.contains("trailing garbage: header says 3 images of 2×3 (34 bytes), file has 38 bytes"),
                message);
    }

    @Test
    void rejectsNonPositiveDimensions() throws IOException {
        Path file = write("train-images-idx3-ubyte", SyntheticIdx.images(3, 0, 3, new byte[0]));

        String message = rejectImages(file);

        assertTrue(message.contains("bad dimensions: header says 3 images of 0×3"), message);
    }

    /** Found by IdxFuzzProperties: the size was count·rows·cols in a long, which these headers overflow. */
    @Test
    void rejectsDimensionsWhoseProductOverflowsALong() throws IOException {
        int max = Integer.MAX_VALUE;
        Path negative = write("train-images-idx3-ubyte", SyntheticIdx.images(max, max, 3, PIXELS));
        Path zero = write("t10k-images-idx3-ubyte", SyntheticIdx.images(1 << 22, 1 << 21, 1 << 21, PIXELS));

        assertEquals(negative + ": bad dimensions: header says 2147483647 images of 2147483647×3, 13835058042397261827"
                + " bytes, more than one Java array can hold", rejectImages(negative));
        assertTrue(rejectImages(zero).endsWith(": bad dimensions: header says 4194304 images of 2097152×2097152,"
                + " 18446744073709551616 bytes, more than one Java array can hold"), rejectImages(zero));
    }

    @Test
    void rejectsFileTooShortForAHeader() throws IOException {
        Path file = write("train-images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0});

        String message = rejectImages(file);

        assertTrue(message.contains("too short for an IDX images header: 5 bytes, need 16"), message);
    }

    @Test
    void rejectsLabelOutsideDigits() throws IOException {
        Path file = write("t10k-labels-idx1-ubyte", SyntheticIdx.labels(new byte[] {1, 2, 3, 10, 11}));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file));

        assertEquals(file + ": label 10 at index 3 is outside 0..9", e.getMessage());
    }

    @Test
    void rejectsLabelAbove127AsUnsigned() throws IOException {
        Path file = write("t10k-labels-idx1-ubyte", SyntheticIdx.labels(new byte[] {(byte) 200}));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file));

        assertTrue(e.getMessage().endsWith("label 200 at index 0 is outside 0..9"), e.getMessage());
    }

    @Test
    void rejectsImagesAndLabelsWithDifferentCounts() throws IOException {
        Path images = write("train-images-idx3-ubyte", SyntheticIdx.images(3, 2, 3, PIXELS));
        Path labels = write("train-labels-idx1-ubyte", SyntheticIdx.labels(new byte[] {1, 2}));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(images, labels));

        assertEquals(images + ": count mismatch: it has 3 images but " + labels + " has 2 labels", e.getMessage());
    }

    @Test
    void everyKindOfCorruptionHasItsOwnMessage() throws IOException {
        byte[] whole = SyntheticIdx.images(3, 2, 3, PIXELS);
        List<byte[]> corruptions = List.of(
                SyntheticIdx.images(0x00000801, 3, 2, 3, PIXELS),
                SyntheticIdx.images(4, 2, 3, PIXELS),
                Arrays.copyOf(whole, whole.length - 2),
                Arrays.copyOf(whole, whole.length + 4),
                SyntheticIdx.images(-1, 2, 3, PIXELS),
                Arrays.copyOf(whole, 5));
        Set<String> problems = new HashSet<>();
        for (byte[] corruption : corruptions) {
            String message = rejectImages(write("train-images-idx3-ubyte", corruption));
            // Strip numbers so that only the wording, not the sizes, decides what is "distinct".
            problems.add(message.replaceAll("[0-9x×]+", "#"));
        }
        assertEquals(corruptions.size(), problems.size(), problems.toString());
    }

    /** Reading must fail; returns the message after checking that it names the file. */
    private String rejectImages(Path file) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        return e.getMessage();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
