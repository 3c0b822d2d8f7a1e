package org.nnlab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Reads the IDX files MNIST and Fashion-MNIST are distributed in, raw or gzipped.
 *
 * <p>An images file is a 16-byte header (magic {@code 0x00000803}, count, rows, cols, each a
 * big-endian int32) followed by {@code count · rows · cols} unsigned bytes. A labels file is an
 * 8-byte header (magic {@code 0x00000801}, count) followed by {@code count} bytes.
 *
 * <p>Everything the header promises is checked: the magic number, sane dimensions, a length of
 * exactly header plus payload (neither short nor long), and labels in 0..9. A file that fails any
 * check raises an {@link IdxFormatException} naming the file and the problem, because a silently
 * half-read dataset trains a network that is wrong in ways nobody can debug.
 */
public final class IdxReader {
    /** The pixels of an images file, before they are paired with labels. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private IdxReader() {
    }

    /**
     * Reads an images file and its labels file into one {@link LabeledImages}. The counts are
     * compared first, from the headers alone, so a mismatched pair fails before 47 MB are read.
     */
    // tag::read[]
    public static LabeledImages read(Path imagesFile, Path labelsFile) throws IOException {
        requireSameCount(imagesFile, labelsFile);
        Images images = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile);
        return new LabeledImages(images.count(), images.rows(), images.cols(), images.pixels(), labels);
    }
    // end::read[]

    public static Images readImages(Path file) throws IOException {
        try (InputStream in = Gzip.openUncompressed(file)) {
            IdxHeader header = IdxHeader.read(file, in, IdxHeader.Kind.IMAGES);
            byte[] pixels = readPayload(file, in, header);
            return new Images(header.count(), header.rows(), header.cols(), pixels);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    /** The labels of a labels file, each checked to be a digit 0..9. */
    public static byte[] readLabels(Path file) throws IOException {
        try (InputStream in = Gzip.openUncompressed(file)) {
            IdxHeader header = IdxHeader.read(file, in, IdxHeader.Kind.LABELS);
            byte[] labels = readPayload(file, in, header);
            requireDigits(file, labels);
            return labels;
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Checks, from the two headers only, that there is one label per image. */
    // tag::same-count[]
    public static void requireSameCount(Path imagesFile, Path labelsFile) throws IOException {
        int images = readHeader(imagesFile, IdxHeader.Kind.IMAGES).count();
        int labels = readHeader(labelsFile, IdxHeader.Kind.LABELS).count();
        if (images != labels) {
            throw new IdxFormatException(imagesFile, "count mismatch: it has " + images + " images but "
                    + labelsFile + " has " + labels + " labels");
        }
    }
    // end::same-count[]

    private static IdxHeader readHeader(Path file, IdxHeader.Kind kind) throws IOException {
        try (InputStream in = Gzip.openUncompressed(file)) {
            return IdxHeader.read(file, in, kind);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Reads exactly the payload the header announces, then insists that nothing follows it. */
    // tag::payload[]
    private static byte[] readPayload(Path file, InputStream in, IdxHeader header) throws IOException {
        byte[] payload = in.readNBytes(header.payloadBytes());
        if (payload.length < header.payloadBytes()) {
            header.rejectShortFile(file, header.headerBytes() + (long) payload.length);
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new IdxFormatException(file, "trailing garbage: header says " + header.describe()
                    + ", file has " + (header.fileBytes() + extra) + " bytes (" + extra + " too many)");
        }
        return payload;
    }
    // end::payload[]

    // tag::digits[]
    private static void requireDigits(Path file, byte[] labels) {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= LabeledImages.LABEL_LIMIT) {
                throw new IdxFormatException(file, "label " + label + " at index " + i + " is outside 0..9");
            }
        }
    }
    // end::digits[]

    private static IdxFormatException corruptGzip(Path file, IOException e) {
        return new IdxFormatException(file, Gzip.damage(e), e);
    }

    /** The big-endian int32 at {@code offset}; IDX was written on machines that store integers that way. */
    // tag::big-endian[]
    static int bigEndianInt(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, Integer.BYTES).getInt();
    }
    // end::big-endian[]
}
