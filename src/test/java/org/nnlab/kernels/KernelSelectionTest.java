package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    @Test
    void choosesByName() {
        assertEquals("scalar", KernelSelection.choose("scalar").name());
        assertInstanceOf(VectorKernels.class, KernelSelection.choose(" Vector "));
        assertThrows(IllegalArgumentException.class, () -> KernelSelection.choose("gpu"));
    }

    @Test
    void threadCountComesFromThePropertyOrTheProcessorCount() {
        String saved = System.getProperty(VectorKernels.THREADS_PROPERTY);
        try {
            System.clearProperty(VectorKernels.THREADS_PROPERTY);
            assertEquals(Runtime.getRuntime().availableProcessors(), new VectorKernels().threads());
            System.setProperty(VectorKernels.THREADS_PROPERTY, " 3 ");
            assertEquals(3, new VectorKernels().threads());
            System.setProperty(VectorKernels.THREADS_PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, VectorKernels::new);
            System.setProperty(VectorKernels.THREADS_PROPERTY, "two");
            assertThrows(IllegalArgumentException.class, VectorKernels::new);
        } finally {
            if (saved == null) {
                System.clearProperty(VectorKernels.THREADS_PROPERTY);
            } else {
                System.setProperty(VectorKernels.THREADS_PROPERTY, saved);
            }
        }
    }

    @Test
    void warmUpCanBeCalledAgain() {
        VectorKernels kernels = new VectorKernels(2);
        kernels.warmUp();
        kernels.warmUp();
        float[] c = new float[1];
        kernels.matmul(new float[] {2f}, new float[] {3f}, c, 1, 1, 1, false);
        assertEquals(6f, c[0]);
    }
}
