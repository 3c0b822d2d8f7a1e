package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever shape and contents an IDX pair has, reading it back gives exactly what was written. */
class IdxRoundTripProperties {
    @Property(tries = 50)
    void readingReturnsWhatWasWritten(@ForAll @IntRange(min = 1, max = 20) int count,
                                      @ForAll @IntRange(min = 1, max = 9) int rows,
                                      @ForAll @IntRange(min = 1, max = 9) int cols,
                                      @ForAll long seed,
                                      @ForAll boolean gzipped) throws IOException {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * rows * cols];
        random.nextBytes(pixels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        Path dir = Files.createTempDirectory("nnlab-idx-property");
        try {
            Path images = write(dir.resolve("images"), SyntheticIdx.images(count, rows, cols, pixels), gzipped);
            Path labelFile = write(dir.resolve("labels"), SyntheticIdx.labels(labels), gzipped);

            LabeledImages data = IdxReader.read(images, labelFile);

            assertEquals(count, data.count());
            assertEquals(rows, data.rows());
            assertEquals(cols, data.cols());
            assertArrayEquals(pixels, data.pixels());
            assertArrayEquals(labels, data.labels());
        } finally {
            FileFixtures.deleteRecursively(dir);
        }
    }

    private static Path write(Path file, byte[] raw, boolean gzipped) throws IOException {
        return Files.write(file, gzipped ? SyntheticIdx.gzip(raw) : raw);
    }
}
