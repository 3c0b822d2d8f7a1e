package org.nnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The header of an IDX file and the promises it makes about the rest of the file. Labels are
 * treated as 1×1 "images" so that one formula, {@code count · rows · cols}, sizes both payloads.
 */
record IdxHeader(Kind kind, int count, int rows, int cols) {
    /** Arrays a little below {@code Integer.MAX_VALUE} are the largest every JVM will allocate. */
    private static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 8;

    enum Kind {
        // The magic number is 0x00, 0x00, a type code (0x08: unsigned byte) and the number of dimensions.
        IMAGES(0x00000803, 16, "images"),
        LABELS(0x00000801, 8, "labels");

        final int magic;
        final int headerBytes;
        final String noun;

        Kind(int magic, int headerBytes, String noun) {
            this.magic = magic;
            this.headerBytes = headerBytes;
            this.noun = noun;
        }
    }

    /** Reads and checks the header at the start of {@code in}, leaving the stream at the payload. */
    static IdxHeader read(Path file, InputStream in, Kind kind) throws IOException {
        byte[] bytes = in.readNBytes(kind.headerBytes);
        if (bytes.length < kind.headerBytes) {
            throw new IdxFormatException(file, "too short for an IDX " + kind.noun + " header: "
                    + bytes.length + " bytes, need " + kind.headerBytes);
        }
        int magic = IdxReader.bigEndianInt(bytes, 0);
        if (magic != kind.magic) {
            throw new IdxFormatException(file, String.format(
                    "bad magic number 0x%08x, expected 0x%08x for an IDX %s file", magic, kind.magic, kind.noun));
        }
        int count = IdxReader.bigEndianInt(bytes, 4);
        int rows = kind == Kind.IMAGES ? IdxReader.bigEndianInt(bytes, 8) : 1;
        int cols = kind == Kind.IMAGES ? IdxReader.bigEndianInt(bytes, 12) : 1;
        IdxHeader header = new IdxHeader(kind, count, rows, cols);
        header.requireSaneDimensions(file);
        return header;
    }

    private void requireSaneDimensions(Path file) {
        if (count <= 0 || rows <= 0 || cols <= 0) {
            throw new IdxFormatException(file, "bad dimensions: header says " + shape() + "; all must be positive");
        }
        // rows·cols fits in a long, but count·rows·cols may not (it wrapped round to a negative length):
        // divide rather than multiply.
        long imageBytes = (long) rows * cols;
        if (imageBytes > MAX_PAYLOAD_BYTES || count > MAX_PAYLOAD_BYTES / imageBytes) {
            throw new IdxFormatException(file, "bad dimensions: header says " + shape() + ", "
                    + BigInteger.valueOf(count).multiply(BigInteger.valueOf(imageBytes)) + " bytes, more than one Java array can hold");
        }
    }

    int headerBytes() {
        return kind.headerBytes;
    }

    int payloadBytes() {
        return count * rows * cols;
    }

    long fileBytes() {
        return (long) headerBytes() + payloadBytes();
    }

    /** For messages: "60000 images of 28×28 (47040016 bytes)". */
    String describe() {
        return shape() + " (" + fileBytes() + " bytes)";
    }

    private String shape() {
        return kind == Kind.IMAGES ? count + " images of " + rows + "×" + cols : count + " labels";
    }

    /**
     * Rejects a file that ended early. An images file that stops exactly at an image boundary most
     * likely has a wrong count in its header, so it gets its own message; anything else was cut off.
     */
    void rejectShortFile(Path file, long actualBytes) {
        long imageBytes = (long) rows * cols;
        long payloadRead = actualBytes - headerBytes();
        if (kind == Kind.IMAGES && payloadRead % imageBytes == 0) {
            throw new IdxFormatException(file, "count mismatch: header says " + describe()
                    + ", but the file holds only " + payloadRead / imageBytes + " whole images (" + actualBytes + " bytes)");
        }
        throw new IdxFormatException(file, "truncated: header says " + describe() + ", file has " + actualBytes + " bytes");
    }
}
