package org.nnlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.lab.LabRegions.Region;

/**
 * No near-copy of a stubbed pass in any kit. A pass's <em>characteristic statements</em> are the
 * statements of its reference body, and of the ways a student writes it where the reference calls
 * a helper, compared with the names of variables replaced ({@link Statements}), that are six
 * tokens or longer and occur nowhere outside the lab regions of the main sources (which leaves out
 * {@code dZ = Matrix.reuse(…)} and {@code return dZ;}), and that are not on the short list of
 * {@link #GENERIC} statements. For the default kit, a kit of each pass
 * alone, and a kit of all of them, no Java file of the kit, main or test, may hold a
 * characteristic statement of a pass the kit stubs, asked for or withheld.
 *
 * <p>That the comparison can fail is shown on the reference sources: softmax-CE's body is found in
 * MSE's and BCE's, which is why a kit withholds the losses together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KitNearCopyTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final int SHORTEST = 6;

    /**
     * How a student writes a pass whose reference body calls something the kit removes: ReLU's
     * reference calls the mask {@code MatrixOps.keepWherePositive}, gone from every kit with ReLU.
     */
    private static final Map<LabLayer, String> STUDENT_FORMS = Map.of(LabLayer.RELU, """
            dZ = Matrix.reuse(dZ, dA.precision(), dA.rows(), dA.cols());
            for (int i = 0; i < dA.size(); i++) {
                dZ.setFlat(i, z.getFlat(i) > 0 ? dA.getFlat(i) : 0);
            }
            MatrixOps.zip(dA, z, (da, zi) -> zi > 0 ? da : 0, dZ);
            MatrixOps.zip(dA, z, (da, zi) -> zi > 0 ? da : 0.0, dZ);
            return dZ;
            """);

    /**
     * Statements of a body that are not its answer, each with the reason. Softmax's row sum
     * Σⱼ dSₙⱼ Sₙⱼ is an ordinary dot product, the same statement as a test's Σ A ⊙ G (KinkTest).
     */
    private static final Map<String, String> GENERIC = Map.of(
            "v += v . get ( v , v ) * v . get ( v , v ) ;", "a dot product, Σⱼ aₙⱼ bₙⱼ");

    private Path temp;
    private final Map<LabLayer, Set<String>> characteristic = new EnumMap<>(LabLayer.class);

    @BeforeAll
    void findEachPassesCharacteristicStatements(@TempDir Path directory) throws IOException {
        temp = directory;
        Set<String> outsideRegions = new HashSet<>();
        Map<LabLayer, List<String>> bodies = new EnumMap<>(LabLayer.class);
        for (Path file : JavaSources.under(PROJECT.resolve("src/main/java"))) {
            List<String> lines = LabRegions.lines(Files.readString(file));
            List<Region> regions = LabRegions.find(lines, file.toString());
            StringBuilder outside = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                int index = i;
                if (regions.stream().noneMatch(r -> r.contains(index))) {
                    outside.append(lines.get(i)).append('\n');
                }
            }
            outsideRegions.addAll(Statements.of(outside.toString()));
            for (LabLayer layer : LabLayer.all()) {
                Region body = LabRegions.named(regions, layer.bodyTag());
                if (body != null) {
                    bodies.put(layer, LabRegions.body(lines, body));
                }
            }
        }
        for (LabLayer layer : LabLayer.all()) {
            Set<String> statements = new TreeSet<>(Statements.of(String.join("\n", bodies.get(layer))));
            statements.addAll(Statements.of(STUDENT_FORMS.getOrDefault(layer, "")));
            statements.removeIf(s -> Statements.length(s) < SHORTEST || outsideRegions.contains(s) || GENERIC.containsKey(s));
            assertFalse(statements.isEmpty(), layer.method() + " has no characteristic statement to look for");
            characteristic.put(layer, statements);
        }
    }

    @Test
    void theComparisonFindsTheLossesInEachOther() throws IOException {
        Map<String, List<String>> found = nearCopies(PROJECT, List.of(LabLayer.SOFTMAX_CE));
        assertEquals(Set.of("src/main/java/org/nnlab/losses/MeanSquaredError.java",
                "src/main/java/org/nnlab/losses/BinaryCrossEntropy.java",
                "src/main/java/org/nnlab/losses/SoftmaxCrossEntropy.java"), found.keySet(), found.toString());
    }

    @Test
    void aKitWithholdsTheRestOfEachFamily() {
        assertEquals(List.of(LabLayer.SIGMOID, LabLayer.TANH, LabLayer.MSE, LabLayer.BCE), LabLayer.withheld(LabLayer.DEFAULT));
        assertEquals(List.of(), LabLayer.withheld(List.of(LabLayer.LINEAR, LabLayer.SOFTMAX)));
        assertEquals(List.of(LabLayer.RELU, LabLayer.SIGMOID), LabLayer.withheld(List.of(LabLayer.TANH)));
        assertEquals(List.of(), LabLayer.withheld(LabLayer.all()));
    }

    @TestFactory
    Stream<DynamicTest> noKitHoldsAStatementOfAPassItStubs() {
        Map<String, List<LabLayer>> kits = new LinkedHashMap<>();
        kits.put("default", LabLayer.DEFAULT);
        LabLayer.all().forEach(layer -> kits.put(layer.id(), List.of(layer)));
        kits.put("all", LabLayer.all());
        return kits.entrySet().stream().map(kit -> DynamicTest.dynamicTest(kit.getKey(), () -> {
            LabKit.Kit generated = new LabKit(PROJECT, kit.getValue()).generate(temp.resolve(kit.getKey()));
            List<LabLayer> stubbed = new ArrayList<>(generated.stubbed().keySet());
            stubbed.addAll(generated.withheld().keySet());
            assertEquals(Set.copyOf(familiesOf(kit.getValue())), Set.copyOf(stubbed), "the kit stubs whole families");
            assertEquals(Map.of(), nearCopies(generated.out(), stubbed));
        }));
    }

    private static List<LabLayer> familiesOf(List<LabLayer> layers) {
        return layers.stream().flatMap(l -> l.family().stream()).distinct().toList();
    }

    /** Java file, relative to {@code root} → the characteristic statements of the given passes it holds. */
    private Map<String, List<String>> nearCopies(Path root, List<LabLayer> passes) throws IOException {
        Map<String, LabLayer> wanted = new LinkedHashMap<>();
        for (LabLayer layer : passes) {
            characteristic.get(layer).forEach(s -> wanted.putIfAbsent(s, layer));
        }
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Path file : JavaSources.under(root)) {
            for (String statement : Statements.of(Files.readString(file))) {
                LabLayer from = wanted.get(statement);
                if (from != null) {
                    found.computeIfAbsent(root.relativize(file).toString(), f -> new ArrayList<>())
                            .add(statement + "  (" + from.method() + ")");
                }
            }
        }
        return found;
    }

    @Test
    void statementsIgnoreNamesLayoutAndComments() {
        assertEquals(Statements.of("dZ.setFlat(i, (p.getFlat(i) - y.getFlat(i)) / n);"),
                Statements.of("dA.setFlat(j,\n    (a.getFlat(j) /* A */ - t.getFlat(j)) / rows); // (A − Y)/N"));
        assertTrue(Statements.of("x.setFlat(i, 2 * (a.getFlat(i) - y.getFlat(i)) / n);").stream()
                .noneMatch(Statements.of("dZ.setFlat(i, (p.getFlat(i) - y.getFlat(i)) / n);")::contains));
    }
}
