package org.nnlab.lab;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a tree of Java sources in this JVM with the JDK's compiler, as Maven compiles nnlab
 * (release 17, the Vector API module), and reports the errors with their files and lines. The
 * grader compiles each submission this way, which is much faster than starting Maven for each.
 */
public final class JavaSources {

    /**
     * A compile error.
     *
     * @param file    the source file, or null when the error is not in one
     * @param line    its line, from 1; 0 when unknown
     * @param message javac's message, its lines joined by "; "
     */
    public record Problem(Path file, long line, String message) {
        @Override
        public String toString() {
            return (file == null ? "" : file.getFileName() + ":" + line + ": ") + message;
        }
    }

    private JavaSources() {
    }

    /** Every .java file under the directory, sorted. */
    public static List<Path> under(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the sources into {@code classes} against the classpath; empty when all compiled. */
    public static List<Problem> compile(List<Path> sources, Path classes, List<Path> classpath) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home")
                    + "): run nnlab with a JDK, not a JRE");
        }
        Files.createDirectories(classes);
        List<String> options = new ArrayList<>(List.of("--release", "17", "--add-modules", "jdk.incubator.vector",
                "-encoding", "UTF-8", "-proc:none", "-nowarn", "-Xlint:none", "-d", classes.toString()));
        if (!classpath.isEmpty()) {
            options.add("-classpath");
            options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            // javac's own notes (the incubator module's warning) go to this writer, not to the console.
            boolean compiled = compiler.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
            List<Problem> problems = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
                    String message = d.getMessage(Locale.ROOT);
                    // "cannot find symbol" says little without the symbol on the lines below it.
                    String oneLine = String.join("; ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
                    problems.add(new Problem(file, Math.max(0, d.getLineNumber()), oneLine));
                }
            }
            if (!compiled && problems.isEmpty()) {
                problems.add(new Problem(null, 0, "javac failed without an error message"));
            }
            return problems;
        }
    }
}
