package org.nnlab.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
