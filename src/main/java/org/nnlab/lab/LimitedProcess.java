package org.nnlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command, here a JVM with a student's code, with a time limit and a limit on what it may
 * print: past either, the process and everything it started are killed. What it prints (standard
 * output and error together) is kept, up to the limit, in a file for the teacher to read.
 */
final class LimitedProcess {

    /** How a run ended. */
    enum Ending { EXITED, TIMED_OUT, PRINTED_TOO_MUCH }

    /**
     * @param ending     how it ended
     * @param exitStatus the exit status when it EXITED, else −1
     * @param output     the file holding what it printed, cut at the limit
     */
    record Outcome(Ending ending, int exitStatus, Path output) {
    }

    private final Duration timeLimit;
    private final long outputLimit;

    LimitedProcess(Duration timeLimit, long outputLimit) {
        this.timeLimit = timeLimit;
        this.outputLimit = outputLimit;
    }

    Duration timeLimit() {
        return timeLimit;
    }

    long outputLimit() {
        return outputLimit;
    }

    Outcome run(List<String> command, Path directory, Path output) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        boolean[] tooMuch = {false};
        Thread copier = new Thread(() -> tooMuch[0] = copyAtMost(process.getInputStream(), output, process));
        copier.setDaemon(true);
        copier.start();
        boolean finished = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            kill(process);
        }
        copier.join(5_000);
        if (tooMuch[0]) {
            return new Outcome(Ending.PRINTED_TOO_MUCH, -1, output);
        }
        return finished ? new Outcome(Ending.EXITED, process.exitValue(), output) : new Outcome(Ending.TIMED_OUT, -1, output);
    }

    /** Copies the stream into the file up to the limit; past it, kills the process and returns true. */
    private boolean copyAtMost(InputStream in, Path file, Process process) {
        try (in; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[8192];
            long written = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (written + n > outputLimit) {
                    out.write(buffer, 0, (int) (outputLimit - written));
                    kill(process);
                    return true;
                }
                out.write(buffer, 0, n);
                written += n;
            }
        } catch (IOException e) {
            // The process was killed while we read: what was copied stays in the file.
        }
        return false;
    }

    /** Kills the process and what it started (a student's code can start processes too). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
