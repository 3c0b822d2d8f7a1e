package org.nnlab.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.testing.Requirements;

class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void aWrittenFileHasThePermissionsOfAnyNewFileOfTheUser() throws IOException {
        Path ordinary = Files.createFile(directory.resolve("ordinary"));
        Path written = AtomicFiles.write(directory.resolve("model.npz"), out -> out.write(1));
        // Files.createTempFile would have made it rw------- whatever the umask.
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(written));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = directory.resolve("table.csv");
        AtomicFiles.write(target, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));

        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));

        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void temporarySiblingsAreHiddenDistinctAndBesideTheTarget() throws IOException {
        Path target = directory.resolve("sub").resolve("w1.png");
        Path first = AtomicFiles.newTemporarySibling(target, ".tmp");
        Path second = AtomicFiles.newTemporarySibling(target, ".tmp");
        assertEquals(target.getParent(), first.getParent());
        assertEquals(true, first.getFileName().toString().startsWith(".w1.png."));
        assertEquals(true, first.getFileName().toString().endsWith(".tmp"));
        assertEquals(false, first.equals(second));
    }

    @Test
    void aFifoAtTheTargetIsRefusedAndLeftAsItWas() throws Exception {
        Path fifo = SpecialFiles.make(directory.resolve("model.npz"), "mkfifo");
        FileFormatException refused = assertThrows(FileFormatException.class,
                () -> AtomicFiles.write(fifo, out -> out.write(1)));
        assertTrue(refused.getMessage().contains("is not a regular file"), refused.getMessage());
        assertTrue(SpecialFiles.isSpecial(fifo), "the FIFO must still be a FIFO");
        assertEquals(List.of(fifo), filesIn(directory));
    }

    @Test
    void aDeviceNodeAtTheTargetIsRefusedAndLeftAsItWas() throws Exception {
        // A node made here, a copy of /dev/null's numbers (character device 1,3): the machine's own
        // /dev/null is never a target of a test.
        Path device = SpecialFiles.make(directory.resolve("model.npz"), "mknod", "c", "1", "3");
        FileFormatException refused = assertThrows(FileFormatException.class,
                () -> AtomicFiles.checkOutputFile(device.toString(), "--save"));
        assertEquals("--save " + device + " is not a regular file (a device, FIFO or socket); nnlab writes only"
                + " regular files and leaves it as it is", refused.getMessage());
        assertThrows(FileFormatException.class, () -> AtomicFiles.write(device, out -> out.write(1)));
        assertTrue(SpecialFiles.isSpecial(device), "the device node must still be a device node");
        assertEquals(List.of(device), filesIn(directory));
    }

    @Test
    void aDirectoryAtTheTargetIsRefusedAndKeepsItsFiles() throws IOException {
        Path model = Files.createDirectory(directory.resolve("m.npz"));
        Files.writeString(model.resolve("inside"), "kept");
        FileFormatException refused = assertThrows(FileFormatException.class,
                () -> AtomicFiles.write(model, out -> out.write(1)));
        assertTrue(refused.getMessage().contains("is a directory"), refused.getMessage());
        assertEquals("kept", Files.readString(model.resolve("inside")));
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
        Path real = Files.writeString(directory.resolve("real.npz"), "old");
        Path link = Files.createSymbolicLink(directory.resolve("link.npz"), real.getFileName());
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aDanglingSymbolicLinkIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(directory.resolve("link.npz"), directory.resolve("nowhere.npz"));
        FileFormatException refused = assertThrows(FileFormatException.class,
                () -> AtomicFiles.checkOutputFile(link.toString(), "--save"));
        assertTrue(refused.getMessage().contains("symbolic link to a file that does not exist"), refused.getMessage());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aNameEndingInASlashIsADirectoryAndRefused() {
        FileFormatException refused = assertThrows(FileFormatException.class,
                () -> AtomicFiles.checkOutputFile(directory.resolve("newdir") + "/", "--save"));
        assertTrue(refused.getMessage().contains("names a directory; give a file name"), refused.getMessage());
        assertEquals(false, Files.exists(directory.resolve("newdir")));
    }

    @Test
    void aFileWhereADirectoryShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(directory.resolve("a-file"), "x");
        FileFormatException refused = assertThrows(FileFormatException.class,
                () -> AtomicFiles.checkOutputFile(file.resolve("m.npz").toString(), "--save"));
        assertEquals("--save " + file.resolve("m.npz") + ": " + file + " is not a directory", refused.getMessage());
        FileFormatException notADirectory = assertThrows(FileFormatException.class,
                () -> AtomicFiles.checkOutputDirectory(file.toString(), "--plots"));
        assertEquals("--plots " + file + ": " + file + " is not a directory", notADirectory.getMessage());
    }

    @Test
    void checkingAnOutputWritesNothing() throws IOException {
        Path model = directory.resolve("a").resolve("b").resolve("m.npz");
        AtomicFiles.checkOutputFile(model.toString(), "--save");
        Path plots = Files.createDirectory(directory.resolve("plots"));
        AtomicFiles.checkOutputDirectory(plots.toString(), "--plots");
        AtomicFiles.checkOutputDirectory(plots.resolve("run1").toString(), "--plots");
        assertEquals(List.of(plots), filesIn(directory));
        assertEquals(List.of(), filesIn(plots));
    }

    @Test
    void staleTemporaryFilesOfDeadProcessesAreRemovedByTheNextWrite() throws IOException {
        long deadPid = deadProcessId();
        Path stale = Files.createFile(directory.resolve(".m.npz." + deadPid + "-abc.tmp"));
        Path older = Files.createFile(directory.resolve(".m.npz.k3j4h5.tmp"));
        Path ours = AtomicFiles.newTemporarySibling(directory.resolve("m.npz"), ".tmp");
        Path otherTarget = Files.createFile(directory.resolve(".other.npz." + deadPid + "-abc.tmp"));

        Path model = AtomicFiles.write(directory.resolve("m.npz"), out -> out.write(1));

        assertEquals(false, Files.exists(stale));
        assertEquals(false, Files.exists(older));
        assertTrue(Files.exists(ours), "a temporary file of a running process is its work in progress");
        assertTrue(Files.exists(otherTarget), "only the temporary files of the same target are cleaned up");
        assertTrue(Files.exists(model));
        AtomicFiles.discard(ours);
    }

    @Test
    void stoppingTheJvmWhileWritingRemovesTheTemporaryFile() throws Exception {
        Process writer = startWriting(directory.resolve("m.npz"));
        try {
            assertEquals(1, filesIn(directory).size());
            writer.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the JVM's shutdown hooks
            assertTrue(writer.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            writer.destroyForcibly();
        }
        assertEquals(List.of(), filesIn(directory));
    }

    /**
     * Ctrl-C itself: SIGINT, sent to a child JVM in the middle of a save. The child is started with
     * SIGINT's default action (a JVM that inherits it ignored installs no handler and would not
     * notice), and its exit status, 128 + 2, proves that the signal, not something else, ended it.
     */
    @Test
    void ctrlCWhileSavingRemovesTheTemporaryFileAndKeepsTheOldFile() throws Exception {
        Requirements.posixShell();
        Requirements.envDefaultSignal();
        Path target = Files.writeString(directory.resolve("m.npz"), "the model saved before");
        Process writer = startWriting(target, "env", "--default-signal=INT");
        try {
            assertEquals(2, filesIn(directory).size(), "the old file and the save's temporary file");
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -INT " + writer.pid()).start();
            assertEquals(0, kill.waitFor());
            assertTrue(writer.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "SIGINT did not stop the writer");
            assertEquals(128 + 2, writer.exitValue(), "the writer must have died of SIGINT");
        } finally {
            writer.destroyForcibly();
        }
        assertEquals(List.of(target), filesIn(directory));
        assertEquals("the model saved before", Files.readString(target));
    }

    /**
     * A child JVM running {@link SlowWriter} on {@code target}, started through {@code launcher}
     * (none, or e.g. env with its options), returned once it says it is inside the write, when its
     * temporary file exists.
     */
    private static Process startWriting(Path target, String... launcher) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(launcher));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString()));
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String said = new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("writing", said);
            return writer;
        } catch (IOException | AssertionError e) {
            writer.destroyForcibly();
            throw e;
        }
    }

    /** Starts writing its argument and never finishes: the JVM is stopped by the tests above. */
    static final class SlowWriter {
        public static void main(String[] args) throws Exception {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(1);
                System.out.println("writing");
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
    }

    private static long deadProcessId() throws IOException {
        Process process = new ProcessBuilder("true").start();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.pid();
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
