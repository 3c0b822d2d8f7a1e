package org.nnlab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipException;

/** SHA-256 digests in the lower-case hex form {@code sha256sum} prints. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new AssertionError(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The digest of the file's uncompressed content; a gzipped file is hashed as what it unpacks to.
     * A damaged gzip file is an IOException naming it: this is the first read of a local file, so it
     * is where a truncated download shows.
     */
    static String ofUncompressed(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Gzip.openUncompressed(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (ZipException | EOFException e) {
            throw new IOException(file + ": " + Gzip.damage(e), e);
        }
        return hex(digest);
    }
}
