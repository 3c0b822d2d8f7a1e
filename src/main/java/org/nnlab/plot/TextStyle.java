package org.nnlab.plot;

import java.awt.Color;

/**
 * How a text is set: size in pixels, weight, colour, which point of it sits at the given position,
 * and a rotation in degrees about that point (negative turns it anticlockwise, as for a y-axis
 * label read from bottom to top).
 */
public record TextStyle(double size, boolean bold, Color color, Anchor anchor, double rotation) {

    public static TextStyle plain(double size, Anchor anchor) {
        return new TextStyle(size, false, Color.BLACK, anchor, 0);
    }

    public static TextStyle bold(double size, Anchor anchor) {
        return new TextStyle(size, true, Color.BLACK, anchor, 0);
    }

    public TextStyle withColor(Color newColor) {
        return new TextStyle(size, bold, newColor, anchor, rotation);
    }

    public TextStyle rotated(double degrees) {
        return new TextStyle(size, bold, color, anchor, degrees);
    }
}
