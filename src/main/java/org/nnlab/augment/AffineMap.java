package org.nnlab.augment;

/**
 * A map of the image plane to itself, p ↦ M·p + t, in pixel coordinates: x to the right (the
 * column), y downwards (the row), pixel centres at whole numbers, so a 28×28 image's centre is
 * (13.5, 13.5).
 *
 * <pre>
 *   x' = a·x + b·y + tx
 *   y' = c·x + d·y + ty
 * </pre>
 *
 * Augmentation draws the map that moves the ink ({@link AffineRanges#draw}) and resamples with its
 * {@link #inverse()}: pixel p of the new image takes its value from the old image at M⁻¹(p − t).
 */
public record AffineMap(double a, double b, double c, double d, double tx, double ty) {

    public static final AffineMap IDENTITY = new AffineMap(1, 0, 0, 1, 0, 0);

    /**
     * Rotation by {@code degrees} anticlockwise as the image is seen on screen, about the point
     * (cx, cy). With y pointing down, anticlockwise is (x, y) ↦ (x·cos θ + y·sin θ, −x·sin θ + y·cos θ).
     */
    public static AffineMap rotation(double degrees, double cx, double cy) {
        double theta = Math.toRadians(degrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        return new AffineMap(cos, sin, -sin, cos, 0, 0).about(cx, cy);
    }

    /** This map with (cx, cy) as its fixed point instead of the origin: p ↦ M·(p − c) + c + t. */
    public AffineMap about(double cx, double cy) {
        return new AffineMap(a, b, c, d, tx + cx - (a * cx + b * cy), ty + cy - (c * cx + d * cy));
    }

    /** The map that undoes this one: M⁻¹·(p − t). */
    public AffineMap inverse() {
        double det = a * d - b * c;
        if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("this affine map squashes the plane (determinant " + det + ") and has no inverse");
        }
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        return new AffineMap(ia, ib, ic, id, -(ia * tx + ib * ty), -(ic * tx + id * ty));
    }

    /** This map after {@code first}: p ↦ this(first(p)). */
    public AffineMap after(AffineMap first) {
        return new AffineMap(a * first.a + b * first.c, a * first.b + b * first.d,
                c * first.a + d * first.c, c * first.b + d * first.d,
                a * first.tx + b * first.ty + tx, c * first.tx + d * first.ty + ty);
    }

    public double x(double px, double py) {
        return a * px + b * py + tx;
    }

    public double y(double px, double py) {
        return c * px + d * py + ty;
    }
}
