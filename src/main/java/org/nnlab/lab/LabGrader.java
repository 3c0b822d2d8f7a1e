package org.nnlab.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nnlab.lab.LabRegions.Region;
import org.nnlab.lab.LimitedProcess.Outcome;

/**
 * Grades students' submissions of a lab, trusting nothing a submission prints or writes. From
 * each submission it takes the lines between the lab markers of each backward pass and nothing
 * else. Each pass is then graded on its own:
 *
 * <ol>
 *   <li>its lines go into the pass's source file from a kit generated from the teacher's project
 *       (so a submission cannot change the checks, the forward passes or anything else), and that
 *       one file is compiled in this JVM against the kit's classes, compiled once, with every pass
 *       a stub;</li>
 *   <li>a child JVM, whose classes are the kit's and this one file, calls the pass on data drawn
 *       from the grader's seed ({@link LabRunner}) and writes the gradients it computed, as
 *       numbers, into a file; it has a time limit and an output limit;</li>
 *   <li>this JVM reads those numbers and checks them against finite differences of the reference
 *       forward pass ({@link LabChecks#judge}).</li>
 * </ol>
 *
 * A pass therefore earns a point only with gradients that are right for data it could not know in
 * advance, computed in a JVM where the only student code is its own: lines printed to look like a
 * verdict, an early {@code System.exit}, or another pass's code count for nothing.
 */
public final class LabGrader {

    /**
     * The grade of one backward pass.
     *
     * @param layer  which pass
     * @param result "pass", "FAIL", "not implemented", "does not compile", "timed out", …
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

    /**
     * The grades of one submission, in the order of the lab's layers.
     *
     * @param problem why the submission could not be graded at all (then every pass has 0), or null
     */
    public record Grade(String submission, List<LayerGrade> layers, String problem) {
        public double total() {
            return layers.stream().mapToDouble(LayerGrade::points).sum();
        }
    }

    /**
     * What one pass's child JVM may use.
     *
     * @param time   wall-clock time, JVM start included
     * @param output bytes printed, standard output and error together
     */
    public record Limits(Duration time, long output) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), 1L << 20);
    }

    private final List<LabLayer> layers;
    private final Path work;
    private final Path base;
    private final long seed;
    private final LimitedProcess child;
    private final Map<LabLayer, Integer> checksPerLayer = new EnumMap<>(LabLayer.class);
    /** Each pass's stub, its lines stripped: a body that is still the stub needs no JVM to say so. */
    private final Map<LabLayer, List<String>> stub = new EnumMap<>(LabLayer.class);

    /**
     * A grader for the layers, from the teacher's project, working in {@code work} (which must be
     * outside the project; it receives a kit, and a directory per submission). The data of every
     * check is drawn from {@code seed}: the same seed grades the same way again.
     */
    public LabGrader(Path project, List<LabLayer> layers, Path work, Limits limits, long seed) throws IOException {
        this.layers = List.copyOf(layers);
        this.work = work.toAbsolutePath().normalize();
        this.seed = seed;
        this.child = new LimitedProcess(limits.time(), limits.output());
        this.base = this.work.resolve("kit");
        LabKit kit = new LabKit(project, layers);
        kit.generate(base);
        for (LabLayer layer : layers) {
            stub.put(layer, kit.stub(layer, "").stream().map(String::strip).toList());
        }
        List<JavaSources.Problem> problems = JavaSources.compile(JavaSources.under(base.resolve("src/main/java")),
                base.resolve("classes"), List.of());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the lab kit does not compile with every pass stubbed: " + problems.get(0));
        }
        Path resources = base.resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            copyTree(resources, base.resolve("classes"));
        }
        for (LabLayer layer : layers) {
            checksPerLayer.put(layer, LabChecks.itemNames(layer).size());
        }
    }

    /** See {@link Submissions#in}. */
    public static List<Path> submissionsIn(Path directory) throws IOException {
        return Submissions.in(directory);
    }

    /**
     * Grades one submission: a directory or a .zip of one. Whatever the submission holds, this
     * returns its grade; a submission that cannot be read at all gets 0 and a problem saying why.
     */
    public Grade grade(Path submission) throws InterruptedException {
        String name = submission.getFileName().toString().replaceFirst("\\.zip$", "");
        Path slot = work.resolve("submissions").resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            deleteTree(slot);
            Path root = Submissions.open(submission, slot.resolve("unzipped"));
            List<LayerGrade> grades = new ArrayList<>();
            for (LabLayer layer : layers) {
                grades.add(gradePass(root, layer, slot.resolve(layer.id())));
            }
            return new Grade(name, grades, null);
        } catch (Submissions.Unreadable e) {
            return unreadable(name, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return unreadable(name, "could not be read: " + e.getMessage());
        }
    }

    private Grade unreadable(String name, String problem) {
        return new Grade(name, layers.stream().map(l -> zero(l, "not graded", problem)).toList(), problem);
    }

    private LayerGrade gradePass(Path root, LabLayer layer, Path dir) throws IOException, InterruptedException {
        Submissions.PassFile found = Submissions.passFile(root, layer.sourcePath());
        if (found.file() == null) {
            return zero(layer, found.result(), found.problem());
        }
        List<String> lines = LabRegions.lines(Files.readString(found.file(), StandardCharsets.UTF_8));
        Region region;
        try {
            region = LabRegions.named(LabRegions.find(lines, found.file().getFileName().toString()), layer.bodyTag());
        } catch (IllegalStateException e) {
            return zero(layer, "markers broken", e.getMessage());
        }
        if (region == null) {
            return zero(layer, "markers missing", "the lines // tag::" + layer.bodyTag() + "[] and // end::" + layer.bodyTag()
                    + "[] are gone from " + found.file().getFileName());
        }
        List<String> body = LabRegions.body(lines, region);
        if (body.stream().map(String::strip).toList().equals(stub.get(layer))) {
            return zero(layer, "not implemented", "not implemented yet (the stub is still there)");
        }
        Files.createDirectories(dir);
        Path classes = dir.resolve("classes");
        String compileProblem = compileAlone(layer, body, region.begin() + 1, dir, classes);
        if (compileProblem != null) {
            return zero(layer, "does not compile", compileProblem);
        }
        return runAndJudge(layer, dir, classes);
    }

    /**
     * The kit's source file of the pass with the student's body in it, compiled alone against the
     * kit's classes; null when it compiles, else its first error at the student's own line.
     */
    private String compileAlone(LabLayer layer, List<String> body, int firstLine, Path dir, Path classes) throws IOException {
        Path file = dir.resolve("src").resolve(layer.sourcePath());
        List<String> kitLines = LabRegions.lines(Files.readString(base.resolve(layer.sourcePath()), StandardCharsets.UTF_8));
        Region region = LabRegions.named(LabRegions.find(kitLines, layer.sourcePath()), layer.bodyTag());
        Files.createDirectories(file.getParent());
        Files.writeString(file, LabRegions.join(LabRegions.replaceBody(kitLines, region, body)), StandardCharsets.UTF_8);
        List<JavaSources.Problem> problems = JavaSources.compile(List.of(file), classes, List.of(base.resolve("classes")));
        if (problems.isEmpty()) {
            return null;
        }
        JavaSources.Problem p = problems.get(0);
        long line = p.line() - 1 - region.begin(); // 1-based within the student's lines
        String fileName = file.getFileName().toString();
        if (line >= 1 && line <= body.size()) {
            return fileName + ":" + (firstLine + line) + ": " + p.message();
        }
        return fileName + ", after your lines: " + p.message() + " (do the braces of your code balance?)";
    }

    /** Runs the pass in a child JVM with the limits, and judges the numbers it wrote. */
    private LayerGrade runAndJudge(LabLayer layer, Path dir, Path classes) throws IOException, InterruptedException {
        Path result = dir.resolve("run.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = classes + File.pathSeparator + base.resolve("classes");
        Outcome outcome = child.run(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", classpath, LabRunner.class.getName(),
                layer.id(), Long.toString(seed), result.toString()), dir, dir.resolve("output.txt"));
        switch (outcome.ending()) {
            case TIMED_OUT:
                return zero(layer, "timed out", "no result within " + child.timeLimit().toSeconds() + " s (an endless loop?)");
            case PRINTED_TOO_MUCH:
                return zero(layer, "output limit", "printed more than " + (child.outputLimit() >> 10) + " kB; stopped");
            default:
                break;
        }
        if (!Files.isRegularFile(result) || Files.size(result) > 16L << 20) {
            return zero(layer, "crashed", "the pass's JVM stopped (exit status " + outcome.exitStatus()
                    + ") before writing its gradients" + lastLine(outcome.output()));
        }
        StudentRun run;
        try {
            run = StudentRun.parse(Files.readString(result, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return zero(layer, "crashed", "the pass's JVM wrote a result that cannot be read: " + e.getMessage());
        }
        if (run.layer() != layer || run.seed() != seed) {
            return zero(layer, "crashed", "the pass's JVM wrote a result for another pass or other data");
        }
        LabResult r = LabChecks.judge(run);
        return new LayerGrade(layer, r.status().label(), r.passedItems(), r.items().size(), r.verdict());
    }

    private LayerGrade zero(LabLayer layer, String result, String detail) {
        return new LayerGrade(layer, result, 0, checksPerLayer.get(layer), detail);
    }

    // ---- files ----

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
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** ": " and the last line the pass's JVM printed, but for the incubator module's warning; or "". */
    private static String lastLine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        List<String> lines = new ArrayList<>(List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")));
        lines.removeIf(l -> l.isBlank() || l.startsWith("WARNING: Using incubator modules"));
        if (lines.isEmpty()) {
            return "";
        }
        // The student's text reaches the teacher's terminal: no control characters (escape sequences, tabs).
        String last = lines.get(lines.size() - 1).replaceAll("\\p{Cntrl}", " ").strip();
        return ": " + (last.length() > 200 ? last.substring(0, 200) + "…" : last);
    }
}
