package org.nnlab.data;

import java.io.IOException;

/**
 * A file whose SHA-256 differs from the pinned value. It is an {@link IOException} because, to a
 * data source, a corrupt download is one more way for fetching to fail.
 */
public class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public ChecksumMismatchException(String message) {
        super(message);
    }
}
