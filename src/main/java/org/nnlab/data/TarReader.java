package org.nnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a ustar tar archive, one after another, the way {@code tar x} does.
 * An archive is a sequence of 512-byte blocks: each file is a header block (name, size in octal, a
 * type flag, a header checksum) followed by its content padded to whole blocks; two zero blocks end
 * it. Directories, links and pax extended headers are skipped. This is all an npm package needs,
 * and it spares nnlab a dependency for twenty lines of format. Every problem is an IOException whose
 * message starts with the archive's name.
 */
final class TarReader {
    /** A regular file in the archive. */
    record Entry(String name, long size) {
    }

    private static final int BLOCK = 512;
    private static final int NAME = 0;
    private static final int NAME_LENGTH = 100;
    private static final int SIZE = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int CHECKSUM = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int TYPE = 156;
    private static final int MAGIC = 257;
    private static final int PREFIX = 345;
    private static final int PREFIX_LENGTH = 155;

    private final InputStream in;
    private final String archive;
    private long unreadInEntry;
    private long paddingAfterEntry;

    /** @param archive the archive's name, for messages */
    TarReader(InputStream in, String archive) {
        this.in = in;
        this.archive = archive;
    }

    /** Advances to the next regular file, or returns null at the end of the archive. */
    Entry nextFile() throws IOException {
        while (true) {
            skipRestOfEntry();
            byte[] header = in.readNBytes(BLOCK);
            if (header.length == 0 || isAllZero(header)) {
                return null;
            }
            if (header.length < BLOCK) {
                throw corrupt("tar archive ends inside a header block");
            }
            requireValidChecksum(header);
            long size = octal(header, SIZE, SIZE_LENGTH, "size");
            unreadInEntry = size;
            paddingAfterEntry = (BLOCK - size % BLOCK) % BLOCK;
            byte type = header[TYPE];
            // '0' is a regular file; very old tars wrote a NUL instead.
            if (type == '0' || type == 0) {
                return new Entry(name(header), size);
            }
        }
    }

    /** The content of the entry {@link #nextFile} last returned; it ends where the entry ends. */
    InputStream contents() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (unreadInEntry == 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, unreadInEntry));
                if (n == -1) {
                    throw endsInsideAnEntry();
                }
                unreadInEntry -= n;
                return n;
            }
        };
    }

    /** Skips what is left of the entry; not with skipNBytes, whose EOFException says nothing. */
    private void skipRestOfEntry() throws IOException {
        long left = unreadInEntry + paddingAfterEntry;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() == -1) {
                    throw endsInsideAnEntry();
                }
                skipped = 1;
            }
            left -= skipped;
        }
        unreadInEntry = 0;
        paddingAfterEntry = 0;
    }

    private IOException endsInsideAnEntry() {
        return corrupt("tar archive ends inside an entry");
    }

    private IOException corrupt(String problem) {
        return new IOException(archive + ": " + problem);
    }

    /** ustar splits long names into a prefix and a name, joined by a slash. */
    private static String name(byte[] header) {
        String name = text(header, NAME, NAME_LENGTH);
        boolean ustar = text(header, MAGIC, 5).equals("ustar");
        String prefix = ustar ? text(header, PREFIX, PREFIX_LENGTH) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /**
     * The header checksum is the sum of all header bytes, counting its own eight bytes as spaces. It
     * catches an archive that is not tar at all before its garbage is taken for sizes and names.
     */
    private void requireValidChecksum(byte[] header) throws IOException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inChecksumField = i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LENGTH;
            sum += inChecksumField ? ' ' : header[i] & 0xFF;
        }
        long recorded;
        try {
            recorded = octal(header, CHECKSUM, CHECKSUM_LENGTH, "checksum");
        } catch (IOException e) {
            throw corrupt("not a tar archive, or a corrupt one: its header checksum is not an octal number");
        }
        if (sum != recorded) {
            throw corrupt("not a tar archive, or a corrupt one: header checksum is " + recorded
                    + " but the header bytes sum to " + sum);
        }
    }

    /** A number written as octal ASCII digits, padded with spaces or NULs. */
    private long octal(byte[] header, int offset, int length, String field) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            throw corrupt("tar header field " + field + " is in base-256, which only entries over 8 GB need;"
                    + " not supported");
        }
        String digits = text(header, offset, length).trim();
        long value = 0;
        for (char digit : digits.toCharArray()) {
            if (digit < '0' || digit > '7') {
                throw corrupt("tar header field " + field + " is not an octal number");
            }
            value = value * 8 + (digit - '0');
        }
        return value;
    }

    /** A NUL-terminated (or field-filling) string. */
    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isAllZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
