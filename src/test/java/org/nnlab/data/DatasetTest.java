package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void parsesCommandLineNames() {
        assertEquals(Dataset.MNIST, Dataset.parse("mnist"));
        assertEquals(Dataset.FASHION_MNIST, Dataset.parse("fashion-mnist"));
        assertEquals(Dataset.FASHION_MNIST, Dataset.parse(" Fashion-MNIST "));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.parse("cifar"));
        assertEquals("unknown dataset 'cifar'; valid names: mnist, fashion-mnist", e.getMessage());
    }

    @Test
    void namesTheFourIdxFilesAndTheMirrors() {
        assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"), Dataset.FILE_NAMES);
        assertEquals(List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")), Dataset.MNIST.mirrors());
        assertEquals("fashion-mnist", Dataset.FASHION_MNIST.directoryName());
    }
}
