package org.nnlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The main class of the grader's child JVM: {@code LabRunner LAYER SEED FILE} runs one student's
 * backward pass on the grader's data ({@link LabChecks#run}) and writes what it computed into
 * FILE ({@link StudentRun#toText}). It judges nothing and prints nothing: the grader judges the
 * numbers in its own JVM, and what the student's code prints is only kept for the teacher to read.
 */
public final class LabRunner {

    private LabRunner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: LabRunner LAYER SEED FILE (run by nnlab lab-grade, not by hand)");
            System.exit(2);
        }
        LabLayer layer = LabLayer.parse(args[0]);
        long seed = Long.parseLong(args[1]);
        Path file = Path.of(args[2]);
        String text = LabChecks.run(layer, seed).toText();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        // halt, not exit: threads or shutdown hooks the student's code left behind get no further turn.
        Runtime.getRuntime().halt(0);
    }
}
