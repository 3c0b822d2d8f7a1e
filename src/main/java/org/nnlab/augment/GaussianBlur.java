package org.nnlab.augment;

import java.util.Arrays;

/**
 * Smooths a side×side field with a Gaussian of standard deviation σ pixels, values outside the
 * field taken as 0. The 2-D Gaussian is a product g(x)·g(y), so the blur is two 1-D passes, along
 * the columns and then along the rows: 2·(2r + 1) multiply-adds per value instead of (2r + 1)².
 *
 * <pre>
 *   g(k) = exp(−k² / 2σ²) / Σⱼ exp(−j² / 2σ²)      for k = −r..r, r = ⌈3σ⌉ (beyond 3σ the weights add up to 0.3%)
 *   columns:  u(x, y) = Σₖ g(k)·f(x, y + k)
 *   rows:     v(x, y) = Σₖ g(k)·u(x + k, y)
 * </pre>
 *
 * <p>Both passes are done as column passes, the second on the transposed field: a column pass over
 * a field stored row by row, with r rows of zeros above and below, is for each tap k one long loop
 * over all side² values, {@code out[i] += g(k)·window[i]}, where the window is the padded field
 * shifted by k rows. The JIT turns that loop into vector instructions; it would not if the loop read
 * {@code padded[i + k·side]} directly, because it cannot rule out that out and padded are the same
 * array (then each step could depend on an earlier one). Copying the window first (a fast block
 * copy) removes that doubt: the blur runs several times faster. (A row pass written directly would
 * have loops of only side = 28 steps.)
 *
 * <p>Not thread-safe: it keeps its scratch arrays. One per thread.
 */
final class GaussianBlur {
    private final int side;
    private final int radius;
    private final float[] weights;
    private final float[] padded;
    private final float[] window;
    private final float[] columnsDone;

    GaussianBlur(double sigma, int side) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("the Gaussian's σ must be a positive number, got " + sigma);
        }
        this.side = side;
        // Taps further than side − 1 would only ever meet the zeros outside the field.
        this.radius = (int) Math.min(Math.ceil(3 * sigma), side - 1);
        this.weights = weights(sigma, radius);
        this.padded = new float[(side + 2 * radius) * side];
        this.window = new float[side * side];
        this.columnsDone = new float[side * side];
    }

    /** g(−r..r), normalised to add up to 1, so that a constant field stays constant away from the edges. */
    private static float[] weights(double sigma, int radius) {
        double[] g = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            g[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += g[k + radius];
        }
        float[] normalised = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            normalised[i] = (float) (g[i] / sum);
        }
        return normalised;
    }

    /** Writes the blurred {@code field} (side×side, row by row) into {@code out}; the two may not be the same array. */
    // tag::blur[]
    void blur(float[] field, float[] out) {
        // The rows of zeros above and below are never written: they stay zero.
        System.arraycopy(field, 0, padded, radius * side, side * side);
        blurColumns(columnsDone);
        transposeIntoPadded(columnsDone);
        blurColumns(out);
        transposeIntoPadded(out);
        System.arraycopy(padded, radius * side, out, 0, side * side);
    }

    /** out(x, y) = Σₖ g(k)·padded(x, y + k − r): each tap one pass over the whole field. */
    private void blurColumns(float[] out) {
        int values = side * side;
        Arrays.fill(out, 0, values, 0);
        for (int k = 0; k < weights.length; k++) {
            System.arraycopy(padded, k * side, window, 0, values);
            addScaled(weights[k], window, out, values);
        }
    }

    /** out[i] += w·in[i] for the first n values: two different arrays at the same index, which the JIT vectorises. */
    private static void addScaled(float w, float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] += w * in[i];
        }
    }
    // end::blur[]

    /** Copies the transpose of {@code field} into the middle of the padded array. */
    private void transposeIntoPadded(float[] field) {
        int start = radius * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                padded[start + x * side + y] = field[y * side + x];
            }
        }
    }

    int radius() {
        return radius;
    }
}
