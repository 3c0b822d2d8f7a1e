package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnlab.formats.ParserFuzzing.expectOnly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.nnlab.formats.Mutator;
import org.nnlab.formats.ParserFuzzing;
import org.nnlab.testing.Requirements;

/**
 * IDX files as nnlab reads them, raw and gzipped, made of real MNIST images (the first ten test
 * images and their labels) and damaged at random ({@link Mutator}) or one header field at a time
 * (the magic number's type code and rank, the count, rows and columns): the reader ends every input
 * in images or labels that match their header, or in an {@link IdxFormatException} whose one line
 * names the file; so does the checksum, the first thing that reads a local gzipped file
 * ({@link ParserFuzzing}). {@code -Dnnlab.fuzz.repeat=N} runs N times as many inputs.
 */
class IdxFuzzProperties {
    private static final Path DIR = ParserFuzzing.temporaryDirectory("nnlab-idx-fuzz");
    private static final int IMAGES = 10;
    /** IDX type codes: unsigned byte (the only one MNIST uses), signed byte, short, int, float, double. */
    private static final byte[] TYPE_CODES = {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E};

    private static byte[] imagesFile;
    private static byte[] labelsFile;

    /** Here rather than in a static initialiser, so that without MNIST each property is skipped (failed under CI). */
    @BeforeProperty
    void realMnistFiles() {
        if (imagesFile == null) {
            LabeledImages test = Requirements.mnist().test();
            imagesFile = SyntheticIdx.images(IMAGES, test.rows(), test.cols(),
                    Arrays.copyOf(test.pixels(), IMAGES * test.pixelsPerImage()));
            labelsFile = SyntheticIdx.labels(Arrays.copyOf(test.labels(), IMAGES));
        }
    }

    @Property(tries = 1000)
    void aDamagedImagesFileIsImagesOrOneLineNamingIt(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path file = write("images-" + r, damaged(imagesFile, seed + r, IdxHeader.Kind.IMAGES));
            expectOnly(() -> requireAsPromised(IdxReader.readImages(file)), IdxFormatException.class, file);
        }
    }

    @Property(tries = 600)
    void aDamagedLabelsFileIsLabelsOrOneLineNamingIt(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            Path file = write("labels-" + r, damaged(labelsFile, seed + r, IdxHeader.Kind.LABELS));
            expectOnly(() -> requireDigits(IdxReader.readLabels(file)), IdxFormatException.class, file);
        }
    }

    /** The compressed stream itself damaged, as a cut or corrupted download leaves it. */
    @Property(tries = 1000)
    void aDamagedGzipStreamIsImagesOrOneLineNamingIt(@ForAll long seed) throws IOException {
        byte[] gzipped = SyntheticIdx.gzip(imagesFile);
        for (int r = 0; r < Mutator.REPEAT; r++) {
            // The gzip header is 10 bytes: magic, method, flags, time, extra flags, operating system.
            Path file = write("images-" + r + ".gz", Mutator.mutate(gzipped, seed + r, 10));
            expectOnly(() -> requireAsPromised(IdxReader.readImages(file)), IdxFormatException.class, file);
            expectOnly(() -> Sha256.ofUncompressed(file), IOException.class, file);
        }
    }

    /** A damaged IDX file compressed intact: the same checks must hold behind the decompression. */
    @Property(tries = 500)
    void aGzippedDamagedFileIsImagesOrLabelsOrOneLineNamingIt(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            boolean images = ((seed + r) & 1) == 0;
            byte[] raw = images ? damaged(imagesFile, seed + r, IdxHeader.Kind.IMAGES)
                    : damaged(labelsFile, seed + r, IdxHeader.Kind.LABELS);
            Path file = write((images ? "images-" : "labels-") + r + ".gz", SyntheticIdx.gzip(raw));
            expectOnly(() -> {
                if (images) {
                    requireAsPromised(IdxReader.readImages(file));
                } else {
                    requireDigits(IdxReader.readLabels(file));
                }
            }, IdxFormatException.class, file);
        }
    }

    /** Both files together, one of them damaged, as training reads them: the counts are compared first. */
    @Property(tries = 200)
    void aPairWithOneDamagedFileIsImagesWithLabelsOrOneLine(@ForAll long seed) throws IOException {
        for (int r = 0; r < Mutator.REPEAT; r++) {
            boolean damageImages = ((seed + r) & 1) == 0;
            Path images = write("pair-images-" + r, damageImages ? damaged(imagesFile, seed + r, IdxHeader.Kind.IMAGES)
                    : imagesFile);
            Path labels = write("pair-labels-" + r, damageImages ? labelsFile
                    : damaged(labelsFile, seed + r, IdxHeader.Kind.LABELS));
            expectOnly(() -> {
                LabeledImages read = IdxReader.read(images, labels);
                assertEquals(read.count(), read.labels().length);
            }, IdxFormatException.class, damageImages ? images : labels);
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        ParserFuzzing.delete(DIR);
    }

    /**
     * Half the time random damage ({@link Mutator}), half the time one header field set to a
     * telling value: a different type code or rank in the magic number, or a count, row or column
     * count that is zero, negative, huge, or one off.
     */
    static byte[] damaged(byte[] idx, long seed, IdxHeader.Kind kind) {
        Random random = new Random(seed);
        if (random.nextBoolean()) {
            return Mutator.mutate(idx, seed, kind.headerBytes);
        }
        int field = random.nextInt(kind.headerBytes / Integer.BYTES);
        if (field == 0) {
            byte[] bytes = idx.clone();
            switch (random.nextInt(3)) {
                case 0 -> bytes[2] = TYPE_CODES[random.nextInt(TYPE_CODES.length)];
                case 1 -> bytes[3] = (byte) random.nextInt(6);
                default -> bytes[random.nextInt(2)] = (byte) (1 + random.nextInt(255));
            }
            return bytes;
        }
        int offset = field * Integer.BYTES;
        int value = ByteBuffer.wrap(idx).getInt(offset);
        int[] telling = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, value - 1, value + 1, value * 2, value / 2,
                60_000, random.nextInt()};
        return Mutator.withInt(idx, offset, telling[random.nextInt(telling.length)]);
    }

    private static void requireAsPromised(IdxReader.Images images) {
        assertEquals((long) images.count() * images.rows() * images.cols(), images.pixels().length);
    }

    private static void requireDigits(byte[] labels) {
        for (byte label : labels) {
            assertTrue(label >= 0 && label < LabeledImages.LABEL_LIMIT, "label " + label);
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(DIR.resolve(name), bytes);
    }
}
