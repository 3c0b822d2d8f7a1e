package org.nnlab.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * What every fuzz property checks after feeding a parser a damaged file ({@link Mutator}): the
 * parse ends in a result or in the parser's own exception with one readable line, never in another
 * exception type, an out-of-memory error or a stack overflow; and where the parser reads a file, the
 * line names it. Also the scratch directory the damaged files are written to.
 */
public final class ParserFuzzing {
    private ParserFuzzing() {
    }

    /** A parse, or a parse followed by checks of its result. */
    public interface Parse {
        void run() throws Exception;
    }

    /** Runs a parse; any failure must be of the parser's own type and one readable line. */
    public static void expectOnly(Parse parse, Class<? extends Throwable> own) {
        try {
            parse.run();
        } catch (Throwable e) {
            requireOwn(e, own);
        }
    }

    /** As {@link #expectOnly(Parse, Class)}, and the message names {@code file} (by its name at least). */
    public static void expectOnly(Parse parse, Class<? extends Throwable> own, Path file) {
        try {
            parse.run();
        } catch (Throwable e) {
            requireOwn(e, own);
            assertTrue(e.getMessage().contains(file.getFileName().toString()), () -> "does not name " + file + ": " + e.getMessage());
        }
    }

    /** The failure, with its stack trace, is the test's cause when it is not the parser's own one-liner. */
    private static void requireOwn(Throwable e, Class<? extends Throwable> own) {
        if (!own.isInstance(e)) {
            throw new AssertionFailedError("a " + e + " escaped the parser, not a " + own.getSimpleName(), e);
        }
        assertTrue(isOneReadableLine(e), () -> "not one readable line: " + e.getMessage());
    }

    /** Whether a failure is one line a user can read: a message, no line breaks, no Java class name in front. */
    public static boolean isOneReadableLine(Throwable e) {
        String message = e.getMessage();
        return message != null && !message.isBlank() && !message.contains("\n")
                && !message.matches("^(java|javax|jdk|sun)\\.[a-zA-Z.]+(Exception|Error).*");
    }

    /** A new scratch directory for one fuzz class's damaged files; {@link #delete} removes it afterwards. */
    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it. */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        }
    }
}
