package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.Arrays;
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

    /**
     * float64 runs on the plain loops of the reference only: VectorKernels declares no method
     * that takes a double[], so every float64 kernel it has is ScalarKernels' own.
     */
    @Test
    void float64StaysOnTheScalarReference() {
        for (Method method : VectorKernels.class.getDeclaredMethods()) {
            assertFalse(Arrays.asList(method.getParameterTypes()).contains(double[].class),
                    () -> "VectorKernels." + method.getName() + " takes a double[]: float64 belongs to ScalarKernels");
        }
        double[] c = new double[1];
        new VectorKernels(1).matmul(new double[] {2}, new double[] {3}, c, 1, 1, 1, false);
        assertEquals(6d, c[0]);
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
