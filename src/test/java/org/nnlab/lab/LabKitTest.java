package org.nnlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.nnlab.lab.LabGrader.Grade;
import org.nnlab.lab.LabGrader.LayerGrade;
import org.nnlab.lab.LabRegions.Region;
import org.nnlab.testing.Slow;

/**
 * The teacher's tests of the lab (left out of every kit): a kit of every lab layer holds no
 * reference body, compiles, and its students' test fails naming each stubbed backward pass; with
 * correct bodies pasted between the markers (the reference bodies, and a loop for ReLU, whose
 * reference calls a helper the kit removes), the same test passes; and the grader scores both, and a submission with one pass of each kind, as
 * it should.
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabKitTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    /** The class's temporary directory: the kits and everything built from them. */
    private Path temp;

    private LabKit.Kit kit;
    /** A copy of the kit with a correct body between every pair of markers: a correct student. */
    private Path solved;

    /**
     * One grader for every grading test (it compiles a kit of its own): five passes, with a time
     * limit that an endless loop reaches soon and an output limit that a chatty one does.
     */
    private LabGrader grader;
    private static final List<LabLayer> GRADED = List.of(LabLayer.LINEAR, LabLayer.RELU, LabLayer.SOFTMAX_CE,
            LabLayer.TANH, LabLayer.MSE);

    @BeforeAll
    void generateTheKitAndSolveACopy(@TempDir Path directory) throws IOException {
        temp = directory;
        kit = new LabKit(PROJECT, LabLayer.all()).generate(temp.resolve("kit"));
        solved = temp.resolve("solved");
        copyTree(kit.out(), solved);
        for (LabLayer layer : LabLayer.all()) {
            paste(solved, layer, correctBody(layer));
        }
        grader = new LabGrader(PROJECT, GRADED, temp.resolve("grader"), new LabGrader.Limits(Duration.ofSeconds(30), 64 << 10), 7);
    }

    /**
     * A correct student's body: the reference body, except where that calls a helper the kit
     * removes. Relu.backward's reference calls MatrixOps.keepWherePositive, which a kit with ReLU
     * does not have, so a student writes the loop.
     */
    static List<String> correctBody(LabLayer layer) throws IOException {
        if (layer == LabLayer.RELU) {
            return List.of(
                    "        dZ = Matrix.reuse(dZ, dA.precision(), dA.rows(), dA.cols());",
                    "        for (int i = 0; i < dA.size(); i++) {",
                    "            dZ.setFlat(i, z.getFlat(i) > 0 ? dA.getFlat(i) : 0);",
                    "        }",
                    "        return dZ;");
        }
        return referenceBody(layer);
    }

    // ---- the markers ----

    @Test
    void everyLabLayerIsMarkedOnceInItsOwnSourceFile() throws IOException {
        for (LabLayer layer : LabLayer.all()) {
            List<String> lines = LabRegions.lines(Files.readString(PROJECT.resolve(layer.sourcePath())));
            Region region = LabRegions.named(LabRegions.find(lines, layer.sourcePath()), layer.bodyTag());
            assertNotNull(region, layer.sourcePath() + " has no region " + layer.bodyTag());
            assertTrue(lines.get(region.begin() - 1).contains("backward("), "the region is the body of backward: "
                    + lines.get(region.begin() - 1));
            assertFalse(LabRegions.body(lines, region).isEmpty());
        }
    }

    @Test
    void theStubsCiteTheBooksEquationNumbers() {
        LabKit generator = new LabKit(PROJECT, LabLayer.DEFAULT);
        assertEquals("TODO: implement Linear.backward — see docs chapter 4, eqs. (4.2)–(4.4)",
                generator.stubMessage(LabLayer.LINEAR));
        assertEquals("TODO: implement Relu.backward — see docs chapter 4, eqs. (4.5) and (4.6)",
                generator.stubMessage(LabLayer.RELU));
        assertEquals("TODO: implement SoftmaxCrossEntropy.backward — see docs chapter 3, eq. (3.13)",
                generator.stubMessage(LabLayer.SOFTMAX_CE));
    }

    @Test
    void brokenMarkersAreReportedWithTheirLine() {
        List<String> unclosed = List.of("a", "  // tag::lab-linear[]", "b");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LabRegions.find(unclosed, "Linear.java"));
        assertEquals("Linear.java:2: tag::lab-linear[] is never closed", e.getMessage());
        List<String> nested = List.of("// tag::lab-relu[]", "// tag::lab-linear[]", "// end::lab-linear[]", "// end::lab-relu[]");
        assertThrows(nested, "Relu.java:2: tag::lab-linear[] inside lab-relu (opened at line 1); lab regions do not nest");
        List<String> twoBodies = List.of("// tag::lab-linear[]", "a", "// end::lab-linear[]",
                "// tag::lab-linear[]", "// end::lab-linear[]");
        assertThrows(twoBodies, "Linear.java:4: a second region lab-linear (the first is at line 1)");
    }

    @Test
    void aRemovalRegionMayOccurMoreThanOnceInAFile() {
        List<String> lines = List.of(
                "// tag::lab-remove-linear[]", "a", "// end::lab-remove-linear[]",
                "// tag::lab-remove-relu[]", "b", "// end::lab-remove-relu[]",
                "// tag::lab-remove-linear[]", "c", "// end::lab-remove-linear[]");
        List<Region> regions = LabRegions.find(lines, "Parts.java");
        assertEquals(List.of("lab-remove-linear", "lab-remove-relu", "lab-remove-linear"),
                regions.stream().map(Region::tag).toList());
        List<String> kept = LabRegions.delete(LabRegions.delete(lines, regions.get(2)), regions.get(0));
        assertEquals(List.of("// tag::lab-remove-relu[]", "b", "// end::lab-remove-relu[]"), kept);
    }

    private static void assertThrows(List<String> lines, String message) {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LabRegions.find(lines, message.substring(0, message.indexOf(':'))));
        assertEquals(message, e.getMessage());
    }

    // ---- what the kit holds ----

    @Test
    void theKitLeavesOutHistoryBuildOutputDataAndTheTeachersTests() throws IOException {
        Path out = kit.out();
        for (String absent : List.of(".git", "target", "bench", ".ci", "data/mnist", "src/test/java/org/nnlab/lab/LabKitTest.java")) {
            assertFalse(Files.exists(out.resolve(absent)), absent + " must not be in the kit");
        }
        assertTrue(Files.isExecutable(out.resolve("nnlab")), "the launcher stays executable");
        assertTrue(Files.isRegularFile(out.resolve("src/test/java/org/nnlab/lab/LabGradientCheckTest.java")));
        assertTrue(Files.isRegularFile(out.resolve("data/SHA256SUMS")));
        assertEquals("layers=" + LabLayer.ids(LabLayer.all()),
                Files.readAllLines(out.resolve(LabKit.MANIFEST)).stream().filter(l -> l.startsWith("layers=")).findFirst()
                        .orElseThrow());
        String page = Files.readString(out.resolve("LAB.adoc"));
        for (LabLayer layer : LabLayer.all()) {
            assertTrue(page.contains("`" + layer.method() + "` | `" + layer.sourcePath() + "`"), page);
        }
        assertEquals(Set.copyOf(LabLayer.all()), kit.stubbed().keySet());
    }

    /**
     * The leak test. Every line of a reference body (or of a helper removed with it) that is long
     * enough to be specific and appears nowhere else in the main sources must appear nowhere in the
     * kit: not in its sources, tests, book or anything else. So must the names the removed
     * helpers declare.
     */
    @Test
    void noFileOfTheKitContainsAReferenceBodyOrARemovedHelper() throws IOException {
        Map<String, String> distinctive = distinctiveReferenceLines();
        Set<String> removedNames = removedNames();
        assertTrue(distinctive.size() >= LabLayer.all().size(), "every body has a line to look for: " + distinctive);
        for (LabLayer layer : LabLayer.all()) {
            assertTrue(distinctive.containsValue(layer.bodyTag()), layer.bodyTag() + " has no distinctive line");
        }
        assertTrue(removedNames.contains("keepWherePositive"), removedNames.toString());
        assertTrue(removedNames.contains("reluBackward"), removedNames.toString());

        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(kit.out())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    String trimmed = line.trim();
                    if (distinctive.containsKey(trimmed)) {
                        leaks.add(kit.out().relativize(file) + ": " + trimmed + "  (from " + distinctive.get(trimmed) + ")");
                    }
                }
                for (String name : removedNames) {
                    if (text.contains(name)) {
                        leaks.add(kit.out().relativize(file) + ": mentions " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    // ---- the students' test, run on the kit ----

    @Test
    void theKitsLabTestFailsNamingEachStubbedPassAndPassesWithCorrectBodies() throws Exception {
        Map<String, String> stubbed = runStudentsTest(kit.out(), temp.resolve("build-kit"));
        assertEquals(LabLayer.all().stream().map(LabLayer::method).toList(), List.copyOf(stubbed.keySet()));
        for (LabLayer layer : LabLayer.all()) {
            String failure = stubbed.get(layer.method());
            assertNotNull(failure, layer.method() + " passed with a stub");
            assertTrue(failure.startsWith(layer.method() + ": not implemented yet (the stub throws \"TODO: implement "
                    + layer.method() + " — see docs "), failure);
        }

        Map<String, String> solvedRun = runStudentsTest(solved, temp.resolve("build-solved"));
        assertEquals(LabLayer.all().stream().map(LabLayer::method).toList(), List.copyOf(solvedRun.keySet()));
        solvedRun.forEach((method, failure) -> assertEquals(null, failure, method));
    }

    // ---- the grader ----

    @Test
    void theGraderScoresTheStubsZeroAndCorrectBodiesFull() throws Exception {
        Grade stubs = grader.grade(kit.out());
        for (LayerGrade g : stubs.layers()) {
            assertEquals("not implemented", g.result(), g.toString());
            assertEquals(0, g.passed());
        }
        assertEquals(0, stubs.total());

        Grade full = grader.grade(solved);
        full.layers().forEach(g -> assertEquals("pass", g.result(), g.toString()));
        assertEquals(List.of(4, 2, 2, 2, 2), full.layers().stream().map(LayerGrade::total).toList());
        assertEquals(5.0, full.total(), 0);
    }

    /**
     * One submission with a pass of each kind: right, wrong, not compiling, crashing the JVM, and
     * still a stub; and one handed in as a .zip with a folder around the kit.
     */
    @Test
    void theGraderGradesEachPassOnItsOwn() throws Exception {
        Path submissions = temp.resolve("submissions");
        Path mixed = submissions.resolve("bob");
        copyTree(kit.out(), mixed);
        paste(mixed, LabLayer.LINEAR, referenceBody(LabLayer.LINEAR));
        paste(mixed, LabLayer.RELU, List.of("        return dA; // forgets the mask"));
        paste(mixed, LabLayer.SOFTMAX_CE, List.of("        return p // a semicolon short"));
        paste(mixed, LabLayer.MSE, List.of("        System.exit(3);", "        return null;"));
        zip(solved, "carol-handin/", submissions.resolve("carol.zip"));

        List<Path> found = LabGrader.submissionsIn(submissions);
        assertEquals(List.of("bob", "carol.zip"), found.stream().map(p -> p.getFileName().toString()).toList());

        Grade bob = grader.grade(found.get(0));
        Map<LabLayer, LayerGrade> byLayer = new LinkedHashMap<>();
        bob.layers().forEach(g -> byLayer.put(g.layer(), g));
        assertEquals("pass", byLayer.get(LabLayer.LINEAR).result());
        assertEquals(1.0, byLayer.get(LabLayer.LINEAR).points());
        assertEquals("FAIL", byLayer.get(LabLayer.RELU).result());
        assertTrue(byLayer.get(LabLayer.RELU).detail().startsWith("dZ is wrong: max relative error 1.0, worst at "),
                byLayer.get(LabLayer.RELU).detail());
        assertEquals("does not compile", byLayer.get(LabLayer.SOFTMAX_CE).result());
        assertTrue(byLayer.get(LabLayer.SOFTMAX_CE).detail().startsWith("SoftmaxCrossEntropy.java:"),
                byLayer.get(LabLayer.SOFTMAX_CE).detail());
        assertEquals("not implemented", byLayer.get(LabLayer.TANH).result());
        assertEquals("crashed", byLayer.get(LabLayer.MSE).result());
        assertEquals(1.0, bob.total(), 0);

        Grade carol = grader.grade(found.get(1));
        assertEquals("carol", carol.submission());
        assertEquals(5.0, carol.total(), 0, carol.toString());
    }

    /**
     * Hostile and broken submissions, graded in one run: each gets its own row, and none stops the
     * grading of the others (the correct one, graded last, still gets every point).
     */
    @Test
    void hostileSubmissionsEarnNothingAndStopNothing() throws Exception {
        Path submissions = temp.resolve("hostile");
        // Prints what the old grader read as verdicts, in both of lab-check's formats, then stops the JVM.
        Path forger = copyOfKit(submissions.resolve("a-forger"));
        paste(forger, LabLayer.LINEAR, List.of(
                "        for (String id : new String[] {\"linear\", \"relu\", \"softmax-ce\"}) {",
                "            System.out.println(id + \"\\tpass\\t2\\t2\\t1.000e-11\\tpass\");",
                "        }",
                "        System.out.println(\"PASS: all 3 backward passes are right\");",
                "        Runtime.getRuntime().halt(0);",
                "        return null;"));
        Path looper = copyOfKit(submissions.resolve("b-looper"));
        paste(looper, LabLayer.RELU, List.of("        while (dA != null) { Thread.onSpinWait(); }", "        return dA;"));
        Path talker = copyOfKit(submissions.resolve("c-talker"));
        paste(talker, LabLayer.SOFTMAX_CE, List.of("        while (true) { System.out.println(\"lots to say\"); }"));
        Path linker = copyOfKit(submissions.resolve("d-linker"));
        Files.delete(linker.resolve(LabLayer.LINEAR.sourcePath()));
        Files.createSymbolicLink(linker.resolve(LabLayer.LINEAR.sourcePath()), PROJECT.resolve(LabLayer.LINEAR.sourcePath()));
        zipWithEntry(submissions.resolve("e-escaper.zip"), "../../escaped.txt", "outside");
        Files.writeString(submissions.resolve("f-not-a-zip.zip"), "this is text, not a zip\n");
        Files.writeString(submissions.resolve("g-notes.txt"), "a file that is no submission\n");
        copyTree(solved, submissions.resolve("z-correct"));

        Map<String, Grade> grades = new LinkedHashMap<>();
        for (Path submission : LabGrader.submissionsIn(submissions)) {
            Grade grade = grader.grade(submission);
            grades.put(grade.submission(), grade);
        }
        assertEquals(List.of("a-forger", "b-looper", "c-talker", "d-linker", "e-escaper", "f-not-a-zip", "g-notes.txt",
                "z-correct"), List.copyOf(grades.keySet()));

        assertEquals(List.of("crashed", "not implemented", "not implemented", "not implemented", "not implemented"),
                results(grades.get("a-forger")));
        assertEquals(0, grades.get("a-forger").total());
        assertEquals("timed out", results(grades.get("b-looper")).get(1));
        assertEquals("output limit", results(grades.get("c-talker")).get(2));
        assertEquals("refused", results(grades.get("d-linker")).get(0));
        assertTrue(grades.get("d-linker").layers().get(0).detail().contains("symbolic link"));
        assertTrue(grades.get("e-escaper").problem().contains("outside it, ../../escaped.txt"), grades.get("e-escaper").problem());
        assertFalse(Files.exists(temp.resolve("grader/submissions/escaped.txt")));
        assertFalse(Files.exists(temp.resolve("grader/escaped.txt")));
        assertTrue(grades.get("f-not-a-zip").problem().startsWith("f-not-a-zip.zip is not a zip file"),
                grades.get("f-not-a-zip").problem());
        assertEquals("g-notes.txt is neither a directory nor a .zip file", grades.get("g-notes.txt").problem());
        for (String broken : List.of("b-looper", "c-talker", "d-linker", "e-escaper", "f-not-a-zip", "g-notes.txt")) {
            assertEquals(0, grades.get(broken).total(), broken);
        }
        assertEquals(5.0, grades.get("z-correct").total(), 0, grades.get("z-correct").toString());
    }

    /** A student's mistake, planted in one backward pass, and what its message must say. */
    private record Planted(String name, LabLayer layer, List<String> body, String item, String says) {
    }

    private static final String SOFTMAX_CE_LOOP = "        for (int i = 0; i < dZ.size(); i++) {";

    /** The mistakes of issue #15 and chapter 9, each with the diagnosis its numbers must get. */
    private static List<Planted> plantedMistakes() {
        String ceReuse = "        dZ = Matrix.reuse(dZ, p.precision(), p.rows(), p.cols());";
        String linearRest = String.join("\n",
                "        MatrixOps.columnSums(dZ, bias.gradient());",
                "        dX = Matrix.reuse(dX, dZ.precision(), dZ.rows(), weights.value().rows());",
                "        MatrixOps.multiplyTransposeB(dZ, weights.value(), dX);",
                "        return dX;");
        return List.of(
                new Planted("missing-1-over-n", LabLayer.SOFTMAX_CE, List.of(ceReuse, SOFTMAX_CE_LOOP,
                        "            dZ.setFlat(i, p.getFlat(i) - y.getFlat(i));", "        }", "        return dZ;"), "dZ",
                        "it is 5.000 times the true gradient at every element: N = 5, the batch size: the 1/N of the mean is missing"),
                new Planted("sign", LabLayer.SOFTMAX_CE, List.of(ceReuse, SOFTMAX_CE_LOOP,
                        "            dZ.setFlat(i, (y.getFlat(i) - p.getFlat(i)) / p.rows());", "        }", "        return dZ;"), "dZ",
                        "it is -1.000 times the true gradient at every element: a sign error"),
                new Planted("factor-2", LabLayer.MSE, List.of(
                        "        dA = Matrix.reuse(dA, a.precision(), a.rows(), a.cols());",
                        "        for (int i = 0; i < dA.size(); i++) {",
                        "            dA.setFlat(i, 2 * (a.getFlat(i) - y.getFlat(i)) / a.rows());", "        }", "        return dA;"), "dA",
                        "it is 2.000 times the true gradient at every element: a factor 2 too many"),
                new Planted("accumulates", LabLayer.LINEAR, List.of(
                        "        Matrix g = weights.gradient();",
                        "        for (int i = 0; i < x.cols(); i++) {",
                        "            for (int j = 0; j < dZ.cols(); j++) {",
                        "                double sum = 0;",
                        "                for (int n = 0; n < x.rows(); n++) {",
                        "                    sum += x.get(n, i) * dZ.get(n, j);",
                        "                }",
                        "                g.set(i, j, g.get(i, j) + sum);",
                        "            }",
                        "        }",
                        linearRest), "dW",
                        "it changes when the pass runs again on the same input"),
                new Planted("never-written", LabLayer.LINEAR, List.of(linearRest), "dW",
                        "it is 0 at every element: dW is never written"),
                new Planted("relu-times-a", LabLayer.RELU, List.of(
                        "        dZ = Matrix.reuse(dZ, dA.precision(), dA.rows(), dA.cols());",
                        "        for (int i = 0; i < dA.size(); i++) {",
                        "            dZ.setFlat(i, Math.max(z.getFlat(i), 0) * dA.getFlat(i));",
                        "        }",
                        "        return dZ;"), "dZ",
                        "wrong exactly where Z > 0"),
                new Planted("relu-no-mask", LabLayer.RELU, List.of("        return dA;"), "dZ",
                        "wrong exactly where Z ≤ 0"),
                new Planted("last-row", LabLayer.LINEAR, List.of(
                        "        MatrixOps.multiplyTransposeA(x, dZ, weights.gradient());",
                        "        MatrixOps.columnSums(dZ, bias.gradient());",
                        "        dX = Matrix.reuse(dX, dZ.precision(), dZ.rows(), weights.value().rows());",
                        "        for (int n = 0; n < dZ.rows() - 1; n++) {",
                        "            for (int i = 0; i < dX.cols(); i++) {",
                        "                double sum = 0;",
                        "                for (int j = 0; j < dZ.cols(); j++) {",
                        "                    sum += dZ.get(n, j) * weights.value().get(i, j);",
                        "                }",
                        "                dX.set(n, i, sum);",
                        "            }",
                        "        }",
                        "        return dX;"), "dX",
                        "wrong in every element of row 3 and right everywhere else"));
    }

    /** Each planted mistake, graded, gets the message that names its cause. */
    @Test
    void eachPlantedMistakeGetsTheDiagnosisItsNumbersShow() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Planted mistake : plantedMistakes()) {
            Path submission = copyOfKit(temp.resolve("planted").resolve(mistake.name()));
            paste(submission, mistake.layer(), mistake.body());
            Grade grade = grader.grade(submission);
            LayerGrade g = grade.layers().get(GRADED.indexOf(mistake.layer()));
            if (!g.result().equals("FAIL") || !g.detail().startsWith(mistake.item() + " ") || !g.detail().contains(mistake.says())) {
                wrong.add(mistake.name() + ": " + g.result() + ": " + g.detail());
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static List<String> results(Grade grade) {
        return grade.layers().stream().map(LayerGrade::result).toList();
    }

    private Path copyOfKit(Path to) throws IOException {
        copyTree(kit.out(), to);
        return to;
    }

    private static void zipWithEntry(Path zip, String entry, String text) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    // ---- helpers ----

    /** The body of the layer's region in the reference sources. */
    static List<String> referenceBody(LabLayer layer) throws IOException {
        List<String> lines = LabRegions.lines(Files.readString(PROJECT.resolve(layer.sourcePath())));
        return LabRegions.body(lines, LabRegions.named(LabRegions.find(lines, layer.sourcePath()), layer.bodyTag()));
    }

    /** Writes a body between the layer's markers in a copy of the kit, as a student would. */
    static void paste(Path kitCopy, LabLayer layer, List<String> body) throws IOException {
        Path file = kitCopy.resolve(layer.sourcePath());
        List<String> lines = LabRegions.lines(Files.readString(file));
        Region region = LabRegions.named(LabRegions.find(lines, file.toString()), layer.bodyTag());
        Files.writeString(file, LabRegions.join(LabRegions.replaceBody(lines, region, body)));
    }

    /**
     * trimmed line → the tag of its region, for every line of a lab region in the main sources that
     * is 20 characters or longer, not a comment, and not found outside the lab regions.
     */
    private static Map<String, String> distinctiveReferenceLines() throws IOException {
        Map<String, String> inRegions = new TreeMap<>();
        Set<String> elsewhere = new HashSet<>();
        for (Path file : JavaSources.under(PROJECT.resolve("src/main/java"))) {
            List<String> lines = LabRegions.lines(Files.readString(file));
            List<Region> regions = LabRegions.find(lines, file.toString());
            for (int i = 0; i < lines.size(); i++) {
                int index = i;
                Region region = regions.stream().filter(r -> r.contains(index)).findFirst().orElse(null);
                String trimmed = lines.get(i).trim();
                if (region == null) {
                    elsewhere.add(trimmed);
                } else if (trimmed.length() >= 20 && !trimmed.startsWith("//") && !trimmed.startsWith("*")
                        && !trimmed.startsWith("/*")) {
                    inRegions.putIfAbsent(trimmed, region.tag());
                }
            }
        }
        inRegions.keySet().removeAll(elsewhere);
        return inRegions;
    }

    /** The names of the methods the lab-remove regions declare. */
    private static Set<String> removedNames() throws IOException {
        Pattern declaration = Pattern.compile("\\b(?:void|Matrix|double|float|int|boolean)\\s+(\\w+)\\s*\\(");
        Set<String> names = new HashSet<>();
        for (Path file : JavaSources.under(PROJECT.resolve("src/main/java"))) {
            List<String> lines = LabRegions.lines(Files.readString(file));
            for (Region region : LabRegions.find(lines, file.toString())) {
                if (region.tag().startsWith("lab-remove-")) {
                    for (String line : LabRegions.body(lines, region)) {
                        Matcher m = declaration.matcher(line);
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                }
            }
        }
        return names;
    }

    /**
     * Compiles a kit's main and test sources and runs its LabGradientCheckTest on them, in a class
     * loader that takes every org.nnlab class from the kit. Returns each dynamic test's name (the
     * backward pass) with its failure message, or null when it passed.
     */
    private static Map<String, String> runStudentsTest(Path kitDir, Path build) throws Exception {
        Path classes = build.resolve("classes");
        Path testClasses = build.resolve("test-classes");
        assertEquals(List.of(), JavaSources.compile(JavaSources.under(kitDir.resolve("src/main/java")), classes, List.of()));
        copyTree(kitDir.resolve("src/main/resources"), classes);
        List<Path> testClasspath = new ArrayList<>(List.of(classes));
        testClasspath.addAll(testLibraries());
        assertEquals(List.of(), JavaSources.compile(JavaSources.under(kitDir.resolve("src/test/java")), testClasses,
                testClasspath));

        Map<String, String> outcomes = new LinkedHashMap<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new KitClassLoader(new URL[] {classes.toUri().toURL(), testClasses.toUri().toURL()},
                LabKitTest.class.getClassLoader())) {
            Class<?> test = loader.loadClass("org.nnlab.lab.LabGradientCheckTest");
            assertEquals(loader, test.getClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(test)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                outcomes.put(id.getDisplayName(), result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                                        ? null : result.getThrowable().map(Throwable::getMessage).orElse("failed"));
                            }
                        }
                    });
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return outcomes;
    }

    /**
     * The jars the kit's tests compile against: JUnit Jupiter, jqwik and what their annotations
     * need, and Selenium's Chrome driver with its supertypes' jars (the browser tests of nnlab serve).
     */
    private static List<Path> testLibraries() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (Class<?> c : List.of(org.junit.jupiter.api.Test.class, org.junit.jupiter.params.ParameterizedTest.class,
                org.opentest4j.AssertionFailedError.class, org.apiguardian.api.API.class,
                org.junit.platform.commons.annotation.Testable.class, net.jqwik.api.Property.class,
                org.openqa.selenium.WebDriver.class, org.openqa.selenium.chrome.ChromeDriver.class,
                org.openqa.selenium.chromium.ChromiumDriver.class, org.openqa.selenium.remote.RemoteWebDriver.class,
                org.openqa.selenium.remote.http.ClientConfig.class)) {
            Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return jars;
    }

    /** Takes org.nnlab classes and resources from its own URLs only, never from the reference project. */
    private static final class KitClassLoader extends URLClassLoader {
        KitClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.nnlab.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("org/nnlab/") ? findResource(name) : super.getResource(name);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void zip(Path dir, String prefix, Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> paths = Files.walk(dir.resolve("src"))) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(prefix + dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }
}
