package org.nnlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nnlab.lab.LabRegions.Region;

/**
 * Grades students' submissions of a lab. From each submission it takes the lines between the lab
 * markers of each backward pass and nothing else; they go into a fresh kit generated from the
 * teacher's project, so that a submission cannot change the checks, the forward passes or
 * anything else it is graded by. The kit is compiled in this JVM and checked by
 * {@code nnlab lab-check} in a child JVM with a time limit, so that a student's endless loop or
 * {@code System.exit} costs that submission its remaining points and nothing more.
 *
 * <p>A backward pass that does not compile scores 0 and is put back to its stub, so that the
 * other passes of the same submission are still graded.
 */
public final class LabGrader {

    /**
     * The grade of one backward pass.
     *
     * @param layer  which pass
     * @param result "pass", "FAIL", "not implemented", "does not compile", …
     * @param passed its checks passed
     * @param total  its checks
     * @param detail one line: what is wrong, or how close it came
     */
    public record LayerGrade(LabLayer layer, String result, int passed, int total, String detail) {
        /** passed / total: one point per backward pass, in parts. */
        public double points() {
            return total == 0 ? 0 : (double) passed / total;
        }
    }

    /** The grades of one submission, in the order of the lab's layers. */
    public record Grade(String submission, List<LayerGrade> layers) {
        public double total() {
            return layers.stream().mapToDouble(LayerGrade::points).sum();
        }
    }

    private final List<LabLayer> layers;
    private final Path work;
    private final Path base;
    private final Duration timeout;
    private final Map<LabLayer, Integer> checksPerLayer = new EnumMap<>(LabLayer.class);

    /**
     * A grader for the layers, from the teacher's project, working in {@code work} (which must be
     * outside the project; it receives a kit per submission).
     */
    public LabGrader(Path project, List<LabLayer> layers, Path work, Duration timeout) throws IOException {
        this.layers = List.copyOf(layers);
        this.work = work.toAbsolutePath().normalize();
        this.timeout = timeout;
        this.base = this.work.resolve("kit");
        new LabKit(project, layers).generate(base);
        for (LabLayer layer : layers) {
            checksPerLayer.put(layer, LabChecks.itemNames(layer).size());
        }
    }

    /**
     * The submissions in a directory: each subdirectory and each .zip file in it, by name; or the
     * directory itself when it is one kit (it has {@code src/main/java/org/nnlab}).
     */
    public static List<Path> submissionsIn(Path directory) throws IOException {
        if (Files.isDirectory(directory.resolve("src/main/java/org/nnlab"))) {
            return List.of(directory);
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".zip"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /** Grades one submission: a directory or a .zip of one. */
    public Grade grade(Path submission) throws IOException, InterruptedException {
        String name = submission.getFileName().toString().replaceFirst("\\.zip$", "");
        Path slot = work.resolve("submissions").resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        deleteTree(slot);
        Path root = submission.getFileName().toString().endsWith(".zip") ? unzip(submission, slot.resolve("unzipped")) : submission;

        Map<LabLayer, LayerGrade> grades = new EnumMap<>(LabLayer.class);
        Map<LabLayer, StudentBody> bodies = new EnumMap<>(LabLayer.class);
        for (LabLayer layer : layers) {
            Path file = find(root, layer.sourcePath());
            if (file == null) {
                grades.put(layer, zero(layer, "missing", "no " + layer.sourcePath() + " in the submission"));
                continue;
            }
            List<String> lines = LabRegions.lines(Files.readString(file, StandardCharsets.UTF_8));
            try {
                Region region = LabRegions.named(LabRegions.find(lines, file.getFileName().toString()), layer.bodyTag());
                if (region == null) {
                    grades.put(layer, zero(layer, "markers missing", "the lines // tag::" + layer.bodyTag() + "[] and // end::"
                            + layer.bodyTag() + "[] are gone from " + file.getFileName()));
                } else {
                    bodies.put(layer, new StudentBody(LabRegions.body(lines, region), region.begin() + 1));
                }
            } catch (IllegalStateException e) {
                grades.put(layer, zero(layer, "markers broken", e.getMessage()));
            }
        }

        Path kit = slot.resolve("kit");
        Map<LabLayer, StudentBody> compiling = compileWhatCompiles(kit, bodies, grades);
        if (!compiling.isEmpty()) {
            run(kit.resolve("classes"), List.copyOf(compiling.keySet()), grades);
        }
        return new Grade(name, layers.stream().map(grades::get).toList());
    }

    /** A student's body and the line of their file it starts on. */
    private record StudentBody(List<String> lines, int firstLine) {
    }

    /**
     * Compiles the kit with the bodies, dropping (and grading 0) each body that does not compile
     * until the rest does; returns the bodies that compiled, and leaves their classes in the kit.
     */
    private Map<LabLayer, StudentBody> compileWhatCompiles(Path kit, Map<LabLayer, StudentBody> bodies,
                                                          Map<LabLayer, LayerGrade> grades) throws IOException {
        Map<LabLayer, StudentBody> accepted = new EnumMap<>(bodies);
        while (true) {
            List<JavaSources.Problem> problems = spliceAndCompile(kit, accepted);
            if (problems.isEmpty()) {
                return accepted;
            }
            if (accepted.isEmpty()) {
                // No student body is left to blame: the kit itself is broken, and retrying cannot help.
                throw new IllegalStateException("the lab kit does not compile even with every pass stubbed: "
                        + problems.get(0));
            }
            Map<LabLayer, String> blamed = blame(kit, accepted, problems);
            if (blamed.isEmpty()) {
                // An error outside every body (a brace too many closes the method early): compile each
                // body alone to find which.
                for (Map.Entry<LabLayer, StudentBody> entry : accepted.entrySet()) {
                    List<JavaSources.Problem> alone = spliceAndCompile(kit, Map.of(entry.getKey(), entry.getValue()));
                    if (!alone.isEmpty()) {
                        Map<LabLayer, String> own = blame(kit, Map.of(entry.getKey(), entry.getValue()), alone);
                        blamed.put(entry.getKey(), own.getOrDefault(entry.getKey(), alone.get(0).toString()));
                    }
                }
                if (blamed.isEmpty()) {
                    accepted.keySet().forEach(l -> blamed.put(l, "compiles alone, but not with the other backward passes: "
                            + problems.get(0)));
                }
            }
            blamed.forEach((layer, problem) -> {
                grades.put(layer, zero(layer, "does not compile", problem));
                accepted.remove(layer);
            });
        }
    }

    /** A fresh src/main from the base kit with the bodies spliced in, compiled into kit/classes. */
    private List<JavaSources.Problem> spliceAndCompile(Path kit, Map<LabLayer, StudentBody> bodies) throws IOException {
        deleteTree(kit);
        copyTree(base.resolve("src/main"), kit.resolve("src/main"));
        for (Map.Entry<LabLayer, StudentBody> entry : bodies.entrySet()) {
            Path file = kit.resolve(entry.getKey().sourcePath());
            List<String> lines = LabRegions.lines(Files.readString(file, StandardCharsets.UTF_8));
            Region region = LabRegions.named(LabRegions.find(lines, file.toString()), entry.getKey().bodyTag());
            Files.writeString(file, LabRegions.join(LabRegions.replaceBody(lines, region, entry.getValue().lines())),
                    StandardCharsets.UTF_8);
        }
        Path classes = kit.resolve("classes");
        List<JavaSources.Problem> problems = JavaSources.compile(JavaSources.under(kit.resolve("src/main/java")), classes,
                List.of());
        Path resources = kit.resolve("src/main/resources");
        if (problems.isEmpty() && Files.isDirectory(resources)) {
            copyTree(resources, classes);
        }
        return problems;
    }

    /** The layers whose bodies the errors are in, each with its first error at the student's own line number. */
    private static Map<LabLayer, String> blame(Path kit, Map<LabLayer, StudentBody> bodies, List<JavaSources.Problem> problems)
            throws IOException {
        Map<LabLayer, String> blamed = new LinkedHashMap<>();
        for (Map.Entry<LabLayer, StudentBody> entry : bodies.entrySet()) {
            LabLayer layer = entry.getKey();
            Path file = kit.resolve(layer.sourcePath()).toAbsolutePath().normalize();
            List<String> lines = LabRegions.lines(Files.readString(file, StandardCharsets.UTF_8));
            Region region = LabRegions.named(LabRegions.find(lines, file.toString()), layer.bodyTag());
            for (JavaSources.Problem p : problems) {
                if (p.file() != null && p.file().toAbsolutePath().normalize().equals(file) && region.contains((int) p.line() - 1)) {
                    long studentLine = entry.getValue().firstLine() + (p.line() - 1 - region.begin());
                    blamed.putIfAbsent(layer, file.getFileName() + ":" + studentLine + ": " + p.message());
                }
            }
        }
        return blamed;
    }

    /** Runs {@code nnlab lab-check --format tsv} on the compiled kit and records a grade per layer. */
    private void run(Path classes, List<LabLayer> checked, Map<LabLayer, LayerGrade> grades)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = classes.resolveSibling("lab-check.out");
        Path err = classes.resolveSibling("lab-check.err");
        Process process = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-Djava.awt.headless=true", "-cp", classes.toString(), "org.nnlab.cli.Main", "lab-check",
                "--layers", LabLayer.ids(checked), "--format", "tsv")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t", -1);
            if (cells.length != 6) {
                continue; // not a result line (a student's own println)
            }
            LabLayer layer;
            try {
                layer = LabLayer.parse(cells[0]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (checked.contains(layer)) {
                grades.put(layer, new LayerGrade(layer, cells[1], Integer.parseInt(cells[2]), Integer.parseInt(cells[3]),
                        cells[5]));
            }
        }
        String why = finished
                ? "the check's JVM stopped (exit status " + process.exitValue() + ") before reporting this pass" + lastLine(err)
                : "timed out after " + timeout.toSeconds() + " s (an endless loop?)";
        for (LabLayer layer : checked) {
            grades.putIfAbsent(layer, zero(layer, finished ? "crashed" : "timed out", why));
        }
    }

    private LayerGrade zero(LabLayer layer, String result, String detail) {
        return new LayerGrade(layer, result, 0, checksPerLayer.get(layer), detail);
    }

    // ---- files ----

    /** The file of the submission whose path ends with {@code relative}, the shallowest if several. */
    static Path find(Path root, String relative) throws IOException {
        Path exact = root.resolve(relative);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().replace('\\', '/').endsWith("/" + relative))
                    .min(Comparator.comparingInt(Path::getNameCount))
                    .orElse(null);
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(zip + " has an entry outside itself: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** ": " and the last line the check's JVM wrote to stderr, but for the incubator module's warning; or "". */
    private static String lastLine(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.removeIf(l -> l.isBlank() || l.startsWith("WARNING: Using incubator modules"));
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    }
}
