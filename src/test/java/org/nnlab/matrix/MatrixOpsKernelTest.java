package org.nnlab.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The MatrixOps entry points added with the fast kernels. */
class MatrixOpsKernelTest {

    @Test
    void addRowVectorReluAddsTheBiasInPlaceAndWritesTheRelu() {
        for (Precision precision : Precision.values()) {
            Matrix z = Matrix.of(precision, new double[] {1, -2, 3}, new double[] {-4, 5, -6});
            Matrix bias = Matrix.of(precision, new double[] {0.5, 1, -1});
            Matrix out = z.zerosLike(2, 3);
            MatrixOps.addRowVectorRelu(z, bias, out);
            assertArrayEquals(new double[] {1.5, -1, 2}, z.row(0));
            assertArrayEquals(new double[] {-3.5, 6, -7}, z.row(1));
            assertArrayEquals(new double[] {1.5, 0, 2}, out.row(0));
            assertArrayEquals(new double[] {0, 6, 0}, out.row(1));
        }
    }

    @Test
    void addRowVectorReluChecksShapesAndPrecisions() {
        Matrix z = Matrix.zeros(Precision.FLOAT32, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.addRowVectorRelu(z, Matrix.zeros(Precision.FLOAT32, 1, 2), z));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.addRowVectorRelu(z, Matrix.zeros(Precision.FLOAT32, 1, 3), Matrix.zeros(Precision.FLOAT32, 3, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.addRowVectorRelu(z, Matrix.zeros(Precision.FLOAT64, 1, 3), z));
    }
}
