package org.nnlab.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void gatherRowsCopiesTheListedRowsInOrder() {
        for (Precision precision : Precision.values()) {
            Matrix source = Matrix.of(precision, new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
            Matrix target = source.zerosLike(3, 2);
            MatrixOps.gatherRows(source, new int[] {9, 2, 0, 2}, 1, 3, target);
            assertArrayEquals(new double[] {5, 6}, target.row(0));
            assertArrayEquals(new double[] {1, 2}, target.row(1));
            assertArrayEquals(new double[] {5, 6}, target.row(2));
        }
    }

    @Test
    void gatherRowsNamesWhatIsWrong() {
        Matrix source = Matrix.zeros(Precision.FLOAT32, 3, 2);
        Matrix target = Matrix.zeros(Precision.FLOAT32, 2, 2);
        assertMessage("target must be at least 3×2, got 2×2",
                () -> MatrixOps.gatherRows(source, new int[] {0, 1, 2}, 0, 3, target));
        assertMessage("target must be at least 2×2, got 2×3",
                () -> MatrixOps.gatherRows(source, new int[] {0, 1}, 0, 2, Matrix.zeros(Precision.FLOAT32, 2, 3)));
        assertMessage("rows 1..2 of a list of 2",
                () -> MatrixOps.gatherRows(source, new int[] {0, 1}, 1, 2, target));
        assertMessage("row 3 is outside 0..2",
                () -> MatrixOps.gatherRows(source, new int[] {0, 3}, 0, 2, target));
        assertMessage("row -1 is outside 0..2",
                () -> MatrixOps.gatherRows(source, new int[] {-1}, 0, 1, target));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.gatherRows(source, new int[] {0}, 0, 1, Matrix.zeros(Precision.FLOAT64, 1, 2)));
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), () -> "message \"" + e.getMessage() + "\" lacks \"" + expectedPart + "\"");
    }
}
