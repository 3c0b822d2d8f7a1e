package org.nnlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a file that may or may not be gzip-compressed. The decision is made by the two magic bytes
 * every gzip stream starts with, not by the file name: a file renamed by hand, or a mirror that
 * serves raw bytes under a {@code .gz} name, must still be read correctly.
 */
final class Gzip {
    static final int MAGIC_1 = 0x1f;
    static final int MAGIC_2 = 0x8b;
    private static final int BUFFER_SIZE = 1 << 16;

    private Gzip() {
    }

    /** A stream of the file's uncompressed bytes, whether it is stored raw or gzipped. */
    static InputStream openUncompressed(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
        try {
            return startsWithMagic(in) ? new GZIPInputStream(in, BUFFER_SIZE) : in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * How a gzip stream that does not decode is described after its file's name. The JDK reports a
     * stream cut short as an EOFException ("Unexpected end of ZLIB input stream", or no message at
     * all) and bad data as a ZipException, and neither names the file or says it is damaged.
     */
    static String damage(IOException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "it ends early" : e.getMessage();
        return "truncated or damaged gzip data (" + detail + ")";
    }

    /** Peeks at the first two bytes and puts them back, so the caller still sees the whole stream. */
    private static boolean startsWithMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == MAGIC_1 && second == MAGIC_2;
    }
}
