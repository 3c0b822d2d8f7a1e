package org.nnlab.plot;

/** Grey levels 0 (black) .. 255 (white) for numbers, stretched between a minimum and a maximum. */
final class GreyLevels {
    /** A tile whose values are all equal has no contrast to stretch: it is drawn mid-grey. */
    static final int FLAT = 128;

    private GreyLevels() {
    }

    /** Each value's level with the smallest of them black and the largest white (min–max normalisation). */
    static int[] stretched(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] levels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            levels[i] = level(values[i], min, max);
        }
        return levels;
    }

    static int level(double value, double min, double max) {
        if (!(max > min)) {
            return FLAT;
        }
        return (int) Math.round(255 * (value - min) / (max - min));
    }

    /** The side of the square image a vector of {@code pixels} values makes, e.g. 28 for 784. */
    static int squareSide(int pixels, String what) {
        int side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels || side == 0) {
            throw new IllegalArgumentException(what + " has " + pixels
                    + " values per image, which is not a square number of pixels (MNIST: 784 = 28×28)");
        }
        return side;
    }
}
