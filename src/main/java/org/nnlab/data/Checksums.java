package org.nnlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The expected SHA-256 of every dataset file, keyed {@code dataset/filename}. The values are pinned
 * in {@code data/SHA256SUMS}, which the build copies onto the classpath: one source of truth that
 * {@code sha256sum -c} can also check by hand. Digests are of the uncompressed files, so the same
 * value accepts a file whether it arrived raw or gzipped (gzip output varies between compressors).
 */
public final class Checksums {
    /** The classpath resource, relative to this class's package. */
    static final String RESOURCE = "SHA256SUMS";
    // sha256sum writes "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode).
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)");

    private final Map<String, String> sha256ByKey;

    private Checksums(Map<String, String> sha256ByKey) {
        this.sha256ByKey = Map.copyOf(sha256ByKey);
    }

    /** The checksums pinned in {@code data/SHA256SUMS}. */
    public static Checksums pinned() {
        try (InputStream in = Checksums.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("org/nnlab/data/" + RESOURCE + " is not on the classpath;"
                        + " build with Maven, which copies it there from data/" + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().collect(Collectors.toList()), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses sha256sum-style lines; blank lines and {@code #} comments are skipped. */
    public static Checksums parse(List<String> lines, String origin) {
        Map<String, String> sha256ByKey = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher match = LINE.matcher(line);
            if (!match.matches()) {
                throw new IllegalStateException(origin + " line " + (i + 1) + ": expected '<sha256>  <dataset>/<file>', got '"
                        + line + "'");
            }
            sha256ByKey.put(match.group(2), match.group(1));
        }
        return new Checksums(sha256ByKey);
    }

    /** Checksums given directly, keyed {@code dataset/filename}; tests use this for synthetic files. */
    public static Checksums of(Map<String, String> sha256ByKey) {
        return new Checksums(sha256ByKey);
    }

    public String expected(Dataset dataset, String fileName) {
        String sha256 = sha256ByKey.get(key(dataset, fileName));
        if (sha256 == null) {
            throw new IllegalStateException("no checksum pinned for " + key(dataset, fileName));
        }
        return sha256;
    }

    /** Hashes the file's uncompressed content and throws unless it matches the pinned value. */
    public void verify(Dataset dataset, String fileName, Path file) throws IOException {
        requireMatch(dataset, fileName, Sha256.ofUncompressed(file), file.toString());
    }

    /** Throws unless {@code actualSha256}, computed from the content found at {@code where}, is the pinned value. */
    public void requireMatch(Dataset dataset, String fileName, String actualSha256, String where)
            throws ChecksumMismatchException {
        String expected = expected(dataset, fileName);
        if (!expected.equals(actualSha256)) {
            throw new ChecksumMismatchException(where + ": checksum mismatch: SHA-256 of the uncompressed content is "
                    + actualSha256 + ", expected " + expected + " for " + key(dataset, fileName));
        }
    }

    private static String key(Dataset dataset, String fileName) {
        return dataset.directoryName() + "/" + fileName;
    }
}
