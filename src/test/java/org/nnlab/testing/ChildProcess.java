package org.nnlab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process for a test: its output (stdout and stderr together) is read by a thread of
 * its own while the test waits, so a chatty child never blocks on a full pipe, and the wait has a
 * timeout that can fire: a child that outlives it is killed, with its own children, and the test
 * fails saying so, instead of hanging the build.
 */
public final class ChildProcess {
    /** How long a killed child's pipe may take to close before its output is given up on. */
    private static final Duration DRAIN_AFTER_KILL = Duration.ofSeconds(5);

    private ChildProcess() {
    }

    /** What a child printed, and how it ended. */
    public record Result(List<String> command, int exitStatus, String output) {
        /** The output, or a failure naming the command and showing its output when the exit status is not 0. */
        public String requireSuccess() {
            if (exitStatus != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with status " + exitStatus + ":\n" + output);
            }
            return output;
        }
    }

    /** A child that did not finish in time; it has been killed. */
    public static final class TimedOut extends AssertionError {
        private static final long serialVersionUID = 1L;
        private final long pid;

        TimedOut(List<String> command, long pid, Duration timeout, String outputSoFar) {
            super(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s and was killed;"
                    + " its output until then:\n" + outputSoFar);
            this.pid = pid;
        }

        /** The killed child's process id. */
        public long pid() {
            return pid;
        }
    }

    /**
     * Runs {@code command} to its end, or until {@code timeout}.
     *
     * @throws IOException when the command cannot be started (not installed, not executable)
     * @throws TimedOut when it is still running after {@code timeout}
     */
    public static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        return run(timeout, new ProcessBuilder(command));
    }

    public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, List.of(command));
    }

    /**
     * Runs the command {@code builder} describes, in its directory and environment, to its end or
     * until {@code timeout}. The child gets no input: its standard input is closed at once, so a
     * program that reads commands (JShell) ends when it has run what it was given.
     */
    public static Result run(Duration timeout, ProcessBuilder builder) throws IOException, InterruptedException {
        List<String> command = List.copyOf(builder.command());
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        OutputReader output = new OutputReader(process.getInputStream());
        output.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(process);
            output.join(DRAIN_AFTER_KILL.toMillis());
            throw new TimedOut(command, process.pid(), timeout, output.text());
        }
        output.join();
        return new Result(command, process.exitValue(), output.text());
    }

    /** A command that runs {@code mainClass} in a new JVM of the running JDK, on this JVM's class path. */
    public static List<String> javaCommand(Class<?> mainClass, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * This JVM's -XX options, for a child JVM that should run as this one does: a suite run with
     * -XX:MaxVectorSize=16 then tests 128-bit vectors in its children too.
     */
    public static List<String> hotSpotOptionsOfThisJvm() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:"))
                .toList();
    }

    /** Kills the child's own children first: a grandchild holding the pipe open would keep the reader waiting. */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    /** Reads the child's output to its end, as it comes. */
    private static final class OutputReader extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        OutputReader(InputStream in) {
            super("child-process-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The pipe closes under the reader when a killed child goes away; what was read stays.
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
