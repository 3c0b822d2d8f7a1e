package org.nnlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory, so tests can write exactly the bytes (and the damage) they need. */
final class SyntheticIdx {
    private SyntheticIdx() {
    }

    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return images(0x00000803, count, rows, cols, pixels);
    }

    static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    static byte[] labels(byte... labels) {
        return labels(labels.length, labels);
    }

    static byte[] labels(int count, byte... labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x00000801).putInt(count).put(labels).array();
    }

    /** Pixels 0, 1, 2, … wrapping at 256, so every position has a predictable, distinct-ish value. */
    static byte[] countingPixels(int length) {
        byte[] pixels = new byte[length];
        for (int i = 0; i < length; i++) {
            pixels[i] = (byte) i;
        }
        return pixels;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
