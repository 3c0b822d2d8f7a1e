package org.nnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages keep to the boundaries they state. Each package's {@code package-info.java} says
 * what the package is and, in a paragraph {@code <p>May use: {@code a}, {@code b}.}, which other
 * nnlab packages its code may refer to ({@code <p>May use: nothing else in nnlab.} for none). That
 * paragraph is the one place a package's boundary is written: this test reads it, scans every
 * source file of {@code src/main/java} for the nnlab packages it refers to (imports and qualified
 * names, outside comments and strings), and fails when
 *
 * <ul>
 *   <li>a package has no such paragraph (a new package must say where it stands),</li>
 *   <li>a file uses a package its own package may not,</li>
 *   <li>the stated uses form a cycle, or</li>
 *   <li>they break the layering kernels ← matrix ← layers ← losses ← model ← training ← experiment
 *       ← cli (issue #13): a package may rest on the ones below it, never on one above.</li>
 * </ul>
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/nnlab");
    /** Lowest first: each may use (directly or through others) the ones before it, never one after it. */
    private static final List<String> LAYERS = List.of("kernels", "matrix", "layers", "losses", "model", "training",
            "experiment", "cli");
    private static final Pattern MAY_USE = Pattern.compile("<p>May use:(.*?)(?=<p>|\\*/)", Pattern.DOTALL);
    private static final Pattern CODE_NAME = Pattern.compile("\\{@code ([a-z][a-z0-9]*)}");
    private static final Pattern NNLAB_PACKAGE = Pattern.compile("\\borg\\.nnlab\\.([a-z][a-z0-9]*)\\b");

    @Test
    void everyPackageStatesWhatItMayUseAndNamesOnlyRealPackages() {
        List<String> problems = new ArrayList<>();
        Set<String> packages = packages();
        for (String p : packages) {
            Path info = SOURCES.resolve(p).resolve("package-info.java");
            if (!Files.isRegularFile(info) || !MAY_USE.matcher(read(info)).find()) {
                problems.add("package org.nnlab." + p + " does not say what it may use: write " + info
                        + " with a sentence or two on what the package is for and a paragraph"
                        + " '<p>May use: {@code experiment}, {@code persistence}.' naming the nnlab packages its"
                        + " code may refer to ('<p>May use: nothing else in nnlab.' for none)");
                continue;
            }
            for (String used : mayUse(p)) {
                if (!packages.contains(used)) {
                    problems.add(info + " says it may use '" + used + "', which is not a package in " + SOURCES);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noFileUsesAPackageItsPackageMayNot() {
        Map<String, Set<String>> allowed = statedUses();
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String own = SOURCES.relativize(file).getName(0).toString();
            for (String used : referencedPackages(read(file))) {
                if (!used.equals(own) && !allowed.getOrDefault(own, Set.of()).contains(used)) {
                    violations.add(file + " uses org.nnlab." + used + ", which package " + own + " may not: its"
                            + " package-info.java allows " + describe(allowed.get(own)));
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void theStatedUsesHaveNoCycle() {
        Map<String, Set<String>> uses = statedUses();
        for (String start : uses.keySet()) {
            List<String> cycle = pathBetween(uses, start, start);
            if (cycle != null) {
                fail("the packages' stated uses go round in a circle: " + String.join(" → ", cycle)
                        + "; a package must not rest, even indirectly, on one that rests on it");
            }
        }
    }

    @Test
    void theStatedUsesKeepTheLayering() {
        Map<String, Set<String>> uses = statedUses();
        for (int upper = 1; upper < LAYERS.size(); upper++) {
            String above = LAYERS.get(upper);
            String below = LAYERS.get(upper - 1);
            assertTrue(pathBetween(uses, above, below) != null, above + " should rest on " + below);
            for (int lower = 0; lower < upper; lower++) {
                List<String> upward = pathBetween(uses, LAYERS.get(lower), above);
                assertTrue(upward == null, LAYERS.get(lower) + " reaches " + above + ", a package above it: "
                        + (upward == null ? "" : String.join(" → ", upward)));
            }
        }
    }

    @Test
    void theScannerSeesImportsAndQualifiedNamesButNotCommentsOrStrings() {
        String source = """
                package org.nnlab.data;

                import org.nnlab.formats.AtomicFiles;
                import static org.nnlab.matrix.MatrixOps.add;
                /** See {@link org.nnlab.model.Network}. */
                class X {
                    // org.nnlab.training.Trainer in a comment
                    String name = "org.nnlab.cli.Main";
                    String block = \"""
                            org.nnlab.search.SearchPlan
                            \""";
                    org.nnlab.layers.Relu relu;
                }
                """;
        assertEquals(Set.of("data", "formats", "matrix", "layers"), referencedPackages(source));
    }

    /** The package directories below {@link #SOURCES}, by their last name ("training"). */
    private static Set<String> packages() {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Set<String>> statedUses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String p : packages()) {
            uses.put(p, mayUse(p));
        }
        return uses;
    }

    /** The packages named in package p's "May use:" paragraph; empty when it has none. */
    private static Set<String> mayUse(String p) {
        Path info = SOURCES.resolve(p).resolve("package-info.java");
        if (!Files.isRegularFile(info)) {
            return Set.of();
        }
        Matcher paragraph = MAY_USE.matcher(read(info));
        Set<String> names = new LinkedHashSet<>();
        if (paragraph.find()) {
            Matcher name = CODE_NAME.matcher(paragraph.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /** The nnlab packages a Java source refers to in its code (its own among them). */
    static Set<String> referencedPackages(String source) {
        Set<String> found = new TreeSet<>();
        Matcher m = NNLAB_PACKAGE.matcher(codeOnly(source));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /**
     * The source with comments, strings, text blocks and character literals replaced by spaces, read
     * left to right as javac does, so that a quote inside a comment or a comment marker inside a
     * string is taken for what it is.
     */
    private static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end = endOfNonCode(source, i);
            if (end == i) {
                code.append(source.charAt(i++));
            } else {
                code.append(" ".repeat(end - i));
                i = end;
            }
        }
        return code.toString();
    }

    /** Where the comment or literal starting at i ends, or i itself when code starts there. */
    private static int endOfNonCode(String s, int i) {
        if (s.startsWith("//", i)) {
            int newline = s.indexOf('\n', i);
            return newline < 0 ? s.length() : newline;
        }
        if (s.startsWith("/*", i)) {
            return s.indexOf("*/", i + 2) + 2;
        }
        if (s.startsWith("\"\"\"", i)) {
            return s.indexOf("\"\"\"", i + 3) + 3;
        }
        if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
            int j = i + 1;
            while (s.charAt(j) != s.charAt(i)) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return j + 1;
        }
        return i;
    }

    /** The packages on a path of stated uses from one package to another, or null when there is none. */
    private static List<String> pathBetween(Map<String, Set<String>> uses, String from, String to) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(from));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(to)) {
                    return longer;
                }
                if (seen.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return null;
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Set<String> packages) {
        return packages == null || packages.isEmpty() ? "no other nnlab package" : String.join(", ", packages);
    }
}
