package org.nnlab.augment;

/**
 * Simard, Steinkraus and Platt's elastic distortion (ICDAR 2003, section 2): a random displacement
 * field, each component drawn uniformly in [−1, 1] at every pixel, smoothed by a Gaussian of
 * standard deviation {@code sigma} pixels, and scaled by {@code alpha}. A small σ leaves the field
 * random (the image is scrambled); a large σ makes it nearly constant (the image is shifted); in
 * between, around σ = 4 for 28×28 digits, it bends strokes the way hands vary. α sets how far.
 *
 * @param sigma σ, the Gaussian's standard deviation in pixels (Simard: 4)
 * @param alpha α, the scale of the smoothed field in pixels (Simard: 34)
 */
public record ElasticSettings(double sigma, double alpha) {

    /** The paper's values for MNIST. */
    public static final ElasticSettings SIMARD = new ElasticSettings(4, 34);

    public ElasticSettings {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("the elastic σ must be a positive number of pixels, got " + sigma);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("the elastic α must be a number ≥ 0, got " + alpha);
        }
    }

    /** "σ 4, α 34". */
    public String describe() {
        return "σ " + Numbers.compact(sigma) + ", α " + Numbers.compact(alpha);
    }
}
