package org.nnlab.augment;

import org.nnlab.random.SplitMix64;

/**
 * Distorts square images one at a time, as an {@link Augmentation} says: {@link #draw} picks one
 * image's distortion from a seed, {@link #apply} resamples the image through it.
 *
 * <p>The affine map and the elastic field are composed into one sampling position per pixel, so
 * that each image is interpolated once. With A the affine map that moves the ink and Δ the
 * displacement field, pixel p of the distorted image reads the original at
 *
 * <pre>
 *   s(p) = A⁻¹(p + Δ(p))
 * </pre>
 *
 * i.e. the elastic distortion of the affine-transformed image. The value there is interpolated
 * bilinearly from the four pixels around s(p); pixels outside the image are blank paper.
 *
 * <p>Not thread-safe: it reuses its buffers, so that distorting allocates nothing. One per thread.
 */
public final class ImageDistorter {
    private final Augmentation settings;
    private final int side;
    private final GaussianBlur blur;
    private final DisplacementField field;
    private final float[] scratch;
    private AffineMap inverse = AffineMap.IDENTITY;

    /** A distorter of side×side images. */
    public ImageDistorter(Augmentation settings, int side) {
        if (side < 2) {
            throw new IllegalArgumentException("images to distort must be at least 2×2 pixels, got side " + side);
        }
        this.settings = settings;
        this.side = side;
        this.blur = settings.elastic() ? new GaussianBlur(settings.elasticSettings().sigma(), side) : null;
        this.field = new DisplacementField(side);
        this.scratch = new float[side * side];
    }

    /** The side of a square image of {@code pixels} pixels, e.g. 28 for 784; other counts cannot be distorted. */
    public static int sideOf(int pixels) {
        int side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels || side < 2) {
            throw new IllegalArgumentException("augmentation distorts square images, and " + pixels
                    + " inputs are not a square number of pixels (MNIST: 784 = 28×28)");
        }
        return side;
    }

    /**
     * Draws the distortion of one image from its own generator, seeded with {@code seed}: the same
     * seed gives the same distortion, whichever thread draws it and whatever was drawn before.
     */
    // tag::draw[]
    public void draw(long seed) {
        SplitMix64 random = new SplitMix64(seed);
        AffineMap moveInk = settings.affine() || settings.flip()
                ? (settings.affine() ? settings.ranges() : AffineRanges.NONE).draw(random, settings.flip(), side)
                : AffineMap.IDENTITY;
        inverse = moveInk.inverse();
        if (settings.elastic()) {
            field.drawElastic(random, blur, settings.elasticSettings().alpha(), scratch);
        } else {
            field.clear();
        }
    }
    // end::draw[]

    /** Sets the distortion to the given map that moves the ink, with no elastic field: for pictures and tests of a known transform. */
    public void use(AffineMap moveInk) {
        inverse = moveInk.inverse();
        field.clear();
    }

    /**
     * Writes the image {@code source[sourceOffset ..]} (side² values, row by row), distorted as
     * last drawn, into {@code target[targetOffset ..]}; {@code background} is the value of blank
     * paper, read where the sampling position falls outside the image.
     */
    // tag::apply[]
    public void apply(float[] source, int sourceOffset, float[] target, int targetOffset, float background) {
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                target[targetOffset + y * side + x] = sample(source, sourceOffset, sourceX(x, y), sourceY(x, y), background);
            }
        }
    }

    /** s(p)'s x: where pixel (x, y) of the distorted image reads the original, A⁻¹(p + Δ(p)). */
    public double sourceX(int x, int y) {
        int pixel = y * side + x;
        return inverse.x(x + field.dxAt(pixel), y + field.dyAt(pixel));
    }

    /** s(p)'s y. */
    public double sourceY(int x, int y) {
        int pixel = y * side + x;
        return inverse.y(x + field.dxAt(pixel), y + field.dyAt(pixel));
    }

    /**
     * The image at a point between pixels, by bilinear interpolation: with (x₀, y₀) the pixel at or
     * above-left of (x, y) and fx = x − x₀, fy = y − y₀,
     * f = (1 − fy)·[(1 − fx)·f(x₀, y₀) + fx·f(x₀+1, y₀)] + fy·[(1 − fx)·f(x₀, y₀+1) + fx·f(x₀+1, y₀+1)].
     * At a pixel's centre (fx = fy = 0) this is that pixel's value, exactly.
     */
    private float sample(float[] image, int offset, double x, double y, float background) {
        double floorX = Math.floor(x);
        double floorY = Math.floor(y);
        int x0 = (int) floorX;
        int y0 = (int) floorY;
        float fx = (float) (x - floorX);
        float fy = (float) (y - floorY);
        float top = (1 - fx) * pixel(image, offset, x0, y0, background) + fx * pixel(image, offset, x0 + 1, y0, background);
        float bottom = (1 - fx) * pixel(image, offset, x0, y0 + 1, background)
                + fx * pixel(image, offset, x0 + 1, y0 + 1, background);
        return (1 - fy) * top + fy * bottom;
    }
    // end::apply[]

    private float pixel(float[] image, int offset, int x, int y, float background) {
        return x >= 0 && x < side && y >= 0 && y < side ? image[offset + y * side + x] : background;
    }

    /** The inverse of the affine map last drawn: where each pixel reads from, before the elastic field. */
    public AffineMap inverseAffine() {
        return inverse;
    }

    /** The displacement field last drawn (zero without elastic distortion); changes with the next draw. */
    public DisplacementField field() {
        return field;
    }

    public int side() {
        return side;
    }
}
