package org.nnlab.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nnlab.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * nnlab's element-wise and row kernels at the sizes one training step of a 784-512-10 network on
 * minibatches of 64 gives them, scalar reference against vector kernels. They do one or two
 * operations per element loaded, so memory, not arithmetic, should limit them: on the book's
 * roofline they sit far left, under the slanted roofs. Score: microseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = "-Xmx2g", jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ElementwiseBenchmark {

    /**
     * One kernel call as training makes it, with the operations and the fewest bytes it must move
     * (each array element read or written once, 4 bytes a float).
     */
    public enum Operation {
        /** ReLU backward, dx = dout where z &gt; 0: 64×512; one comparison per element counted as its operation; reads z and dout, writes dx. */
        RELU_MASK(64, 512, 1, 3, 0) {
            @Override
            void run(Kernels kernels, float[] x, float[] y, float[] out, float[] row) {
                kernels.reluBackward(x, y, out, rows * cols);
            }
        },
        /**
         * The same mask with every z positive: the same instructions, but in the scalar loop the
         * branch of {@code x > 0 ? dout : 0} always goes the same way. Against RELU_MASK, on
         * random signs, it shows what mispredicted branches cost.
         */
        RELU_MASK_POSITIVE(64, 512, 1, 3, 0) {
            @Override
            void run(Kernels kernels, float[] x, float[] y, float[] out, float[] row) {
                RELU_MASK.run(kernels, x, y, out, row);
            }
        },
        /** Hidden bias and ReLU, z += b; h = max(z, 0): 64×512; an add and a max per element; reads z and b, writes z and h. */
        BIAS_RELU(64, 512, 2, 3, 1) {
            @Override
            void run(Kernels kernels, float[] x, float[] y, float[] out, float[] row) {
                kernels.addRowVectorRelu(x, row, out, rows, cols);
            }
        },
        /** The hidden bias gradient db1 = column sums of dZ1, 64×512: an add per element; reads dZ1, writes db1. */
        COLUMN_SUMS(64, 512, 1, 1, 1) {
            @Override
            void run(Kernels kernels, float[] x, float[] y, float[] out, float[] row) {
                kernels.columnSums(x, row, rows, cols);
            }
        },
        /** The SGD update of W1, w += −η·dw (axpy) over 784×512: a multiply and an add per element; reads dw and w, writes w. */
        AXPY(784, 512, 2, 3, 0) {
            @Override
            void run(Kernels kernels, float[] x, float[] y, float[] out, float[] row) {
                kernels.axpy(-1e-3f, x, y, rows * cols);
            }
        };

        final int rows;
        final int cols;
        private final int operationsPerElement;
        private final int matrixPasses;
        private final int rowPasses;

        /**
         * A kernel over a rows×cols matrix that does {@code operationsPerElement} operations per
         * element and must move the matrix {@code matrixPasses} times (each read or write of every
         * element is one pass) and a row of {@code cols} floats {@code rowPasses} times.
         */
        Operation(int rows, int cols, int operationsPerElement, int matrixPasses, int rowPasses) {
            this.rows = rows;
            this.cols = cols;
            this.operationsPerElement = operationsPerElement;
            this.matrixPasses = matrixPasses;
            this.rowPasses = rowPasses;
        }

        abstract void run(Kernels kernels, float[] x, float[] y, float[] out, float[] row);

        /** Floating-point operations (or comparisons) per call. */
        public long operations() {
            return (long) operationsPerElement * rows * cols;
        }

        /** The fewest bytes a call must read and write. */
        public long bytes() {
            return Float.BYTES * ((long) matrixPasses * rows * cols + (long) rowPasses * cols);
        }
    }

    @Param({"RELU_MASK", "RELU_MASK_POSITIVE", "BIAS_RELU", "COLUMN_SUMS", "AXPY"})
    public Operation operation;

    @Param({"scalar", "vector"})
    public String kernels;

    private Kernels implementation;
    private float[] x;
    private float[] y;
    private float[] out;
    private float[] row;

    @Setup
    public void setUp() {
        implementation = MatmulBenchmark.create(kernels, 1);
        Random random = new Random(42);
        int n = operation.rows * operation.cols;
        x = MatmulBenchmark.random(random, n);
        y = MatmulBenchmark.random(random, n);
        out = new float[n];
        row = MatmulBenchmark.random(random, operation.cols);
        if (operation == Operation.RELU_MASK_POSITIVE) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.abs(x[i]) + 1e-3f;
            }
        }
    }

    @Benchmark
    public float[] run() {
        operation.run(implementation, x, y, out, row);
        return out;
    }
}
