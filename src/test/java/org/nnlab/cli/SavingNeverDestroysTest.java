package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.formats.SpecialFiles;
import org.nnlab.testing.Requirements;

/**
 * nnlab train's outputs are checked before anything is trained, and nothing the user had is lost:
 * a FIFO, device, directory or file in the way is refused with one line (exit 2), a checkpoint
 * directory of another run is not overwritten, and a picture that cannot be written costs no model.
 */
class SavingNeverDestroysTest {
    private static final String[] SMALL = {"--hidden", "8", "--split", "2k/1k", "--epochs", "1", "--seed", "2"};

    @TempDir
    Path dir;

    private static String[] train(String... extra) {
        String[] args = new String[1 + SMALL.length + extra.length];
        args[0] = "train";
        System.arraycopy(SMALL, 0, args, 1, SMALL.length);
        System.arraycopy(extra, 0, args, 1 + SMALL.length, extra.length);
        return args;
    }

    private static void assertRefused(CommandLineTest.Run run, String expected) {
        assertEquals(2, run.status(), run.err());
        assertEquals("", run.out(), "refused before reading any data");
        assertEquals(expected + "\n", run.err());
    }

    @Test
    void saveOntoAFifoIsRefusedBeforeTraining() throws Exception {
        Path fifo = SpecialFiles.make(dir.resolve("fifo"), "mkfifo");
        assertRefused(CommandLineTest.run(train("--save", fifo.toString())), "nnlab train: --save " + fifo
                + " is not a regular file (a device, FIFO or socket); nnlab writes only regular files and leaves it as it is");
        assertTrue(SpecialFiles.isSpecial(fifo));
    }

    @Test
    void saveOntoADeviceNodeIsRefusedBeforeTraining() throws Exception {
        Path device = SpecialFiles.make(dir.resolve("null"), "mknod", "c", "1", "3");
        assertRefused(CommandLineTest.run(train("--save", device.toString())), "nnlab train: --save " + device
                + " is not a regular file (a device, FIFO or socket); nnlab writes only regular files and leaves it as it is");
        assertTrue(SpecialFiles.isSpecial(device));
    }

    @Test
    void badOutputPathsAreFoundBeforeTraining() throws IOException {
        Path existingDir = Files.createDirectory(dir.resolve("existing"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertRefused(CommandLineTest.run(train("--save", existingDir.toString())),
                "nnlab train: --save " + existingDir + " is a directory; give a file name (e.g. " + existingDir
                        + "/model.npz)");
        assertRefused(CommandLineTest.run(train("--save", file + "/m.npz")),
                "nnlab train: --save " + file + "/m.npz: " + file + " is not a directory");
        assertRefused(CommandLineTest.run(train("--save", dir + "/newdir/")),
                "nnlab train: --save " + dir + "/newdir/ names a directory; give a file name (e.g. " + dir
                        + "/newdir/model.npz)");
        assertRefused(CommandLineTest.run(train("--checkpoint-dir", file.toString())),
                "nnlab train: --checkpoint-dir " + file + ": " + file + " is not a directory");
        assertRefused(CommandLineTest.run(train("--plots", file.toString())),
                "nnlab train: --plots " + file + ": " + file + " is not a directory");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aCheckpointDirectoryHoldingAnotherRunIsRefusedWithoutResumeOrOverwrite() throws IOException {
        Path checkpoints = Files.createDirectory(dir.resolve("run"));
        Path latest = Files.writeString(checkpoints.resolve("latest.npz"), "another run");
        assertRefused(CommandLineTest.run(train("--checkpoint-dir", checkpoints.toString())),
                "nnlab train: --checkpoint-dir " + checkpoints + " holds another run's checkpoints; add --resume to"
                        + " continue it, --overwrite-checkpoints to replace it, or choose another directory");
        assertEquals("another run", Files.readString(latest));
    }

    @Test
    void aPictureThatCannotBeWrittenDoesNotCostTheModel() throws IOException {
        requireMnist();
        Path plots = Files.createDirectory(dir.resolve("plots"));
        Files.createDirectory(plots.resolve("loss.png")); // in the way of the first picture
        Path model = dir.resolve("m.npz");
        CommandLineTest.Run run = CommandLineTest.run(train("--save", model.toString(), "--plots", plots.toString()));
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("saved the model to " + model), run.out());
        assertTrue(Files.isRegularFile(model));
        assertTrue(run.err().startsWith("nnlab train: writing the plots failed: ") && run.err().endsWith(
                "; the model was saved to " + model + "\n"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    private static void requireMnist() {
        Requirements.mnist();
    }
}
