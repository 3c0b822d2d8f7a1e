package org.nnlab.cli;

import java.nio.file.Path;
import org.nnlab.formats.AtomicFiles;
import org.nnlab.formats.FileFormatException;

/**
 * The output paths a command's flags name, checked before it starts any work (see
 * {@link AtomicFiles#checkOutputFile}): a path that cannot be written is a usage error naming the
 * flag, found in a second rather than after the training it would have lost.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** The file {@code --flag} names, or null when the flag was not given. */
    static Path file(Flags flags, String flag) {
        String given = flags.get(flag);
        if (given == null) {
            return null;
        }
        try {
            return AtomicFiles.checkOutputFile(given, "--" + flag);
        } catch (FileFormatException e) {
            throw new UsageException(flags.command() + ": " + e.getMessage());
        }
    }

    /** The directory {@code --flag} names, created if missing, or null when the flag was not given. */
    static Path directory(Flags flags, String flag) {
        String given = flags.get(flag);
        if (given == null) {
            return null;
        }
        try {
            return AtomicFiles.checkOutputDirectory(given, "--" + flag);
        } catch (FileFormatException e) {
            throw new UsageException(flags.command() + ": " + e.getMessage());
        }
    }

    /** Creates the directory {@code --flag} named (if given), once the command has checked all it could. */
    static void createDirectory(Flags flags, String flag, Path directory) {
        if (directory != null) {
            try {
                AtomicFiles.createDirectories(directory, "--" + flag);
            } catch (FileFormatException e) {
                throw new CommandFailedException("nnlab " + flags.command() + ": " + e.getMessage());
            }
        }
    }
}
