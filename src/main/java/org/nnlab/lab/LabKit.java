package org.nnlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nnlab.lab.LabRegions.Region;

/**
 * Writes a student's kit: a copy of the project in which the backward passes of the chosen
 * {@link LabLayer}s are stubs that throw, and nothing else tells the answer. A pass that would give
 * a chosen one away, the rest of its {@linkplain LabLayer#family() family}, is
 * {@linkplain LabLayer#withheld withheld}: stubbed too, but not asked for, checked or graded.
 *
 * <p>What is left out, and why:
 * <ul>
 *   <li>{@code .git} (the history holds every reference body), {@code target} (compiled
 *       reference classes), {@code bench} (benchmarks of the kernels and the numpy comparison,
 *       which computes the same gradients), {@code answers} (the answers to the book's exercises,
 *       for teachers), other dot-directories ({@code .ci}, editor settings) and downloaded data
 *       ({@code data/<dataset>/});</li>
 *   <li>the teacher's tests of the lab, {@code src/test/java/org/nnlab/lab/} except
 *       {@code LabGradientCheckTest}, which is the students' test, and {@code WithheldPasses}.</li>
 * </ul>
 * In every other text file, the body of each chosen layer's {@code lab-ID} region becomes a stub,
 * and every {@code lab-remove-ID} region is deleted. The book's listings are included from the
 * sources by tag, so the kit's book shows the stubs. The kit also gets the list of its layers
 * ({@value #MANIFEST}), read by {@link LabChecks#kitLayers}, and a page for the student,
 * {@code LAB.adoc}. A kit with withheld passes also registers {@code WithheldPasses} with JUnit,
 * so that a test that runs one of them is skipped, saying so, instead of failing in a solved kit,
 * and leaves out the test classes {@code WithheldPasses} cannot skip ({@link #CATCH_THE_STUB}).
 */
public final class LabKit {
    /** The kit's list of lab layers, relative to the kit. */
    public static final String MANIFEST = "src/main/resources/org/nnlab/lab/kit.properties";

    /** Top-level directories never copied; {@code answers} holds the answers to the book's exercises. */
    private static final Set<String> LEFT_OUT_DIRECTORIES = Set.of(".git", "target", "bench", "answers");

    /** The teacher's tests live here; of them, only the students' test goes into the kit. */
    private static final String LAB_TESTS = "src/test/java/org/nnlab/lab/";
    private static final String STUDENT_TEST = LAB_TESTS + "LabGradientCheckTest.java";
    private static final String WITHHELD_EXTENSION = LAB_TESTS + "WithheldPasses.java";

    /**
     * Tests that run a withheld pass and catch its stub's exception themselves, so that
     * {@code WithheldPasses} cannot skip them: left out of a kit that withholds passes, or they
     * would fail in a kit whose asked-for passes are right. {@code LabCheckFastLoopTest} runs a
     * solved kit's tests, and fails when another such test appears.
     */
    private static final Map<String, String> CATCH_THE_STUB = Map.of(
            "src/test/java/org/nnlab/cli/GradcheckCommandTest.java",
            "runs nnlab gradcheck in-process over every activation and loss; the command turns the exception into an exit status");

    private static final Pattern EQUATION_ANCHOR = Pattern.compile("\\[\\[(eq-[A-Za-z0-9-]+),\\((\\d+)\\.(\\d+)\\)\\]\\]");

    /**
     * What a kit holds.
     *
     * @param out      the kit's directory
     * @param layers   the layers asked for
     * @param files    how many files were written
     * @param stubbed  for each layer asked for, the file its stub is in, relative to the kit
     * @param withheld for each withheld layer, the file its stub is in
     * @param removed  "path: tag" for each deleted region
     * @param leftOut  what was not copied, relative to the project, directories with a trailing /
     */
    public record Kit(Path out, List<LabLayer> layers, int files, Map<LabLayer, String> stubbed,
                      Map<LabLayer, String> withheld, List<String> removed, List<String> leftOut) {
    }

    private final Path project;
    private final List<LabLayer> layers;
    private final List<LabLayer> withheld;
    private final Map<LabLayer, String> messages;

    /**
     * A generator for a kit of the given layers, from the nnlab project at {@code project}: its
     * sources hold the markers, and its {@code docs/} the equation numbers the stubs cite.
     */
    public LabKit(Path project, List<LabLayer> layers) {
        this.project = project.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.project.resolve("pom.xml")) || !Files.isDirectory(this.project.resolve("src/main/java/org/nnlab"))) {
            throw new IllegalArgumentException(this.project + " is not an nnlab project (no pom.xml and src/main/java/org/nnlab)");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a kit needs at least one lab layer");
        }
        this.layers = List.copyOf(layers);
        this.withheld = LabLayer.withheld(this.layers);
        this.messages = new EnumMap<>(LabLayer.class);
        Map<String, String> numbers = equationNumbers(this.project.resolve("docs"));
        for (LabLayer layer : LabLayer.values()) {
            messages.put(layer, "TODO: implement " + layer.method() + " — see " + cite(layer, numbers));
        }
    }

    /** The message of the layer's stub: "TODO: implement Linear.backward — see docs chapter 4, eqs. (4.2)–(4.4)". */
    public String stubMessage(LabLayer layer) {
        return messages.get(layer);
    }

    /** The lines that replace the layer's body, indented like its markers. */
    // tag::stub[]
    public List<String> stub(LabLayer layer, String indent) {
        return List.of(
                indent + "// Write " + layer.method() + " here. Grading takes only the lines between these two markers.",
                indent + "throw new UnsupportedOperationException(\"" + stubMessage(layer) + "\");");
    }
    // end::stub[]

    /** The lines that replace a withheld layer's body: the same exception, and why the pass is not there. */
    public List<String> withheldStub(LabLayer layer, String indent) {
        List<LabLayer> givenAway = layers.stream().filter(l -> layer.family().contains(l)).toList();
        return List.of(
                indent + "// Not part of this lab: this kit leaves " + layer.method() + " out because its code would give",
                indent + "// away " + String.join(" and ", givenAway.stream().map(LabLayer::method).toList())
                        + ". Write it if you want to use it; ./nnlab lab-check --layers " + layer.id() + " checks it.",
                indent + "throw new UnsupportedOperationException(\"" + stubMessage(layer) + "\");");
    }

    /** The passes this kit withholds: stubbed because they would give an asked one away, not asked for. */
    public List<LabLayer> withheld() {
        return withheld;
    }

    /**
     * Writes the kit into {@code out}, which must be outside the project and empty or missing.
     * Fails, writing nothing further, when a chosen layer's markers are missing or broken.
     */
    public Kit generate(Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (target.startsWith(project)) {
            throw new IllegalArgumentException("the kit must go outside the project (" + project + "), or the next kit"
                    + " would copy this one; got " + target);
        }
        if (Files.exists(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty; give a new or empty directory");
                }
            }
        }
        Files.createDirectories(target);

        Map<LabLayer, String> stubbed = new EnumMap<>(LabLayer.class);
        Map<LabLayer, String> withheldFiles = new EnumMap<>(LabLayer.class);
        List<String> removed = new ArrayList<>();
        Set<String> leftOut = new TreeSet<>();
        int[] files = {0};
        Files.walkFileTree(project, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String relative = relative(dir);
                if (!relative.isEmpty() && leftOut(relative, true)) {
                    leftOut.add(relative + "/");
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = relative(file);
                if (!attributes.isRegularFile() || leftOut(relative, false)
                        || (!withheld.isEmpty() && CATCH_THE_STUB.containsKey(relative))) {
                    leftOut.add(relative);
                    return FileVisitResult.CONTINUE;
                }
                Path copy = target.resolve(relative);
                Files.createDirectories(copy.getParent());
                byte[] bytes = Files.readAllBytes(file);
                String text = utf8(bytes);
                if (text != null && LabRegions.mayContainRegions(text)) {
                    Files.writeString(copy, transform(relative, text, stubbed, withheldFiles, removed), StandardCharsets.UTF_8);
                } else {
                    Files.write(copy, bytes);
                }
                copyPermissions(file, copy);
                files[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        for (LabLayer layer : stubbedLayers()) {
            if (!stubbed.containsKey(layer) && !withheldFiles.containsKey(layer)) {
                throw new IllegalStateException("no region " + layer.bodyTag() + " in " + layer.sourcePath()
                        + ": mark the body of " + layer.method() + " with // tag::" + layer.bodyTag() + "[] and // end::"
                        + layer.bodyTag() + "[]");
            }
        }
        writeManifest(target);
        Files.writeString(target.resolve("LAB.adoc"), studentPage(), StandardCharsets.UTF_8);
        int written = files[0] + 2;
        if (!withheld.isEmpty()) {
            written += registerWithheldPasses(target);
        }
        return new Kit(target, layers, written, stubbed, withheldFiles, List.copyOf(removed), List.copyOf(leftOut));
    }

    /** The layers asked for, then the withheld ones: every layer whose body the kit stubs. */
    private List<LabLayer> stubbedLayers() {
        List<LabLayer> all = new ArrayList<>(layers);
        all.addAll(withheld);
        return all;
    }

    /**
     * Lets JUnit and jqwik find {@code WithheldPasses} in the kit: service entries, and Jupiter's
     * autodetection switched on in the kit's junit-platform.properties. Returns how many files it added.
     */
    private static int registerWithheldPasses(Path target) throws IOException {
        Path services = target.resolve("src/test/resources/META-INF/services");
        Files.createDirectories(services);
        // JUnit Jupiter's extensions, and jqwik's lifecycle hooks, for its properties.
        for (String service : List.of("org.junit.jupiter.api.extension.Extension", "net.jqwik.api.lifecycle.LifecycleHook")) {
            Files.writeString(services.resolve(service), "org.nnlab.lab.WithheldPasses\n", StandardCharsets.UTF_8);
        }
        Path properties = target.resolve("src/test/resources/junit-platform.properties");
        boolean existed = Files.exists(properties);
        String before = existed ? Files.readString(properties, StandardCharsets.UTF_8) : "";
        Files.writeString(properties, before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n")
                + "# Written by nnlab lab-kit: a test that runs a pass this kit withholds is skipped (WithheldPasses).\n"
                + "junit.jupiter.extensions.autodetection.enabled = true\n", StandardCharsets.UTF_8);
        return existed ? 2 : 3;
    }

    /**
     * The text of a file with the chosen layers' bodies stubbed and their helpers removed; regions
     * of layers not in the kit are left as they are.
     */
    private String transform(String relative, String text, Map<LabLayer, String> stubbed, Map<LabLayer, String> withheldFiles,
                             List<String> removed) {
        List<String> lines = LabRegions.lines(text);
        List<Region> regions = LabRegions.find(lines, relative);
        // Work from the last region up, so that earlier line numbers stay valid.
        for (int i = regions.size() - 1; i >= 0; i--) {
            Region region = regions.get(i);
            LabLayer body = layerWithTag(region.tag(), false);
            LabLayer removal = layerWithTag(region.tag(), true);
            if (body == null && removal == null) {
                throw new IllegalStateException(relative + ":" + (region.begin() + 1) + ": unknown lab region " + region.tag()
                        + " (lab layers: " + LabLayer.ids(LabLayer.all()) + ")");
            }
            if (body != null && !relative.equals(body.sourcePath())) {
                throw new IllegalStateException(relative + ":" + (region.begin() + 1) + ": " + region.tag()
                        + " belongs in " + body.sourcePath());
            }
            if (body != null && layers.contains(body)) {
                lines = LabRegions.replaceBody(lines, region, stub(body, region.indent()));
                stubbed.put(body, relative);
            } else if (body != null && withheld.contains(body)) {
                lines = LabRegions.replaceBody(lines, region, withheldStub(body, region.indent()));
                withheldFiles.put(body, relative);
            } else if (removal != null && stubbedLayers().contains(removal)) {
                lines = LabRegions.delete(lines, region);
                removed.add(relative + ": " + region.tag());
            }
        }
        return LabRegions.join(lines);
    }

    private static LabLayer layerWithTag(String tag, boolean removal) {
        for (LabLayer layer : LabLayer.values()) {
            if (tag.equals(removal ? layer.removalTag() : layer.bodyTag())) {
                return layer;
            }
        }
        return null;
    }

    private String relative(Path path) {
        return project.relativize(path).toString().replace('\\', '/');
    }

    /** Whether a path, relative to the project, stays out of the kit (see the class comment). */
    // tag::left-out[]
    static boolean leftOut(String relative, boolean directory) {
        String first = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
        if (LEFT_OUT_DIRECTORIES.contains(first)) {
            return true;
        }
        // Dot-files and dot-directories (.ci, .idea, .jqwik-database) are not the students' business,
        // except .gitignore, which keeps their own build output out of their own repository.
        if (first.startsWith(".") && !first.equals(".gitignore") && !first.equals(".mvn")) {
            return true;
        }
        if (directory && relative.startsWith("data/")) {
            return true; // downloaded datasets: the kit fetches its own
        }
        return !directory && relative.startsWith(LAB_TESTS) && !relative.equals(STUDENT_TEST)
                && !relative.equals(WITHHELD_EXTENSION);
    }
    // end::left-out[]

    private void writeManifest(Path target) throws IOException {
        Path manifest = target.resolve(MANIFEST);
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "# Written by nnlab lab-kit: the backward passes this kit asks for, which\n"
                + "# nnlab lab-check and LabGradientCheckTest check.\n"
                + "layers=" + LabLayer.ids(layers) + "\n"
                + "# Stubbed as well, because their code would give those away; not checked unless asked for.\n"
                + "withheld=" + LabLayer.ids(withheld) + "\n"
                + "# The students' files, which the launcher lets lab-check compile without Maven.\n"
                + "files=" + String.join(",", stubbedLayers().stream().map(LabLayer::sourcePath).toList()) + "\n",
                StandardCharsets.UTF_8);
    }

    /** LAB.adoc: what to implement, where, and how to check it. */
    private String studentPage() {
        StringBuilder sb = new StringBuilder();
        sb.append("= The backpropagation lab\n\n");
        sb.append("Implement the backward passes below. Each method body is now a stub that throws\n");
        sb.append("`UnsupportedOperationException(\"TODO: …\")`; replace it with your code, writing only between the\n");
        sb.append("lines `// tag::lab-…[]` and `// end::lab-…[]` around it. Grading takes those lines from your files and\n");
        sb.append("nothing else, so keep both lines, and use fully qualified names for anything the file does not import.\n\n");
        sb.append("[cols=\"2,3,3\"]\n|===\n| Method | File | The math\n\n");
        for (LabLayer layer : layers) {
            sb.append("| `").append(layer.method()).append("` | `").append(layer.sourcePath()).append("` | ")
                    .append(stubMessage(layer).substring(stubMessage(layer).indexOf("see ") + 4)).append('\n');
        }
        sb.append("|===\n\n");
        if (!withheld.isEmpty()) {
            sb.append("These are stubbed too, though not part of the lab, because their code would give yours away: ")
                    .append(String.join(", ", withheld.stream().map(l -> "`" + l.method() + "`").toList()))
                    .append(".\nThey are not graded. Tests of the project that need them are skipped, saying so; write them if you\n")
                    .append("want to use them (`./nnlab lab-check --layers ").append(LabLayer.ids(withheld)).append("` checks them).\n\n");
        }
        sb.append("Check your work at any time (each command builds what it needs):\n\n");
        sb.append("[source,shell]\n----\n");
        sb.append("./nnlab lab-check                            # one line per backward pass, then what is wrong;\n");
        sb.append("                                             # it compiles just your files, in seconds\n");
        sb.append("./nnlab test -Dtest=LabGradientCheckTest     # the same checks as JUnit tests\n");
        sb.append("----\n\n");
        sb.append("Chapter 9 of the book (`docs/09-course-lab.adoc`) explains how to read the messages, and\n");
        sb.append("chapter 5 (`docs/05-gradient-checking.adoc`) how the checks work. Other tests of the project\n");
        sb.append("(`./nnlab test`) also fail until the backward passes are implemented, since training uses them.\n");
        return sb.toString();
    }

    // ---- equation numbers ----

    /** anchor → "4.2", from every {@code [[eq-…,(4.2)]]} in the book's chapters. */
    static Map<String, String> equationNumbers(Path docs) {
        Map<String, String> numbers = new LinkedHashMap<>();
        if (!Files.isDirectory(docs)) {
            return numbers;
        }
        try (Stream<Path> chapters = Files.list(docs)) {
            for (Path chapter : chapters.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                Matcher m = EQUATION_ANCHOR.matcher(Files.readString(chapter, StandardCharsets.UTF_8));
                while (m.find()) {
                    numbers.put(m.group(1), m.group(2) + "." + m.group(3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return numbers;
    }

    /** "docs chapter 4, eqs. (4.2)–(4.4)"; "docs chapter 3, eq. (3.13)". */
    static String cite(LabLayer layer, Map<String, String> numbers) {
        List<String> found = new ArrayList<>();
        for (String anchor : layer.equations()) {
            String number = numbers.get(anchor);
            if (number == null) {
                throw new IllegalStateException("the book has no equation [[" + anchor + ",(…)]], which "
                        + layer.method() + "'s stub cites; update LabLayer." + layer.name());
            }
            found.add(number);
        }
        String chapter = found.get(0).substring(0, found.get(0).indexOf('.'));
        boolean oneChapter = found.stream().allMatch(n -> n.startsWith(chapter + "."));
        String where = oneChapter ? "docs chapter " + chapter + ", " : "docs, ";
        if (found.size() == 1) {
            return where + "eq. (" + found.get(0) + ")";
        }
        if (oneChapter && found.size() > 2 && consecutive(found)) {
            return where + "eqs. (" + found.get(0) + ")–(" + found.get(found.size() - 1) + ")";
        }
        StringBuilder sb = new StringBuilder(where).append("eqs. ");
        for (int i = 0; i < found.size(); i++) {
            sb.append(i == 0 ? "" : i == found.size() - 1 ? " and " : ", ").append('(').append(found.get(i)).append(')');
        }
        return sb.toString();
    }

    private static boolean consecutive(List<String> numbers) {
        for (int i = 1; i < numbers.size(); i++) {
            int previous = Integer.parseInt(numbers.get(i - 1).substring(numbers.get(i - 1).indexOf('.') + 1));
            int next = Integer.parseInt(numbers.get(i).substring(numbers.get(i).indexOf('.') + 1));
            if (next != previous + 1) {
                return false;
            }
        }
        return true;
    }

    // ---- files ----

    /** The bytes as UTF-8 text, or null when they are not (an image, a jar). */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Keeps the launcher executable. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView copy = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && copy != null) {
            copy.setPermissions(source.readAttributes().permissions());
        }
    }
}
