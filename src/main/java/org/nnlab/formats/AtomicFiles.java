package org.nnlab.formats;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every file nnlab writes goes through here, so that writing never destroys what the user had:
 *
 * <ul>
 *   <li>only regular files are written: a directory, device or FIFO at the target is refused and
 *       left as it was; a symbolic link is followed, and the file it points to is replaced (the link
 *       stays a link);</li>
 *   <li>the content goes to a temporary file beside the target, is flushed to disk, and only then
 *       renamed over the target, so a crash or an error leaves the previous file untouched;</li>
 *   <li>temporary files are removed when the write fails, when the JVM is stopped (Ctrl-C), and,
 *       for those a killed process left behind, by the next write to the same target;</li>
 *   <li>{@link #checkOutputFile} and {@link #checkOutputDirectory} check an output path before any
 *       work starts, so that a bad path fails at once rather than after an hour of training, and
 *       write nothing, so that a command refused for another reason leaves no trace.</li>
 * </ul>
 *
 * Refusals are {@link FileFormatException}s whose one-line message names the path.
 */
public final class AtomicFiles {
    /** ".NAME.PID-RANDOM.SUFFIX": the writer's process id tells a live writer's file from a stale one. */
    private static final Pattern TEMPORARY_MIDDLE = Pattern.compile("(\\d+)-[0-9a-z]+");
    private static final long OWN_PID = ProcessHandle.current().pid();
    /** Temporary files not yet renamed into place or deleted; removed by a shutdown hook on Ctrl-C. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deletePending, "nnlab: remove temporary files"));
    }

    private AtomicFiles() {
    }

    /** Writes what {@code content} produces to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically and returns it. A target that is not a regular file (or a
     * link to one) is a {@link FileFormatException}; a failure while writing is an IOException, and
     * the previous file stays.
     */
    public static Path write(Path target, Content content) throws IOException {
        Path destination = writableDestination(target);
        deleteStaleTemporaries(destination, ".tmp");
        Path temporary = newTemporarySibling(destination, ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                content.writeTo(out);
                out.flush();
                out.getFD().sync();
            }
            // Again just before the rename: something other than a file may have appeared meanwhile.
            writableDestination(target);
            moveIntoPlace(temporary, destination);
            return target;
        } finally {
            discard(temporary);
        }
    }

    /**
     * Checks, before any work, a file the user asked to be written: {@code given} exactly as typed
     * ({@code newdir/} means a directory, which is refused), {@code role} the flag that named it
     * ({@code --save}). Proves that the file can be created (its missing directories too) without
     * creating anything yet; returns the path to write.
     */
    public static Path checkOutputFile(String given, String role) {
        if (given.isEmpty() || given.endsWith("/") || given.endsWith(java.io.File.separator)) {
            throw new FileFormatException(role + " " + given + " names a directory; give a file name (e.g. "
                    + given + (given.endsWith("/") || given.isEmpty() ? "" : "/") + "model.npz)");
        }
        Path target = Path.of(given);
        Path destination = writableDestination(target, role);
        requireCreatableDirectory(destination.getParent(), role + " " + given);
        return target;
    }

    /**
     * Checks, before any work, a directory the user asked files to be written into: refuses
     * anything else than a directory, and proves that files can be created in it (or that it can
     * be created) without creating anything yet. {@link #createDirectories} makes it when the work starts.
     */
    public static Path checkOutputDirectory(String given, String role) {
        Path directory = Path.of(given);
        requireCreatableDirectory(directory.toAbsolutePath(), role + " " + given);
        return directory;
    }

    /** Creates {@code directory} and its missing parents; a failure names {@code role}, the flag that named it. */
    public static Path createDirectories(Path directory, String role) {
        try {
            Files.createDirectories(directory);
            return directory;
        } catch (FileAlreadyExistsException e) {
            throw new FileFormatException(role + " " + directory + ": " + e.getFile() + " is not a directory");
        } catch (IOException e) {
            throw new FileFormatException(role + " " + directory + ": cannot create it (" + reason(e) + ")");
        }
    }

    /**
     * The nearest part of {@code directory} that exists must be a directory; if it is
     * {@code directory} itself, a file is created in it and deleted, else it must be writable.
     */
    private static void requireCreatableDirectory(Path directory, String what) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing of it exists, not even a root: the write itself will say why it fails
        }
        if (!Files.isDirectory(existing)) {
            throw new FileFormatException(what + ": " + existing + " is not a directory");
        }
        if (!existing.equals(directory)) {
            if (!Files.isWritable(existing)) {
                throw new FileFormatException(what + ": cannot create a directory in " + existing + " (permission denied)");
            }
            return;
        }
        Path probe = directory.resolve("nnlab-write-test");
        try {
            deleteStaleTemporaries(probe, ".tmp");
            discard(newTemporarySibling(probe, ".tmp"));
        } catch (IOException e) {
            throw new FileFormatException(what + ": cannot create a file in " + directory + " (" + reason(e) + ")");
        }
    }

    /** The file a write to {@code target} replaces: the target, or the file its symbolic link points to. */
    private static Path writableDestination(Path target) {
        return writableDestination(target, "cannot write");
    }

    private static Path writableDestination(Path target, String role) {
        Path absolute = target.toAbsolutePath();
        BasicFileAttributes attributes = attributes(absolute, LinkOption.NOFOLLOW_LINKS);
        if (attributes == null) {
            Path parent = absolute.getParent();
            BasicFileAttributes parentAttributes = parent == null ? null : attributes(parent);
            if (parentAttributes != null && !parentAttributes.isDirectory()) {
                throw new FileFormatException(role + " " + target + ": " + parent + " is not a directory");
            }
            return absolute;
        }
        if (attributes.isSymbolicLink()) {
            try {
                Path linked = absolute.toRealPath();
                requireRegular(target, role, attributes(linked));
                return linked;
            } catch (IOException e) {
                throw new FileFormatException(role + " " + target + " is a symbolic link to a file that does not exist;"
                        + " nnlab replaces the file a link points to, not the link");
            }
        }
        requireRegular(target, role, attributes);
        return absolute;
    }

    private static void requireRegular(Path target, String role, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            throw new FileFormatException(role + " " + target + " is a directory; give a file name (e.g. "
                    + target.resolve("model.npz") + ")");
        }
        if (!attributes.isRegularFile()) {
            throw new FileFormatException(role + " " + target + " is not a regular file (a device, FIFO or socket);"
                    + " nnlab writes only regular files and leaves it as it is");
        }
    }

    private static BasicFileAttributes attributes(Path path, LinkOption... options) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (IOException e) {
            return null;
        }
    }

    /** What went wrong, without Java's class names: "permission denied", "no space left on device". */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /**
     * A new empty hidden file beside {@code target}, creating its directory if needed, removed on
     * Ctrl-C unless {@link #discard} or a rename took it first. Not {@code Files.createTempFile}:
     * that makes the file private (rw-------), and the model, picture or dataset renamed from it
     * would stay unreadable to the user's group, unlike any other file they create. This one gets
     * the ordinary permissions of the user's umask.
     */
    public static Path newTemporarySibling(Path target, String suffix) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        while (true) {
            String unique = OWN_PID + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path candidate = directory.resolve("." + target.getFileName() + "." + unique + suffix);
            try {
                PENDING.add(candidate);
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                PENDING.remove(candidate);
                // another writer chose the same name: draw again
            }
        }
    }

    /** Deletes a temporary file if it is still there (after a failure); nothing left to do after a rename. */
    public static void discard(Path temporary) throws IOException {
        try {
            Files.deleteIfExists(temporary);
        } finally {
            PENDING.remove(temporary);
        }
    }

    /**
     * Deletes the temporary files of earlier writes to {@code target} whose process is gone (a
     * {@code kill -9}, a power cut); those of a process still running are its work in progress.
     */
    public static void deleteStaleTemporaries(Path target, String suffix) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length();
        })) {
            for (Path sibling : siblings) {
                String name = sibling.getFileName().toString();
                String middle = name.substring(prefix.length(), name.length() - suffix.length());
                if (!isLiveWriter(middle) && Files.isRegularFile(sibling, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    /** Whether a temporary file's middle part names a process that is still running (this one included). */
    private static boolean isLiveWriter(String middle) {
        Matcher m = TEMPORARY_MIDDLE.matcher(middle);
        if (!m.matches()) {
            return false; // nnlab's older names, ".NAME.RANDOM.tmp", carry no process id: left by a run long gone
        }
        try {
            long pid = Long.parseLong(m.group(1));
            return pid == OWN_PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deletePending() {
        for (Path temporary : PENDING) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the JVM is stopping: nothing more can be done about it
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
