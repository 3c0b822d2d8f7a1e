package org.nnlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child processes of the tests: read while they run, killed when they outlive their timeout. */
class ChildProcessTest {
    /** A pipe holds 64 KiB on Linux: a child that writes more blocks until someone reads. */
    private static final int MORE_THAN_A_PIPE_HOLDS = 1 << 20;

    @Test
    void aChildThatSleepsForeverIsKilledAndTheTimeoutReported() {
        List<String> command = ChildProcess.javaCommand(SleepsForever.class, List.of());

        ChildProcess.TimedOut e = assertThrows(ChildProcess.TimedOut.class,
                () -> ChildProcess.run(Duration.ofSeconds(3), command));

        assertTrue(e.getMessage().startsWith(String.join(" ", command) + " did not finish within 3 s and was killed"),
                e.getMessage());
        assertFalse(ProcessHandle.of(e.pid()).map(ProcessHandle::isAlive).orElse(false), "the child is still alive");
        // A JVM starts in well under a second here, even on a loaded machine, so its line is in by 3 s.
        assertTrue(e.getMessage().endsWith("sleeping forever as process " + e.pid() + "\n"),
                "the output printed before the timeout is kept: " + e.getMessage());
    }

    @Test
    void moreOutputThanAPipeHoldsIsReadWhileTheChildRuns() throws Exception {
        ChildProcess.Result result = ChildProcess.run(Duration.ofSeconds(60),
                ChildProcess.javaCommand(Chatty.class, List.of()));

        assertEquals(3, result.exitStatus());
        assertTrue(result.output().contains("and one line on stderr"), "stderr is part of the output");
        assertEquals(MORE_THAN_A_PIPE_HOLDS, result.output().chars().filter(c -> c == 'x').count());
        AssertionError failed = assertThrows(AssertionError.class, result::requireSuccess);
        assertTrue(failed.getMessage().contains("exited with status 3"), failed.getMessage());
    }

    @Test
    void aSuccessfulChildGivesItsOutput() throws Exception {
        ChildProcess.Result result = ChildProcess.run(Duration.ofSeconds(60),
                ChildProcess.javaCommand(Echo.class, List.of("-Dgreeting=hello"), "world"));

        assertEquals("hello world", result.requireSuccess().strip());
    }

    @Test
    void aChildRunsInItsBuildersDirectoryAndEnvironmentWithItsInputClosed(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.javaCommand(ReadsItsInput.class, List.of()))
                .directory(dir.toFile());
        builder.environment().put("GREETING", "hello");

        // Without its input closed, the child would wait for more until the timeout killed it.
        ChildProcess.Result result = ChildProcess.run(Duration.ofSeconds(60), builder);

        assertEquals("0 bytes of input; hello from " + dir.toRealPath(), result.requireSuccess().strip());
    }

    /** Reads its standard input to the end, then says how much there was, and where it runs with what greeting. */
    static final class ReadsItsInput {
        public static void main(String[] args) throws IOException {
            int bytes = System.in.readAllBytes().length;
            System.out.println(bytes + " bytes of input; " + System.getenv("GREETING") + " from "
                    + Path.of("").toAbsolutePath().toRealPath());
        }
    }

    /** Prints its process id, then never ends. */
    static final class SleepsForever {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping forever as process " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Writes a megabyte to stdout, a line to stderr, and fails. */
    static final class Chatty {
        public static void main(String[] args) {
            System.out.print("x".repeat(MORE_THAN_A_PIPE_HOLDS));
            System.out.flush();
            System.err.println("and one line on stderr");
            System.exit(3);
        }
    }

    /** Prints a system property and its argument. */
    static final class Echo {
        public static void main(String[] args) {
            System.out.println(System.getProperty("greeting") + " " + args[0]);
        }
    }
}
