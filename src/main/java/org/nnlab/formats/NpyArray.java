package org.nnlab.formats;

import java.util.Arrays;
import org.nnlab.matrix.Matrix;

/**
 * One array of an {@code .npy} file: float32 ({@code <f4}) or float64 ({@code <f8}) numbers in C
 * (row-major) order with a shape of up to two dimensions, or a 0-d unicode string ({@code <U…}),
 * which is how nnlab stores its JSON metadata so that {@code numpy.load} opens it as an array.
 *
 * @param type   the element type
 * @param shape  the dimensions, e.g. {784, 512}; empty for a 0-d array
 * @param floats the elements of a FLOAT32 array, else null
 * @param doubles the elements of a FLOAT64 array, else null
 * @param text   the string of a UNICODE array, else null
 */
public record NpyArray(Type type, int[] shape, float[] floats, double[] doubles, String text) {

    public enum Type { FLOAT32, FLOAT64, UNICODE }

    public NpyArray {
        long elements = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            elements *= d;
        }
        long actual = switch (type) {
            case FLOAT32 -> floats.length;
            case FLOAT64 -> doubles.length;
            case UNICODE -> 1;
        };
        if (type == Type.UNICODE ? shape.length != 0 : actual != elements) {
            throw new IllegalArgumentException(type == Type.UNICODE ? "a string array must be 0-d"
                    : "shape " + Arrays.toString(shape) + " needs " + elements + " elements, got " + actual);
        }
    }

    /** A 2-D array with the matrix's shape and precision, copied. */
    public static NpyArray of(Matrix m) {
        int[] shape = {m.rows(), m.cols()};
        return m.isFloat32() ? new NpyArray(Type.FLOAT32, shape, m.floats().clone(), null, null)
                : new NpyArray(Type.FLOAT64, shape, null, m.doubles().clone(), null);
    }

    /** A 1-D array of the matrix's elements (for a bias row b: shape (H,), as numpy code has it). */
    public static NpyArray vectorOf(Matrix m) {
        NpyArray full = of(m);
        return new NpyArray(full.type, new int[] {m.size()}, full.floats, full.doubles, null);
    }

    public static NpyArray vector(float[] values) {
        return new NpyArray(Type.FLOAT32, new int[] {values.length}, values.clone(), null, null);
    }

    public static NpyArray text(String s) {
        return new NpyArray(Type.UNICODE, new int[0], null, null, s);
    }

    public int elements() {
        return switch (type) {
            case FLOAT32 -> floats.length;
            case FLOAT64 -> doubles.length;
            case UNICODE -> 1;
        };
    }

    /** The shape as numpy prints it: "(784, 512)", "(10,)", "()". */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList()) + ")";
    }

    /** The numbers as a rows×cols matrix of this array's precision (copied); the element count must match. */
    public Matrix toMatrix(int rows, int cols) {
        if (type == Type.UNICODE || (long) rows * cols != elements()) {
            throw new IllegalArgumentException("cannot read a " + type + " array of shape " + shapeText()
                    + " as a " + rows + "×" + cols + " matrix");
        }
        return type == Type.FLOAT32 ? Matrix.wrap(floats.clone(), rows, cols) : Matrix.wrap(doubles.clone(), rows, cols);
    }
}
