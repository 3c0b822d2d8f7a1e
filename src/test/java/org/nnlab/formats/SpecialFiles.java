package org.nnlab.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * FIFOs and device nodes made for a test, in its own temporary directory, with the system's
 * {@code mkfifo} and {@code mknod}. Where the system does not allow it (mknod needs root), the test
 * is skipped, and under CI ({@code CI=true}) fails, since a skipped test has tested nothing.
 */
public final class SpecialFiles {
    private SpecialFiles() {
    }

    /** Runs {@code command path args...}, e.g. {@code make(p, "mknod", "c", "1", "3")}, and returns the path. */
    public static Path make(Path path, String command, String... args) throws IOException, InterruptedException {
        String[] commandLine = new String[2 + args.length];
        commandLine[0] = command;
        commandLine[1] = path.toString();
        System.arraycopy(args, 0, commandLine, 2, args.length);
        Process process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || !isSpecial(path)) {
            String why = String.join(" ", commandLine) + " is not permitted here (" + output + ")";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + "; CI runs as root so that this test can run");
            }
            Assumptions.abort(why);
        }
        return path;
    }

    /** Whether {@code path} is there and is neither a file, a directory nor a link: a FIFO, device or socket. */
    public static boolean isSpecial(Path path) throws IOException {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }
}
