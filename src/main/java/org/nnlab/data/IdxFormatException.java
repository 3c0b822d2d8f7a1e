package org.nnlab.data;

import java.nio.file.Path;

/**
 * An IDX file whose contents are not what its header promises. The message always starts with the
 * file's path, because "truncated" alone does not tell a student which of four files to fetch again.
 */
public class IdxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
