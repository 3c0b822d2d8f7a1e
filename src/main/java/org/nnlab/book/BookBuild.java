package org.nnlab.book;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nnlab.data.DataUnavailableException;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;

/**
 * What the book's build ({@code ./mvnw -Pdocs generate-resources}) runs before Asciidoctor: it draws
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
 *
 * While writing the book, {@code -Dbook.only=TEXT} runs only the listings whose file name contains
 * TEXT (e.g. {@code practice-}); the figures and the worked example are always made.
 */
public final class BookBuild {
    static final String LISTING_SUFFIX = ".console";
    static final String SETTINGS_FILE = "listings.txt";
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
        List<String> problems;
        try {
            problems = new BookBuild(Path.of(args[0]), Path.of(args[1]), update).run();
        } catch (DataUnavailableException e) {
            System.out.println("BookBuild: the book's listings run on MNIST, which is not available:\n" + e.getMessage());
            System.exit(1);
            return;
        }
        if (!problems.isEmpty()) {
            System.out.println(String.join("\n\n", problems));
            System.out.println("\nThe book's build failed: " + problems.size() + " of its outputs differ from what nnlab prints now."
                    + "\nRead what the book says about each, then rewrite the listings with"
                    + " ./mvnw -Pdocs generate-resources -Dbook.update (and check the prose again).");
            System.exit(1);
        }
        System.out.println(update ? "BookBuild: done; read the prose around every listing it rewrote"
                : "BookBuild: every listing prints what the book shows");
    }

    List<String> run() throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("printed"));
        BookFigures.writeAll(out.resolve("images"));
        checkText(project.resolve("docs/listings").resolve(WORKED_EXAMPLE), WorkedExample.asciidoc());
        CommandRunner runner = new CommandRunner(out.resolve("run"), project);
        linkMnist(out.resolve("run"));
        for (Path directory : List.of(project.resolve("docs/listings"), project.resolve("answers/listings"))) {
            List<Setting> settings = Setting.read(directory.resolve(SETTINGS_FILE));
            String only = System.getProperty("book.only", "");
            for (Path file : listingsIn(directory)) {
                if (file.getFileName().toString().contains(only)) {
                    long start = System.nanoTime();
                    checkListing(file, runner, settings);
                    // In target/book/build.log: where the book's build spends its time.
                    System.out.printf(java.util.Locale.ROOT, "BookBuild: %s in %.1f s%n", project.relativize(file),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        return problems;
    }

    /**
     * data/mnist/ in the working directory, linked to the four files nnlab reads (fetching them
     * first if they are not on disk), so that chapter 1's {@code wc} and {@code xxd} find them
     * wherever they are kept ({@code data/mnist/} of the project or {@code $NNLAB_DATA}).
     */
    private static void linkMnist(Path run) throws IOException {
        Path directory = Files.createDirectories(run.resolve("data").resolve(Dataset.MNIST.directoryName()));
        for (Map.Entry<String, Path> file : DatasetLoader.standard(Dataset.MNIST).provideFiles().entrySet()) {
            Files.createSymbolicLink(directory.resolve(file.getKey()), file.getValue().toAbsolutePath());
        }
    }

    private static List<Path> listingsIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(LISTING_SUFFIX)).sorted().toList();
        }
    }

    private void checkListing(Path file, CommandRunner runner, List<Setting> settings) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
        Listing listing = Listing.parse(project.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
        for (String command : Setting.values(settings, name, Setting.BEFORE)) {
            String printed = runner.run(command);
            if (!printed.isBlank()) {
                System.out.println("BookBuild: before " + name + ", " + command + ":\n" + printed);
            }
        }
        OutputComparison comparison = new OutputComparison(
                Setting.values(settings, name, Setting.MASK).stream().map(Pattern::compile).toList());
        List<List<String>> printed = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        List<String> elsewhere = Setting.values(settings, name, Setting.IN);
        for (Listing.Step step : listing.steps()) {
            String output = elsewhere.isEmpty() ? runner.run(step.command())
                    : runner.runIn(Path.of(elsewhere.get(0)), step.command());
            List<String> lines = Listing.lines(output);
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

    /**
     * A line of a listings directory's {@value #SETTINGS_FILE}: "NAME.console mask REGEX", a part of
     * the listing's output that honestly varies (the comment above it says why), or "NAME.console
     * before COMMAND", a command run in the working directory before the listing's own, whose output
     * the book does not show (e.g. removing the directory a command must create), or "NAME.console
     * in DIR", a directory to run the listing's commands in instead (see {@link CommandRunner#runIn}).
     * Lines starting with # are comments.
     */
    record Setting(String listing, String kind, String value) {
        static final String MASK = "mask";
        static final String BEFORE = "before";
        static final String IN = "in";

        static List<Setting> read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<Setting> settings = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+", 3);
                if (parts.length != 3 || !List.of(MASK, BEFORE, IN).contains(parts[1])) {
                    throw new IllegalArgumentException(file + ": expected 'NAME.console mask REGEX',"
                            + " 'NAME.console before COMMAND' or 'NAME.console in DIR', got '" + line + "'");
                }
                if (parts[1].equals(MASK)) {
                    Pattern.compile(parts[2]);
                }
                settings.add(new Setting(parts[0], parts[1], parts[2]));
            }
            return settings;
        }

        static List<String> values(List<Setting> settings, String listing, String kind) {
            return settings.stream().filter(s -> s.listing().equals(listing) && s.kind().equals(kind)).map(Setting::value).toList();
        }
    }
}
