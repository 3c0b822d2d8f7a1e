package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nnlab.data.Dataset;
import org.nnlab.testing.Requirements;

/** nnlab fetch: where the verified files are, or one line saying what is wrong. */
class FetchCommandTest {

    @Test
    void namesTheDirectoryHoldingTheFourVerifiedFiles() {
        Requirements.mnist();

        CommandLineTest.Run run = CommandLineTest.run("fetch");

        assertEquals(0, run.status(), run.err());
        Matcher line = Pattern.compile("nnlab: mnist: the four files are in (.+), each matching data/SHA256SUMS")
                .matcher(run.out().strip());
        assertTrue(line.matches(), run.out());
        Path directory = Path.of(line.group(1));
        for (String name : Dataset.FILE_NAMES) {
            assertTrue(Files.isRegularFile(directory.resolve(name)) || Files.isRegularFile(directory.resolve(name + ".gz")),
                    name + " in " + directory);
        }
    }

    @Test
    void anUnknownDatasetIsOneLineAndStatusTwo() {
        CommandLineTest.Run run = CommandLineTest.run("fetch", "--dataset", "cifar");

        assertEquals(2, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("nnlab fetch: --dataset: "), run.err());
    }
}
