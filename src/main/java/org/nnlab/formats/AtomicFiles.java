package org.nnlab.formats;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is either complete or not there at all: the content goes to a temporary
 * file next to the target, is flushed to disk, and only then renamed over the target. A crash or an
 * error while writing leaves the previous file untouched and removes the temporary one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes what {@code content} produces to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically and returns it. */
    public static Path write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = newTemporarySibling(absolute, ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                content.writeTo(out);
                out.flush();
                out.getFD().sync();
            }
            moveIntoPlace(temporary, absolute);
            return target;
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * A new empty hidden file beside {@code target}, creating its directory if needed. Not
     * {@code Files.createTempFile}: that makes the file private (rw-------), and the model, picture
     * or dataset renamed from it would stay unreadable to the user's group, unlike any other file
     * they create. This one gets the ordinary permissions of the user's umask.
     */
    public static Path newTemporarySibling(Path target, String suffix) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        while (true) {
            String unique = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path candidate = directory.resolve("." + target.getFileName() + "." + unique + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another writer chose the same name: draw again
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
