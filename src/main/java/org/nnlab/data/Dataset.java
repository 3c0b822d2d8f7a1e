package org.nnlab.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The datasets nnlab can train on. Both are distributed as the same four IDX files, so one name per
 * dataset is enough to find its directory, its pinned checksums and its download mirrors.
 */
public enum Dataset {
    // PyTorch's mirror first, then TensorFlow's IDX mirror (its tf-keras-datasets bucket serves
    // mnist.npz, not IDX). Yann LeCun's original site now refuses automated downloads.
    MNIST("mnist",
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/"),
    // Zalando's own bucket. Its website endpoint speaks plain HTTP only; that is acceptable here
    // because every file is checked against its pinned SHA-256 before use.
    FASHION_MNIST("fashion-mnist",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four uncompressed file names; mirrors serve each as {@code <name>.gz}. */
    public static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final String directoryName;
    private final List<URI> mirrors;

    Dataset(String directoryName, String... mirrors) {
        this.directoryName = directoryName;
        this.mirrors = Arrays.stream(mirrors).map(URI::create).collect(Collectors.toUnmodifiableList());
    }

    /** The name on the command line, in data directories and in SHA256SUMS: "mnist", "fashion-mnist". */
    public String directoryName() {
        return directoryName;
    }

    /** Base URLs, tried in order; each serves the four files as {@code <name>.gz}. */
    public List<URI> mirrors() {
        return mirrors;
    }

    /** The dataset a command-line name refers to, ignoring case. */
    public static Dataset parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Dataset dataset : values()) {
            if (dataset.directoryName.equals(wanted)) {
                return dataset;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "'; valid names: " + validNames());
    }

    /**
     * A directory found where one of the four files should be. It is named as a directory: "missing"
     * would send the user looking for a file that is, in a sense, there.
     */
    static IOException directoryInPlaceOf(Path directory, String fileName) {
        return new IOException(directory + " is a directory, expected the IDX file " + fileName
                + " (raw, or gzipped as " + fileName + ".gz)");
    }

    private static String validNames() {
        return Arrays.stream(values()).map(Dataset::directoryName).collect(Collectors.joining(", "));
    }
}
