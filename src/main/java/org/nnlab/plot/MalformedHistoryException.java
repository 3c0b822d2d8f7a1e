package org.nnlab.plot;

import java.nio.file.Path;

/** A history CSV that cannot be read back; the message names the file and the line, and says what was expected. */
public class MalformedHistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedHistoryException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }
}
