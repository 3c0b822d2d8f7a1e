package org.nnlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nnlab.lab.JavaSources;
import org.nnlab.lab.LabChecks;
import org.nnlab.lab.LabKit;
import org.nnlab.lab.LabLayer;

/**
 * The student's fast loop in a lab kit: {@code nnlab lab-check} after an edit of the lab's own
 * files, without Maven. The launcher skips its build when nothing but those files changed since
 * the jar was built; this compiles the changed ones alone against the jar into
 * {@code target/lab-classes} (in this JVM, a second or so), and runs lab-check with those classes
 * ahead of the jar's, in a class loader of their own. Any other change goes through Maven as
 * before.
 */
final class LabCheckFastLoop {
    /** Set in the class loader's run, so that it checks instead of compiling again. */
    private static final String COMPILED = "nnlab.lab.compiled";

    private final Path home;
    private final Path jar;

    private LabCheckFastLoop(Path home, Path jar) {
        this.home = home;
        this.jar = jar;
    }

    /**
     * The fast loop, when lab-check runs from a kit's jar and a lab file is newer than the jar
     * (which holds the stubs); null otherwise, and lab-check runs as it is.
     */
    static LabCheckFastLoop ifNeeded() {
        String nnlabHome = System.getProperty("nnlab.home");
        Path jar = runningJar();
        if (System.getProperty(COMPILED) != null || nnlabHome == null || jar == null
                || !Files.isRegularFile(Path.of(nnlabHome).resolve(LabKit.MANIFEST))) {
            return null;
        }
        LabCheckFastLoop loop = new LabCheckFastLoop(Path.of(nnlabHome), jar);
        return loop.newerThanJar().isEmpty() ? null : loop;
    }

    /** Compiles what changed, then runs {@code lab-check ARGS} on it; returns lab-check's exit status. */
    int run(String[] args) {
        Path classes = home.resolve("target/lab-classes");
        try {
            List<Path> sources = newerThanJar();
            removeClassesNotIn(classes, sources);
            List<Path> stale = new ArrayList<>();
            for (Path source : sources) {
                Path compiled = classes.resolve(home.resolve("src/main/java").relativize(source).toString()
                        .replaceFirst("\\.java$", ".class"));
                if (!Files.exists(compiled) || modified(source).compareTo(modified(compiled)) > 0) {
                    stale.add(source);
                }
            }
            List<JavaSources.Problem> problems = stale.isEmpty() ? List.of() : JavaSources.compile(stale, classes, List.of(jar));
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.out.println(home.relativize(p.file() == null ? home : p.file()) + ":" + p.line()
                        + ": " + p.message()));
                throw new CommandFailedException("lab-check: your code does not compile (above); nothing was checked");
            }
            return runWith(classes, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** lab-check again, in a class loader that takes nnlab's classes from the compiled files first, then the jar. */
    private int runWith(Path classes, String[] args) {
        System.setProperty(COMPILED, "true");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Method run = loader.loadClass(Main.class.getName()).getDeclaredMethod("run", String[].class);
            run.setAccessible(true);
            String[] command = new String[args.length + 1];
            command[0] = "lab-check";
            System.arraycopy(args, 0, command, 1, args.length);
            return (int) run.invoke(null, (Object) command);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("lab-check: cannot run the compiled lab files: " + e, e);
        } finally {
            System.clearProperty(COMPILED);
        }
    }

    /** The kit's lab files (one per pass it stubs, withheld ones included) modified after the jar was built. */
    private List<Path> newerThanJar() {
        try {
            FileTime built = modified(jar);
            List<Path> newer = new ArrayList<>();
            List<LabLayer> stubbed = new ArrayList<>(LabChecks.kitLayers());
            stubbed.addAll(LabChecks.kitWithheld());
            for (LabLayer layer : stubbed) {
                Path source = home.resolve(layer.sourcePath());
                if (Files.isRegularFile(source) && modified(source).compareTo(built) > 0) {
                    newer.add(source);
                }
            }
            return newer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves in {@code classes} only what the sources compile to: a file no longer edited comes from the jar again. */
    private void removeClassesNotIn(Path classes, List<Path> sources) throws IOException {
        if (!Files.isDirectory(classes)) {
            return;
        }
        List<String> kept = sources.stream().map(s -> home.resolve("src/main/java").relativize(s).toString()
                .replaceFirst("\\.java$", "")).toList();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(file).toString().replaceFirst("(\\$.*)?\\.class$", "");
                if (!kept.contains(name)) {
                    Files.delete(file);
                }
            }
        }
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file);
    }

    /** The jar this class runs from, or null when it runs from a directory of classes (mvn test). */
    private static Path runningJar() {
        try {
            var source = LabCheckFastLoop.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && location.toString().endsWith(".jar") && Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
