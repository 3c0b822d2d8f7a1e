package org.nnlab.augment;

import org.nnlab.random.SplitMix64;

/**
 * How far a random affine distortion may go. Each image draws its own values, each uniformly in
 * [−range, +range]:
 *
 * <ul>
 *   <li>a rotation of up to {@code rotateDegrees} either way;</li>
 *   <li>a horizontal and an independent vertical scale factor 1 ± {@code scale} (0.15: 85% to 115%),
 *       so that a digit may come out narrower, wider, shorter or taller;</li>
 *   <li>a horizontal shear of up to {@code shearDegrees}: x ↦ x + tan(φ)·y, the slant of handwriting;</li>
 *   <li>a shift of up to {@code translatePixels} right or left, and up or down, independently.</li>
 * </ul>
 *
 * All about the image's centre, so that a digit is turned, stretched and slanted where it stands
 * before it is shifted.
 */
public record AffineRanges(double rotateDegrees, double scale, double shearDegrees, double translatePixels) {

    /** Nothing moves: every range is zero. */
    public static final AffineRanges NONE = new AffineRanges(0, 0, 0, 0);

    public AffineRanges {
        requireRange("rotation", rotateDegrees, 180);
        requireRange("scale", scale, 1);
        requireRange("shear", shearDegrees, 89);
        requireRange("translation", translatePixels, Double.MAX_VALUE);
        if (scale >= 1) {
            throw new IllegalArgumentException("the scale range must be below 1 (a factor 1 − scale must stay positive), got " + scale);
        }
    }

    private static void requireRange(String what, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException("the " + what + " range must be a number in [0, " + (max == Double.MAX_VALUE ? "∞" : max)
                    + "], got " + value);
        }
    }

    /**
     * The map that moves one image's ink: shear, then scale, then rotate (all about the centre of
     * a side×side image), then shift, each amount drawn from {@code random}; with {@code flip}, the
     * image is first mirrored left to right with probability ½.
     */
    // tag::draw[]
    public AffineMap draw(SplitMix64 random, boolean flip, int side) {
        double theta = Math.toRadians(rotateDegrees * RandomDraws.symmetric(random));
        double scaleX = 1 + scale * RandomDraws.symmetric(random);
        double scaleY = 1 + scale * RandomDraws.symmetric(random);
        double shear = Math.tan(Math.toRadians(shearDegrees * RandomDraws.symmetric(random)));
        double shiftX = translatePixels * RandomDraws.symmetric(random);
        double shiftY = translatePixels * RandomDraws.symmetric(random);
        double mirror = flip && RandomDraws.coin(random) ? -1 : 1;

        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        // M = rotation · scale · shear · mirror, written out: [cos sin; −sin cos]·[sx 0; 0 sy]·[1 k; 0 1]·[m 0; 0 1]
        double a = cos * scaleX * mirror;
        double b = cos * scaleX * shear + sin * scaleY;
        double c = -sin * scaleX * mirror;
        double d = -sin * scaleX * shear + cos * scaleY;
        double centre = (side - 1) / 2.0;
        return new AffineMap(a, b, c, d, shiftX, shiftY).about(centre, centre);
    }
    // end::draw[]

    /** "rotate ±15°, scale ±15%, translate ±2 px": the ranges that are not zero ("all ranges 0" if none). */
    public String describe() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (rotateDegrees > 0) {
            parts.add("rotate ±" + Numbers.compact(rotateDegrees) + "°");
        }
        if (scale > 0) {
            parts.add("scale ±" + Numbers.compact(100 * scale) + "%");
        }
        if (shearDegrees > 0) {
            parts.add("shear ±" + Numbers.compact(shearDegrees) + "°");
        }
        if (translatePixels > 0) {
            parts.add("translate ±" + Numbers.compact(translatePixels) + " px");
        }
        return parts.isEmpty() ? "all ranges 0" : String.join(", ", parts);
    }
}
