package org.nnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import org.nnlab.formats.AtomicFiles;

/**
 * Puts fetched files into the install directory so that a file there is always complete and
 * verified. Content is written to a hidden temporary file beside its final place, hashed as it is
 * written, and renamed into place only when the hash matches; on any failure the temporary file is
 * deleted. An interrupted download therefore never leaves a half-file that a later run would trust.
 */
final class Installer {
    private final Dataset dataset;
    private final Path installDir;
    private final Checksums checksums;

    Installer(Dataset dataset, Path installDir, Checksums checksums) {
        this.dataset = dataset;
        this.installDir = installDir;
        this.checksums = checksums;
    }

    Dataset dataset() {
        return dataset;
    }

    /** The installed file, if it is there and matches its checksum; it then need not be fetched again. */
    Optional<Path> verifiedFile(String fileName) throws IOException {
        Path file = requireNoDirectoryAt(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            checksums.verify(dataset, fileName, file);
            return Optional.of(file);
        } catch (ChecksumMismatchException e) {
            return Optional.empty();
        }
    }

    /** The file's place in the install directory, checked first: a download would fail only when renamed onto a directory. */
    private Path requireNoDirectoryAt(String fileName) throws IOException {
        Path file = installDir.resolve(fileName);
        if (Files.isDirectory(file)) {
            throw Dataset.directoryInPlaceOf(file, fileName);
        }
        return file;
    }

    /** An empty hidden file in the install directory, for a download that is not yet verified. */
    Path newTempFile(String fileName) throws IOException {
        AtomicFiles.deleteStaleTemporaries(installDir.resolve(fileName), ".part");
        return AtomicFiles.newTemporarySibling(installDir.resolve(fileName), ".part");
    }

    /**
     * Copies {@code uncompressed} to {@code <installDir>/<fileName>} if its SHA-256 matches the
     * pinned value, and returns the installed path.
     *
     * @param origin where the content came from, for the checksum error message
     */
    Path install(String fileName, InputStream uncompressed, String origin) throws IOException {
        requireNoDirectoryAt(fileName);
        Path temp = newTempFile(fileName);
        try {
            MessageDigest digest = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                uncompressed.transferTo(out);
            }
            checksums.requireMatch(dataset, fileName, Sha256.hex(digest), origin);
            Path target = installDir.resolve(fileName);
            makeReadableByAll(temp);
            moveIntoPlace(temp, target);
            return target;
        } finally {
            // After a successful move there is nothing left to delete; after a failure this is the cleanup.
            AtomicFiles.discard(temp);
        }
    }

    /**
     * Temporary files are created readable by their owner only; a dataset in a shared
     * {@code $NNLAB_DATA} must be readable by everyone who shares it.
     */
    private static void makeReadableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Renames atomically where the file system can, so another process never sees a partial file;
     * a rename within one directory is atomic on every common local file system.
     */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
