package org.nnlab.book;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the book's build ({@code mvn -Pdocs generate-resources}) runs before Asciidoctor: it draws
 * the book's figures, and it runs every command of every console listing again and compares what
 * they print now with what the book shows. A listing whose output has changed fails the build, with
 * the first differing line; the prose around it may describe the old output, so a person must read
 * it before the listing is rewritten ({@code -Dbook.update}).
 *
 * <pre>
 *   java org.nnlab.book.BookBuild PROJECT OUT [--update]
 *     PROJECT/docs/listings/*.console, PROJECT/answers/listings/*.console: the listings
 *     PROJECT/docs/listings/worked-example.adoc: the worked example's numbers (chapter 4)
 *     OUT/images: the figures      OUT/run: where the commands run (this JVM's working directory)
 *     OUT/printed: what each listing's commands printed this time
 * </pre>
 */
public final class BookBuild {
    static final String LISTING_SUFFIX = ".console";
    static final String MASKS_FILE = "masks.txt";
    static final String WORKED_EXAMPLE = "worked-example.adoc";

    private final Path project;
    private final Path out;
    private final boolean update;
    private final List<String> problems = new ArrayList<>();

    BookBuild(Path project, Path out, boolean update) {
        this.project = project.toAbsolutePath().normalize();
        this.out = out.toAbsolutePath().normalize();
        this.update = update;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].matches("--update|--update=(true|false)"))) {
            System.err.println("usage: BookBuild PROJECT OUT [--update]");
            System.exit(2);
        }
        boolean update = args.length == 3 && !args[2].equals("--update=false");
        List<String> problems = new BookBuild(Path.of(args[0]), Path.of(args[1]), update).run();
        if (!problems.isEmpty()) {
            System.out.println(String.join("\n\n", problems));
            System.out.println("\nThe book's build failed: " + problems.size() + " of its outputs differ from what nnlab prints now."
                    + "\nRead what the book says about each, then rewrite the listings with"
                    + " mvn -Pdocs generate-resources -Dbook.update (and check the prose again).");
            System.exit(1);
        }
        System.out.println("BookBuild: every listing prints what the book shows");
    }

    List<String> run() throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("printed"));
        BookFigures.writeAll(out.resolve("images"));
        checkText(project.resolve("docs/listings").resolve(WORKED_EXAMPLE), WorkedExample.asciidoc());
        CommandRunner runner = new CommandRunner(out.resolve("run"), project);
        for (Path directory : List.of(project.resolve("docs/listings"), project.resolve("answers/listings"))) {
            List<MaskRule> masks = MaskRule.read(directory.resolve(MASKS_FILE));
            for (Path file : listingsIn(directory)) {
                checkListing(file, runner, masks);
            }
        }
        return problems;
    }

    private static List<Path> listingsIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(LISTING_SUFFIX)).sorted().toList();
        }
    }

    private void checkListing(Path file, CommandRunner runner, List<MaskRule> masks) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
        Listing listing = Listing.parse(project.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
        OutputComparison comparison = new OutputComparison(MaskRule.patternsFor(masks, name));
        List<List<String>> printed = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (Listing.Step step : listing.steps()) {
            List<String> lines = Listing.lines(runner.run(step.command()));
            printed.add(lines);
            comparison.compare(step.output(), lines).ifPresent(mismatch -> differences.add(
                    "the output of `" + step.command() + "` has changed:\n" + mismatch.describe()));
        }
        Listing now = listing.withOutputs(printed);
        Files.writeString(out.resolve("printed").resolve(name), now.format(), StandardCharsets.UTF_8);
        if (differences.isEmpty()) {
            return;
        }
        boolean elided = listing.steps().stream().anyMatch(s -> s.output().stream().anyMatch(l -> l.strip().equals(OutputComparison.ELISION)));
        if (update && !elided) {
            Files.writeString(file, now.format(), StandardCharsets.UTF_8);
            System.out.println("BookBuild: rewrote " + listing.name());
            return;
        }
        problems.add(listing.name() + ": " + String.join("\n", differences) + "\n  (all it printed: "
                + out.resolve("printed").resolve(name) + (elided ? "; the listing leaves lines out (…), so update it by hand)" : ")"));
    }

    /** A text nnlab writes for the book (not a console listing): it must be exactly what the book holds. */
    private void checkText(Path file, String text) throws IOException {
        String name = project.relativize(file).toString();
        Files.writeString(out.resolve("printed").resolve(file.getFileName()), text, StandardCharsets.UTF_8);
        String book = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Optional<OutputComparison.Mismatch> mismatch = new OutputComparison(List.of()).compare(
                Listing.lines(book), Listing.lines(text));
        if (mismatch.isEmpty()) {
            return;
        }
        if (update) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            System.out.println("BookBuild: rewrote " + name);
            return;
        }
        problems.add(name + ": what nnlab writes for it has changed:\n" + mismatch.get().describe());
    }

    /** A pattern that a listing's output may differ by, with the reason it honestly varies. */
    record MaskRule(String listing, Pattern pattern) {

        /**
         * Lines "NAME.console REGEX"; comment lines (#) above each say why it varies. A listing
         * without a rule masks only the timings.
         */
        static List<MaskRule> read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<MaskRule> rules = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException(file + ": expected 'NAME.console REGEX', got '" + line + "'");
                }
                rules.add(new MaskRule(parts[0], Pattern.compile(parts[1])));
            }
            return rules;
        }

        static List<Pattern> patternsFor(List<MaskRule> rules, String listing) {
            return rules.stream().filter(r -> r.listing().equals(listing)).map(MaskRule::pattern).toList();
        }
    }
}
