package org.nnlab.plot;

import java.awt.Color;

/** Maps numbers to colours: grey levels, a diverging blue–white–red map for signed weights, and a sequential blue map for counts. */
final class Colormaps {
    /** ColorBrewer RdBu, from blue (negative) through near-white (zero) to red (positive). */
    private static final int[] DIVERGING = {0x2166AC, 0x67A9CF, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xEF8A62, 0xB2182B};
    /** ColorBrewer Blues, light to dark: darker means more, and the lightness falls steadily along it. */
    private static final int[] SEQUENTIAL = {0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B};

    private Colormaps() {
    }

    /** The grey of a level 0 (black) .. 255 (white). */
    static Color grey(int level) {
        return new Color(level, level, level);
    }

    /** Blue for −1, white for 0, red for +1; values outside are clamped. */
    static Color diverging(double t) {
        return interpolate(DIVERGING, (clamp(t, -1, 1) + 1) / 2);
    }

    /** Near-white for 0, dark blue for 1; values outside are clamped. */
    static Color sequential(double t) {
        return interpolate(SEQUENTIAL, clamp(t, 0, 1));
    }

    /** Relative luminance 0..1 (ITU-R BT.709 weights on sRGB): dark backgrounds get white text. */
    static double luminance(Color color) {
        return (0.2126 * color.getRed() + 0.7152 * color.getGreen() + 0.0722 * color.getBlue()) / 255;
    }

    private static Color interpolate(int[] stops, double t) {
        double position = t * (stops.length - 1);
        int i = Math.min((int) position, stops.length - 2);
        double f = position - i;
        return new Color(mix(stops[i] >> 16, stops[i + 1] >> 16, f),
                mix(stops[i] >> 8, stops[i + 1] >> 8, f),
                mix(stops[i], stops[i + 1], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }

    private static double clamp(double t, double low, double high) {
        return Math.max(low, Math.min(high, t));
    }
}
