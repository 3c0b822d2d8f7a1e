import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The book's example submissions for chapter 9 (alice, bob, carol, dave, eve, frank), made from a
 * student's kit: each student directory under {@code answers/lab/submissions/} holds, for each
 * backward pass the student wrote, a file {@code lab-ID.body} with the lines that go between the
 * markers {@code // tag::lab-ID[]} and {@code // end::lab-ID[]}. A student without bodies hands the
 * kit back untouched; a file there (frank's {@code .zip}, which is not a zip) is handed in as it is.
 * Run by the book's build (docs/listings/listings.txt) with the JDK's single-file launcher:
 *
 * <pre>  java answers/lab/MakeSubmissions.java KIT SUBMISSIONS OUT [STUDENTS]</pre>
 *
 * OUT gets each student's {@code src}, as handed in. STUDENTS, if given, gets each student's whole
 * kit with the same bodies, in which the book runs {@code ./nnlab lab-check} as that student would:
 * the kit's files keep their modification times, so that a kit built before (its jar) sees only the
 * student's lab files as changed, and lab-check takes its fast loop.
 *
 * It lives in answers/, which no kit contains: the bodies are answers, right and wrong.
 */
public class MakeSubmissions {
    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: java MakeSubmissions.java KIT SUBMISSIONS OUT [STUDENTS]");
            System.exit(2);
        }
        Path kit = Path.of(args[0]);
        Path out = Path.of(args[2]);
        List<Path> students;
        try (Stream<Path> entries = Files.list(Path.of(args[1]))) {
            students = entries.sorted().toList();
        }
        for (Path student : students) {
            String name = student.getFileName().toString();
            if (!Files.isDirectory(student)) {
                Files.createDirectories(out);
                Files.copy(student, out.resolve(name));
                continue;
            }
            Path copy = out.resolve(name).resolve("src");
            copyTree(kit.resolve("src"), copy);
            splice(student, copy);
            if (args.length == 4) {
                Path studentKit = Path.of(args[3]).resolve(name);
                copyTree(kit, studentKit);
                splice(student, studentKit.resolve("src"));
            }
        }
    }

    /** Writes each body of the student's directory between its markers, in the sources under {@code sources}. */
    private static void splice(Path student, Path sources) throws IOException {
        try (Stream<Path> bodies = Files.list(student)) {
            for (Path body : bodies.filter(p -> p.toString().endsWith(".body")).sorted().toList()) {
                String id = body.getFileName().toString().replaceFirst("\\.body$", "");
                splice(sources, id, Files.readAllLines(body, StandardCharsets.UTF_8));
            }
        }
    }

    /** Replaces the lines between the markers of region {@code id}, in whichever source file holds them. */
    private static void splice(Path sources, String id, List<String> body) throws IOException {
        String begin = "// tag::" + id + "[]";
        String end = "// end::" + id + "[]";
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                int from = indexOf(lines, begin);
                if (from < 0) {
                    continue;
                }
                int to = indexOf(lines, end);
                List<String> spliced = new ArrayList<>(lines.subList(0, from + 1));
                spliced.addAll(body);
                spliced.addAll(lines.subList(to, lines.size()));
                Files.write(file, spliced, StandardCharsets.UTF_8);
                return;
            }
        }
        throw new IllegalStateException("no region " + id + " in " + sources);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
