package org.nnlab.augment;

import org.nnlab.random.SplitMix64;

/**
 * How far each pixel of a side×side image reads away from itself: pixel (x, y) of the distorted
 * image takes the value of the original at (x + Δx(x, y), y + Δy(x, y)). Both components are
 * stored row by row.
 */
public final class DisplacementField {
    private final int side;
    private final float[] dx;
    private final float[] dy;

    /** A field of zeros: every pixel reads itself. */
    public DisplacementField(int side) {
        this.side = side;
        this.dx = new float[side * side];
        this.dy = new float[side * side];
    }

    /**
     * Simard's field, drawn from {@code random}: Δx and Δy uniform in [−1, 1] at every pixel,
     * each smoothed by {@code blur}, then scaled by α. {@code scratch} holds side² values.
     */
    // tag::elastic[]
    void drawElastic(SplitMix64 random, GaussianBlur blur, double alpha, float[] scratch) {
        int pixels = side * side;
        RandomDraws.fillSymmetric(random, scratch, pixels);
        blur.blur(scratch, dx);
        RandomDraws.fillSymmetric(random, scratch, pixels);
        blur.blur(scratch, dy);
        float scale = (float) alpha;
        for (int i = 0; i < pixels; i++) {
            dx[i] *= scale;
            dy[i] *= scale;
        }
    }
    // end::elastic[]

    void clear() {
        java.util.Arrays.fill(dx, 0);
        java.util.Arrays.fill(dy, 0);
    }

    public int side() {
        return side;
    }

    /** Δx at pixel (x, y). */
    public float dx(int x, int y) {
        return dx[y * side + x];
    }

    /** Δy at pixel (x, y). */
    public float dy(int x, int y) {
        return dy[y * side + x];
    }

    float dxAt(int index) {
        return dx[index];
    }

    float dyAt(int index) {
        return dy[index];
    }

    /** The largest |Δ| over the field, in pixels. */
    public double largestDisplacement() {
        double largest = 0;
        for (int i = 0; i < dx.length; i++) {
            largest = Math.max(largest, Math.hypot(dx[i], dy[i]));
        }
        return largest;
    }
}
