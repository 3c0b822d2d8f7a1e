package org.nnlab.data;

import java.io.IOException;

/**
 * A source that has nothing here: no local copy yet, or no npm to run. Unlike a failure (a bad
 * checksum, an HTTP error), this is the normal state of a first run, so the loader passes on to
 * the next source without a log line, and names it only if every source fails.
 */
final class SourceAbsentException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceAbsentException(String reason) {
        super(reason);
    }
}
