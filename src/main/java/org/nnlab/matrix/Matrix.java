package org.nnlab.matrix;

import java.util.Arrays;

/**
 * A dense rows×cols matrix stored row-major in one flat primitive array: element (r, c) lives at
 * index {@code r * cols + c}. The array is a {@code float[]} in {@link Precision#FLOAT32} and a
 * {@code double[]} in {@link Precision#FLOAT64}; exactly one of the two exists.
 *
 * <p>Element access through {@link #get} and {@link #set} works in double for both precisions, so
 * code that is not a hot loop can be written once. Hot loops go through {@link MatrixOps}, which
 * hands the raw arrays to the active {@link org.nnlab.kernels.Kernels}.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] floats;
    private final double[] doubles;

    private Matrix(int rows, int cols, float[] floats, double[] doubles) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
        int length = floats != null ? floats.length : doubles.length;
        if (length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "a " + rows + "×" + cols + " matrix needs " + (long) rows * cols + " elements, got " + length);
        }
        this.rows = rows;
        this.cols = cols;
        this.floats = floats;
        this.doubles = doubles;
    }

    public static Matrix zeros(Precision precision, int rows, int cols) {
        int size = Math.multiplyExact(rows, cols);
        return precision == Precision.FLOAT32
                ? new Matrix(rows, cols, new float[size], null)
                : new Matrix(rows, cols, null, new double[size]);
    }

    /** A matrix over the given array, without copying it. */
    public static Matrix wrap(float[] data, int rows, int cols) {
        return new Matrix(rows, cols, data, null);
    }

    /** A matrix over the given array, without copying it. */
    public static Matrix wrap(double[] data, int rows, int cols) {
        return new Matrix(rows, cols, null, data);
    }

    /** A matrix holding a copy of the given rows, which must all have the same length. */
    public static Matrix of(Precision precision, double[]... values) {
        int cols = values.length == 0 ? 0 : values[0].length;
        Matrix m = zeros(precision, values.length, cols);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                m.set(r, c, values[r][c]);
            }
        }
        return m;
    }

    /**
     * Returns {@code existing} when it already has this precision and shape, otherwise a new zero
     * matrix. Layers call this on their buffers so that a training step at a fixed batch size
     * allocates nothing after the first.
     */
    public static Matrix reuse(Matrix existing, Precision precision, int rows, int cols) {
        if (existing != null && existing.precision() == precision && existing.rows == rows && existing.cols == cols) {
            return existing;
        }
        return zeros(precision, rows, cols);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return rows * cols;
    }

    public Precision precision() {
        return floats != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    public boolean isFloat32() {
        return floats != null;
    }

    /** The backing array of a FLOAT32 matrix (not a copy). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("this is a FLOAT64 matrix; it has no float[]");
        }
        return floats;
    }

    /** The backing array of a FLOAT64 matrix (not a copy). */
    public double[] doubles() {
        if (doubles == null) {
            throw new IllegalStateException("this is a FLOAT32 matrix; it has no double[]");
        }
        return doubles;
    }

    public double get(int row, int col) {
        return getFlat(index(row, col));
    }

    public void set(int row, int col, double value) {
        setFlat(index(row, col), value);
    }

    /** The element at a row-major index, {@code row * cols + col}. */
    public double getFlat(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    public void setFlat(int i, double value) {
        if (floats != null) {
            floats[i] = (float) value;
        } else {
            doubles[i] = value;
        }
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
        return row * cols + col;
    }

    /** A new zero matrix of this matrix's precision. */
    public Matrix zerosLike(int rows, int cols) {
        return zeros(precision(), rows, cols);
    }

    public Matrix copy() {
        return floats != null
                ? new Matrix(rows, cols, floats.clone(), null)
                : new Matrix(rows, cols, null, doubles.clone());
    }

    /** A copy in the given precision (rounded to nearest when narrowing to FLOAT32). */
    public Matrix toPrecision(Precision precision) {
        Matrix copy = zeros(precision, rows, cols);
        copy.copyFrom(this);
        return copy;
    }

    /** Copies every element of {@code source}, which must have this shape, converting precision if needed. */
    public void copyFrom(Matrix source) {
        requireSameShape(source, "copyFrom");
        if (floats != null && source.floats != null) {
            System.arraycopy(source.floats, 0, floats, 0, floats.length);
        } else if (doubles != null && source.doubles != null) {
            System.arraycopy(source.doubles, 0, doubles, 0, doubles.length);
        } else {
            for (int i = 0; i < size(); i++) {
                setFlat(i, source.getFlat(i));
            }
        }
    }

    public void fill(double value) {
        if (floats != null) {
            Arrays.fill(floats, (float) value);
        } else {
            Arrays.fill(doubles, value);
        }
    }

    /** Row {@code row} as a new double array; for tests and reports, not for hot loops. */
    public double[] row(int row) {
        double[] values = new double[cols];
        for (int c = 0; c < cols; c++) {
            values[c] = get(row, c);
        }
        return values;
    }

    public boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    public String shape() {
        return rows + "×" + cols;
    }

    void requireSameShape(Matrix other, String operation) {
        if (!other.hasShape(rows, cols)) {
            throw new IllegalArgumentException(operation + ": shapes differ, " + shape() + " and " + other.shape());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append(' ').append(precision());
        int shownRows = Math.min(rows, 6);
        int shownCols = Math.min(cols, 8);
        for (int r = 0; r < shownRows; r++) {
            sb.append("\n  [");
            for (int c = 0; c < shownCols; c++) {
                sb.append(c == 0 ? "" : ", ").append(String.format("%.4g", get(r, c)));
            }
            sb.append(cols > shownCols ? ", …]" : "]");
        }
        if (rows > shownRows) {
            sb.append("\n  …");
        }
        return sb.toString();
    }
}
