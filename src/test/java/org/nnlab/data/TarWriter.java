package org.nnlab.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small ustar archives in memory, to test {@link TarReader} without the tar command. */
final class TarWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarWriter file(String name, byte[] content) {
        return entry("", name, '0', content);
    }

    /** A file whose path is split into the ustar prefix field and the name field. */
    TarWriter fileWithPrefix(String prefix, String name, byte[] content) {
        return entry(prefix, name, '0', content);
    }

    TarWriter directory(String name) {
        return entry("", name, '5', new byte[0]);
    }

    /** The archive, ended by the two zero blocks tar expects. */
    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private TarWriter entry(String prefix, String name, char type, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        put(header, 345, prefix);
        // The checksum is computed with its own field filled with spaces, then written as octal.
        put(header, 148, "        ");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
