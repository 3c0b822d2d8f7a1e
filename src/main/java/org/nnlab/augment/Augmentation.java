package org.nnlab.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How training images are distorted as each minibatch is drawn ({@code --augment}): every image
 * of every batch gets a distortion of its own, so the network never sees the same picture twice.
 * Validation and test images are never touched.
 *
 * <p>Written on the command line as the kinds joined by {@code +}, e.g. {@code affine},
 * {@code elastic}, {@code affine+elastic}, {@code affine+flip}, or {@code none}; the ranges and
 * the elastic σ and α are options of their own.
 *
 * @param affine  a random affine map per image, within {@code ranges}
 * @param elastic Simard's elastic distortion per image, as {@code elasticSettings} says
 * @param flip    a mirror image, left to right, for half the images: right for clothes (a mirrored
 *                shoe is a shoe), wrong for digits (a mirrored 2 is no 2)
 */
public record Augmentation(boolean affine, AffineRanges ranges, boolean elastic, ElasticSettings elasticSettings,
                           boolean flip) {

    /** Affine ranges that suit handwritten digits: a slight turn, stretch and slant, a small shift. */
    public static final AffineRanges DIGIT_RANGES = new AffineRanges(15, 0.15, 15, 2);

    /** No augmentation: the images as they are. */
    public static final Augmentation NONE = new Augmentation(false, DIGIT_RANGES, false, ElasticSettings.SIMARD, false);

    public Augmentation {
        if (ranges == null || elasticSettings == null) {
            throw new IllegalArgumentException("the affine ranges and elastic settings must be given, even when off");
        }
    }

    /** The kinds named in {@code spec} ("none", "affine", "elastic+flip", ...), each with the default settings. */
    public static Augmentation parse(String spec) {
        String text = spec.trim().toLowerCase(Locale.ROOT);
        if (text.equals("none")) {
            return NONE;
        }
        boolean affine = false;
        boolean elastic = false;
        boolean flip = false;
        for (String kind : text.split("\\+", -1)) {
            switch (kind.trim()) {
                case "affine" -> affine = true;
                case "elastic" -> elastic = true;
                case "flip" -> flip = true;
                default -> throw new IllegalArgumentException("unknown augmentation '" + kind.trim() + "' in '" + spec
                        + "', expected none, or affine, elastic and flip joined by + (e.g. affine+elastic)");
            }
        }
        return new Augmentation(affine, NONE.ranges, elastic, NONE.elasticSettings, flip);
    }

    /** Whether anything is done to the images at all. */
    public boolean isOn() {
        return affine || elastic || flip;
    }

    /** The command-line form of the kinds: "affine+elastic", "none". */
    public String kinds() {
        List<String> kinds = new ArrayList<>();
        if (affine) {
            kinds.add("affine");
        }
        if (elastic) {
            kinds.add("elastic");
        }
        if (flip) {
            kinds.add("flip");
        }
        return kinds.isEmpty() ? "none" : String.join("+", kinds);
    }

    public Augmentation withRanges(AffineRanges changed) {
        return new Augmentation(affine, changed, elastic, elasticSettings, flip);
    }

    public Augmentation withElastic(ElasticSettings changed) {
        return new Augmentation(affine, ranges, elastic, changed, flip);
    }

    /** "affine (rotate ±15°, …) + elastic (σ 4, α 34) + flip", or "none". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (affine) {
            parts.add("affine (" + ranges.describe() + ")");
        }
        if (elastic) {
            parts.add("elastic (" + elasticSettings.describe() + ")");
        }
        if (flip) {
            parts.add("left-right flips");
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }
}
