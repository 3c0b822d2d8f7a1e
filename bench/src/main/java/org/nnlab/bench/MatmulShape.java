package org.nnlab.bench;

import org.nnlab.kernels.Kernels;

/**
 * The matrix products the benchmarks time: the ones a 784-512-10 network does on a minibatch of
 * 64, and two squares for comparison with published sgemm figures. Each knows its form and its
 * flop count, 2·m·k·n (one multiply and one add per term).
 */
public enum MatmulShape {
    /** Hidden layer forward, X·W1: 64×784 times 784×512. */
    HIDDEN_FORWARD(Form.PLAIN, 64, 784, 512),
    /** First-layer weight gradient, Xᵀ·dZ1: X is 64×784 (stored k×m), dZ1 is 64×512. */
    WEIGHT_GRADIENT(Form.TRANSPOSE_A, 784, 64, 512),
    /** Hidden-layer gradient, dZ2·W2ᵀ: dZ2 is 64×10, W2 is 512×10 (stored n×k). */
    HIDDEN_GRADIENT(Form.TRANSPOSE_B, 64, 10, 512),
    /** Output layer forward, H·W2: 64×512 times 512×10. */
    OUTPUT_FORWARD(Form.PLAIN, 64, 512, 10),
    /** Output-layer weight gradient, Hᵀ·dZ2: H is 64×512 (stored k×m), dZ2 is 64×10. */
    OUTPUT_WEIGHT_GRADIENT(Form.TRANSPOSE_A, 512, 64, 10),
    SQUARE_512(Form.PLAIN, 512, 512, 512),
    SQUARE_1024(Form.PLAIN, 1024, 1024, 1024);

    /** Which of Kernels' three multiplies. */
    public enum Form {
        PLAIN("A·B"), TRANSPOSE_A("Aᵀ·B"), TRANSPOSE_B("A·Bᵀ");

        public final String symbol;

        Form(String symbol) {
            this.symbol = symbol;
        }
    }

    public final Form form;
    public final int m;
    public final int k;
    public final int n;

    MatmulShape(Form form, int m, int k, int n) {
        this.form = form;
        this.m = m;
        this.k = k;
        this.n = n;
    }

    public double flops() {
        return 2.0 * m * k * n;
    }

    /** A, B and C for this shape: A and B uniform in [−1, 1) from a Random seeded with 42, C zero. */
    public Operands operands() {
        java.util.Random random = new java.util.Random(42);
        return new Operands(MatmulBenchmark.random(random, m * k), MatmulBenchmark.random(random, k * n), new float[m * n]);
    }

    /** The arrays of one multiply of this shape, made once and multiplied again and again. */
    public final class Operands {
        private final float[] a;
        private final float[] b;
        private final float[] c;

        private Operands(float[] a, float[] b, float[] c) {
            this.a = a;
            this.b = b;
            this.c = c;
        }

        /** C = op(A)·op(B) with the given kernels, A and B stored as the form expects; returns C. */
        public float[] multiply(Kernels kernels) {
            return MatmulShape.this.multiply(kernels, a, b, c);
        }
    }

    /** C = op(A)·op(B) at this shape with the given kernels, A and B stored as the form expects; returns C. */
    public float[] multiply(Kernels kernels, float[] a, float[] b, float[] c) {
        switch (form) {
            case PLAIN -> kernels.matmul(a, b, c, m, k, n, false);
            case TRANSPOSE_A -> kernels.matmulTransposeA(a, b, c, m, k, n, false);
            case TRANSPOSE_B -> kernels.matmulTransposeB(a, b, c, m, k, n, false);
        }
        return c;
    }
}
