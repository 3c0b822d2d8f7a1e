package org.nnlab.bench.roofline;

import java.nio.file.Path;

/** A roofline CSV that cannot be read; the message names the file and the line, and says what was expected. */
public class MalformedRooflineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedRooflineException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
