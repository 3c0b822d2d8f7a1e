package org.nnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny stand-in for MNIST: the four files under their real names, 3 training and 2 test images
 * of 2×2, with checksums computed here and injected in place of the pinned ones.
 */
final class SyntheticDataset {
    static final Dataset DATASET = Dataset.MNIST;
    static final byte[] TRAIN_PIXELS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 255};
    static final byte[] TRAIN_LABELS = {5, 0, 4};
    static final byte[] TEST_PIXELS = {20, 21, 22, 23, 30, 31, 32, 33};
    static final byte[] TEST_LABELS = {7, 2};

    private final Map<String, byte[]> raw = new LinkedHashMap<>();

    SyntheticDataset() {
        raw.put(Dataset.TRAIN_IMAGES, SyntheticIdx.images(3, 2, 2, TRAIN_PIXELS));
        raw.put(Dataset.TRAIN_LABELS, SyntheticIdx.labels(TRAIN_LABELS));
        raw.put(Dataset.TEST_IMAGES, SyntheticIdx.images(2, 2, 2, TEST_PIXELS));
        raw.put(Dataset.TEST_LABELS, SyntheticIdx.labels(TEST_LABELS));
    }

    /** The uncompressed content of one of the four files. */
    byte[] raw(String name) {
        return raw.get(name).clone();
    }

    byte[] gzipped(String name) {
        return SyntheticIdx.gzip(raw.get(name));
    }

    /** Checksums that accept exactly these four files. */
    Checksums checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        raw.forEach((name, bytes) -> sums.put(DATASET.directoryName() + "/" + name, sha256(bytes)));
        return Checksums.of(sums);
    }

    void writeRaw(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : Dataset.FILE_NAMES) {
            Files.write(dir.resolve(name), raw.get(name));
        }
    }

    /** Pixels one byte different from the real ones: same length, same header, wrong checksum. */
    static byte[] corrupted(byte[] idx) {
        byte[] copy = idx.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    static String sha256(byte[] bytes) {
        MessageDigest digest = Sha256.newDigest();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }
}
