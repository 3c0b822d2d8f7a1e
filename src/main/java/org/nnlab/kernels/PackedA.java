package org.nnlab.kernels;

/**
 * op(A) copied tile by tile into the layout the {@code packed} micro-kernels read: for each row
 * tile of {@code tileRows} rows and each pass over k, the tile's values step after step, the
 * tileRows values of one step side by side. The kernel then finds A[i+r][p] at a fixed offset
 * from one index that grows by tileRows per step, instead of along tileRows rows of A that lie k
 * floats apart, which costs the JIT an index computation per row and step. A last tile with fewer
 * rows is padded with zeros.
 *
 * <p><b>Skipping zeros.</b> When asked to, the copy keeps only the steps p at which some row of the
 * tile has a non-zero A[i+r][p], and lists them ({@link #steps()}); the {@code packedSparse}
 * kernels walk that list. A skipped step would have added fma(0, b, c) to each element of the
 * tile, which is c itself when b is finite: 0·b is ±0 exactly, and c + (±0) = c. The remaining
 * steps come in the same order, so the result is the dense one, bit for bit. Two cases are not
 * covered, and training does not meet them: a B with an infinite or NaN element (fma(0, ∞, c) is
 * NaN; a network whose weights are no longer finite has diverged and is stopped), and a running
 * sum of −0, where −0 + (+0) = +0. The multiply never starts from −0, because it skips zeros only
 * when it overwrites C (a running sum starts from +0); −0 would need a product so small that it
 * rounds to zero.
 *
 * <p>Each (tile, pass) has a list from {@link #from} to {@link #to}: positions q, with the step
 * {@code steps()[q]} (counted from the pass's first step) and its values at
 * {@code values()[q·tileRows + r]}. Without skipping every step is listed, so a full list's values
 * are also the dense layout, from {@code from·tileRows} on.
 *
 * <p>One instance per thread (in its workspace) is refilled by every multiply on that thread; its
 * arrays grow to the largest A seen and are reused after that, so packing allocates nothing in
 * training. Worker threads only read it.
 */
final class PackedA {
    private float[] values = new float[0];
    private int[] steps = new int[0];
    /** Position of the first step of (tile t, pass b) at t·(passes + 1) + b; entry t·(passes + 1) + passes ends tile t. */
    private int[] starts = new int[0];
    private int tiles;
    private int passes;

    /**
     * Packs op(A), m×k, in row tiles of {@code tileRows} rows and passes of {@code kStep} steps. A
     * is stored m×k, or k×m when {@code transposeA}. With {@code skipZeros}, only the steps where
     * the tile has a non-zero value are kept. Returns this.
     */
    PackedA pack(float[] a, boolean transposeA, int m, int k, int tileRows, int kStep, boolean skipZeros) {
        tiles = (m + tileRows - 1) / tileRows;
        passes = (k + kStep - 1) / kStep;
        if (steps.length < tiles * k) {
            steps = new int[tiles * k];
        }
        if (values.length < tiles * k * tileRows) {
            values = new float[tiles * k * tileRows];
        }
        if (starts.length < tiles * (passes + 1)) {
            starts = new int[tiles * (passes + 1)];
        }
        for (int t = 0; t < tiles; t++) {
            int i = t * tileRows;
            int rows = Math.min(tileRows, m - i);
            int next = t * k;
            for (int pass = 0; pass < passes; pass++) {
                int p0 = pass * kStep;
                int kc = Math.min(kStep, k - p0);
                starts[t * (passes + 1) + pass] = next;
                int from = transposeA ? p0 * m + i : i * k + p0;
                int rowStride = transposeA ? 1 : k;
                int stepStride = transposeA ? m : 1;
                next = packTile(a, from, rowStride, stepStride, rows, tileRows, kc, next, skipZeros);
            }
            starts[t * (passes + 1) + passes] = next;
        }
        return this;
    }

    /**
     * Copies the tile's kc steps, A[i+r][p] at a[from + r·rowStride + p·stepStride] for the first
     * {@code rows} rows and zero for the rest, to positions next, next+1, …; a step whose values
     * are all zero (±0) keeps its position only when zeros are not skipped. Returns the next free
     * position.
     */
    private int packTile(float[] a, int from, int rowStride, int stepStride, int rows, int tileRows, int kc,
                         int next, boolean skipZeros) {
        for (int p = 0; p < kc; p++) {
            int at = from + p * stepStride;
            int to = next * tileRows;
            int bits = 0;
            for (int r = 0; r < rows; r++) {
                float value = a[at + r * rowStride];
                values[to + r] = value;
                bits |= Float.floatToRawIntBits(value);
            }
            for (int r = rows; r < tileRows; r++) {
                values[to + r] = 0f;
            }
            steps[next] = p;
            // Branch-free: the step is always written, and kept when it counts. Shifting out the
            // sign bit leaves zero exactly for ±0; a NaN counts as non-zero.
            next += !skipZeros || (bits << 1) != 0 ? 1 : 0;
        }
        return next;
    }

    float[] values() {
        return values;
    }

    int[] steps() {
        return steps;
    }

    /** The first position of tile {@code tile}'s list for pass {@code pass}. */
    int from(int tile, int pass) {
        return starts[tile * (passes + 1) + pass];
    }

    /** One past the last position of that list. */
    int to(int tile, int pass) {
        return starts[tile * (passes + 1) + pass + 1];
    }

    /** The steps the kernels walk, summed over every tile and pass of the last {@link #pack}. */
    long keptSteps() {
        long kept = 0;
        for (int t = 0; t < tiles; t++) {
            kept += to(t, passes - 1) - from(t, 0);
        }
        return kept;
    }
}
