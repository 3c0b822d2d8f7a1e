package org.nnlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The students' hand-ins, opened with suspicion: a submission is a directory or a {@code .zip};
 * a zip is unpacked only when every entry stays inside it and the whole stays under a size
 * limit, and a student's file is read only when it is a regular file inside the submission (not a
 * link to the teacher's reference) and of a sane size.
 */
final class Submissions {
    /** Far more than a kit (a few MB): a zip that unpacks to more is refused. */
    static final long MAX_UNPACKED_BYTES = 64L << 20;
    static final int MAX_ENTRIES = 10_000;
    /** A source file of a backward pass is a few kB. */
    static final long MAX_SOURCE_BYTES = 1L << 20;

    /** A submission that cannot be graded at all; the message says why, in one line. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * A student's file of one backward pass, or why there is none to grade.
     *
     * @param file    the file, or null
     * @param result  when there is none: "missing" or "refused"
     * @param problem when there is none: why, in one line
     */
    record PassFile(Path file, String result, String problem) {
    }

    private Submissions() {
    }

    /**
     * Every entry of the directory but dot-files, by name: each is one student's submission. The
     * directory itself when it is one kit (it has {@code src/main/java/org/nnlab}).
     */
    static List<Path> in(Path directory) throws IOException {
        if (Files.isDirectory(directory.resolve("src/main/java/org/nnlab"))) {
            return List.of(directory);
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /** The root of the submission's files: the directory itself, or the zip unpacked into {@code into}. */
    static Path open(Path submission, Path into) throws Unreadable, IOException {
        String name = submission.getFileName().toString();
        if (Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
            return submission;
        }
        if (!name.endsWith(".zip") || !Files.isRegularFile(submission, LinkOption.NOFOLLOW_LINKS)) {
            throw new Unreadable(name + " is neither a directory nor a .zip file");
        }
        return unzip(submission, into);
    }

    private static Path unzip(Path zipFile, Path into) throws Unreadable, IOException {
        String name = zipFile.getFileName().toString();
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || entry.getName().startsWith("/") || entry.getName().contains("\\")) {
                    throw new Unreadable(name + " has an entry that would land outside it, " + entry.getName()
                            + ": nothing was unpacked");
                }
                entries.add(entry);
                if (entries.size() > MAX_ENTRIES) {
                    throw new Unreadable(name + " has more than " + MAX_ENTRIES + " entries");
                }
            }
            Files.createDirectories(root);
            long unpacked = 0;
            for (ZipEntry entry : entries) {
                Path target = root.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        unpacked += n;
                        if (unpacked > MAX_UNPACKED_BYTES) {
                            throw new Unreadable(name + " unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new Unreadable(name + " is not a zip file that can be read (" + e.getMessage() + ")");
        }
        return root;
    }

    /**
     * The submission's file whose path ends with {@code relative} (the shallowest if several),
     * when it is a regular file inside the submission and not too large.
     */
    static PassFile passFile(Path root, String relative) throws IOException {
        Path found;
        try (Stream<Path> files = Files.walk(root)) {
            found = files.filter(p -> (p.toString().replace('\\', '/') + "/").endsWith("/" + relative + "/"))
                    .min(Comparator.comparingInt(Path::getNameCount))
                    .orElse(null);
        }
        if (found == null) {
            return new PassFile(null, "missing", "no " + relative + " in the submission");
        }
        String shown = root.relativize(found).toString();
        if (Files.isSymbolicLink(found) || !found.toRealPath().startsWith(root.toRealPath())) {
            return new PassFile(null, "refused", shown + " is a symbolic link; hand in the file itself");
        }
        if (!Files.isRegularFile(found, LinkOption.NOFOLLOW_LINKS)) {
            return new PassFile(null, "refused", shown + " is not a regular file");
        }
        if (Files.size(found) > MAX_SOURCE_BYTES) {
            return new PassFile(null, "refused", shown + " is larger than " + (MAX_SOURCE_BYTES >> 10) + " kB");
        }
        return new PassFile(found, null, null);
    }
}
