package org.nnlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nnlab.data.DataLocations;
import org.nnlab.lab.LabGrader;
import org.nnlab.lab.LabGrader.Grade;
import org.nnlab.lab.LabGrader.LayerGrade;
import org.nnlab.lab.LabLayer;
import org.nnlab.formats.TextTable;

/**
 * {@code nnlab lab-grade}: grades the students' submissions of the course lab (see
 * {@link LabGrader}): a table per submission with a line on each pass that lost points, a summary
 * table with one row per submission, and the same summary as CSV on request. One point per
 * backward pass, shared equally among its checks (each gradient it returns or writes, and float32).
 */
final class LabGradeCommand implements Main.Command {

    static Flags flags() {
        return new Flags("lab-grade")
                .option("submissions", "DIR", null, "a directory with one subdirectory or .zip per student, or one"
                        + " student's kit (required)")
                .option("layers", "LIST", LabLayer.ids(LabLayer.DEFAULT), "the backward passes of the lab, as given to"
                        + " nnlab lab-kit")
                .option("csv", "FILE", null, "also write the summary table as CSV")
                .option("timeout", "SECONDS", Long.toString(LabGrader.Limits.DEFAULT.time().toSeconds()), "time allowed to"
                        + " each backward pass's checks, JVM start included")
                .option("output-limit", "KB", Long.toString(LabGrader.Limits.DEFAULT.output() >> 10), "what each backward"
                        + " pass's checks may print, in kB; past it they are stopped")
                .option("seed", "N", null, "the seed of the checks' data (default: a new one, printed; give it again to"
                        + " grade the same way)")
                .option("work", "DIR", null, "where to build the submissions' kits, kept for inspection (default: a"
                        + " temporary directory, deleted)")
                .option("project", "DIR", null, "the reference project (default: this nnlab)");
    }

    @Override
    public String summary() {
        return "grade students' lab submissions: a score table per backward pass";
    }

    /** --project, else the launcher's nnlab.home, else the current directory. */
    static Path project(Flags flags) {
        return flags.isSet("project") ? Path.of(flags.get("project")) : DataLocations.fromEnvironment().projectDir();
    }

    @Override
    public int run(String[] args) {
        Flags flags = flags();
        if (!flags.parse(args)) {
            return 0;
        }
        if (!flags.isSet("submissions")) {
            throw new UsageException("lab-grade: --submissions DIR is required (see nnlab lab-grade --help)");
        }
        List<LabLayer> layers = flags.get("layers", "a list of lab layers", LabLayer::parseList);
        LabGrader.Limits limits = new LabGrader.Limits(Duration.ofSeconds(flags.positiveInt("timeout")),
                (long) flags.positiveInt("output-limit") << 10);
        // A seed the students cannot know in advance: answers written down for lab-check's data earn nothing.
        long seed = flags.isSet("seed") ? flags.get("seed", "an integer", Long::parseLong)
                : new SecureRandom().nextInt(1_000_000_000);
        Path submissions = Path.of(flags.get("submissions"));
        if (!Files.isDirectory(submissions)) {
            throw new CommandFailedException("lab-grade: no directory " + submissions);
        }
        Path work = null;
        try {
            work = flags.isSet("work") ? Path.of(flags.get("work")) : Files.createTempDirectory("nnlab-lab-grade");
            List<Path> each = LabGrader.submissionsIn(submissions);
            if (each.isEmpty()) {
                throw new CommandFailedException("lab-grade: " + submissions + " holds no submission (a directory or a .zip each)");
            }
            LabGrader grader = new LabGrader(project(flags), layers, work, limits, seed);
            System.out.printf("lab grade: %d submission%s; %s, one point each; data seed %d%n", each.size(),
                    each.size() == 1 ? "" : "s", String.join(", ", layers.stream().map(LabLayer::method).toList()), seed);
            List<Grade> grades = new ArrayList<>();
            for (Path submission : each) {
                Grade grade = grader.grade(submission);
                grades.add(grade);
                print(grade, layers.size());
            }
            String summary = summary(grades, layers);
            System.out.print("\nsummary\n\n" + summary);
            if (flags.isSet("csv")) {
                Files.writeString(Path.of(flags.get("csv")), csv(grades, layers), StandardCharsets.UTF_8);
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandFailedException("lab-grade: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("lab-grade: interrupted");
        } finally {
            if (work != null && !flags.isSet("work")) {
                deleteQuietly(work);
            }
        }
    }

    private static void print(Grade grade, int layers) {
        System.out.printf("%n%s: %s of %d points%n%n", grade.submission(), points(grade.total()), layers);
        if (grade.problem() != null) {
            System.out.println("not graded: " + grade.problem());
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (LayerGrade g : grade.layers()) {
            rows.add(List.of(g.layer().method(), g.result(), g.passed() + "/" + g.total(), points(g.points())));
        }
        System.out.print(TextTable.format(List.of("backward pass", "result", "checks passed", "points"),
                new boolean[] {false, false, true, true}, rows));
        List<LayerGrade> lost = grade.layers().stream().filter(g -> g.passed() < g.total()).toList();
        if (!lost.isEmpty()) {
            System.out.println();
            lost.forEach(g -> System.out.println(g.layer().method() + ": " + g.detail()));
        }
    }

    private static String summary(List<Grade> grades, List<LabLayer> layers) {
        List<String> headings = new ArrayList<>(List.of("submission"));
        layers.forEach(l -> headings.add(l.id()));
        headings.add("total");
        boolean[] right = new boolean[headings.size()];
        java.util.Arrays.fill(right, 1, right.length, true);
        List<List<String>> rows = new ArrayList<>();
        for (Grade grade : grades) {
            List<String> row = new ArrayList<>(List.of(grade.submission()));
            grade.layers().forEach(g -> row.add(points(g.points())));
            row.add(points(grade.total()));
            rows.add(row);
        }
        return TextTable.format(headings, right, rows);
    }

    private static String csv(List<Grade> grades, List<LabLayer> layers) {
        StringBuilder sb = new StringBuilder("submission");
        layers.forEach(l -> sb.append(',').append(l.id()));
        sb.append(",total\n");
        for (Grade grade : grades) {
            sb.append('"').append(grade.submission().replace("\"", "\"\"")).append('"');
            grade.layers().forEach(g -> sb.append(',').append(points(g.points())));
            sb.append(',').append(points(grade.total())).append('\n');
        }
        return sb.toString();
    }

    private static String points(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("nnlab lab-grade: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
