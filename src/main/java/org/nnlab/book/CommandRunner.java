package org.nnlab.book;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.nnlab.cli.Main;

/**
 * Runs a listing's command in the book's working directory and returns what it printed, standard
 * output and standard error together, as a terminal shows them.
 *
 * <p>{@code ./nnlab ARGS} runs nnlab in this JVM, exactly as the launcher would run it (the same
 * {@link Main}, the same classes): fast, since the JIT stays warm from one listing to the next.
 * Any other command line (a pipe, {@code xxd}, {@code cat}) runs in bash, where {@code ./nnlab} is
 * a small script that starts nnlab's main class on this JVM's class path.
 */
final class CommandRunner {
    private static final String NNLAB = "./nnlab";
    /** Printed by every JVM that loads the Vector API; the launcher's own runs print it too, and the book omits it. */
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final long TIMEOUT_MINUTES = 10;

    private final Path directory;

    /** Runs commands in {@code directory}, which must be this JVM's working directory (relative paths). */
    CommandRunner(Path directory, Path project) throws IOException {
        this.directory = directory.toAbsolutePath();
        if (!this.directory.equals(Path.of("").toAbsolutePath())) {
            throw new IllegalArgumentException("commands run in " + this.directory + " but this JVM runs in "
                    + Path.of("").toAbsolutePath() + ": start it there, so that relative paths agree");
        }
        writeLauncher(project);
    }

    /** What the command printed; a command that fails still prints, and its output is what the book compares. */
    String run(String commandLine) throws IOException, InterruptedException {
        List<String> words = ShellWords.split(commandLine);
        boolean plainNnlab = !words.isEmpty() && words.get(0).equals(NNLAB)
                && words.stream().noneMatch(w -> Set.of("|", ">", "<", "&&", ";", "2>&1").contains(w));
        return plainNnlab ? runInThisJvm(words.subList(1, words.size()).toArray(String[]::new)) : runInBash(commandLine, directory);
    }

    /**
     * What the command printed when run in bash in another directory, e.g. a student's kit that
     * {@code nnlab lab-grade --work} compiled into {@code DIR/classes}: there {@code ./nnlab} runs
     * those classes, as the kit's own launcher would once Maven had built them.
     */
    String runIn(Path other, String commandLine) throws IOException, InterruptedException {
        Path classes = other.resolve("classes");
        if (Files.isDirectory(classes)) {
            writeLauncher(other, classes.toAbsolutePath().toString(), other.toAbsolutePath().toString());
        }
        return runInBash(commandLine, other);
    }

    private static synchronized String runInThisJvm(String[] args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            Main.run(args);
        } catch (RuntimeException | Error e) {
            // An unexpected failure belongs in the output: the comparison then shows it.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            capture.print(trace);
        } finally {
            capture.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private String runInBash(String commandLine, Path where) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine)
                .directory(where.toFile())
                .redirectErrorStream(true);
        // The java that runs the book's build comes first, for a command that starts java itself.
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().put("PATH", javaBin + java.io.File.pathSeparator + builder.environment().getOrDefault("PATH", ""));
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] bytes = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("'" + commandLine + "' did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        return new String(bytes, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.equals(INCUBATOR_WARNING))
                .collect(Collectors.joining("\n"));
    }

    /** {@code ./nnlab} for bash: nnlab's main class on this JVM's java and class path, as the launcher starts it. */
    private void writeLauncher(Path project) throws IOException {
        writeLauncher(directory, System.getProperty("java.class.path"), project.toAbsolutePath().toString());
    }

    private static void writeLauncher(Path directory, String classPath, String home) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/sh");
        lines.add("# Written by the book's build (org.nnlab.book.BookBuild): nnlab as ./nnlab starts it.");
        lines.add("exec " + ShellWords.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                + " --add-modules jdk.incubator.vector -Djava.awt.headless=true"
                + " -Dnnlab.home=" + ShellWords.quote(home)
                + " -cp " + ShellWords.quote(classPath)
                + " org.nnlab.cli.Main \"$@\"");
        Path launcher = directory.resolve("nnlab");
        Files.write(launcher, lines, StandardCharsets.UTF_8);
        if (!launcher.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
    }
}
