package org.nnlab.plot;

/**
 * Which point of a text's box is placed at the given (x, y). The box is the text's advance width
 * by its font's ascent plus descent, so a row of labels anchored the same way lines up whatever
 * letters they contain.
 */
public enum Anchor {
    TOP_LEFT(0, 0), TOP_CENTER(0.5, 0), TOP_RIGHT(1, 0),
    CENTER_LEFT(0, 0.5), CENTER(0.5, 0.5), CENTER_RIGHT(1, 0.5),
    BOTTOM_LEFT(0, 1), BOTTOM_CENTER(0.5, 1), BOTTOM_RIGHT(1, 1);

    /** 0 places the text's left edge at x, 0.5 its centre, 1 its right edge. */
    final double horizontal;
    /** 0 places the top of the box at y, 0.5 its middle, 1 its bottom. */
    final double vertical;

    Anchor(double horizontal, double vertical) {
        this.horizontal = horizontal;
        this.vertical = vertical;
    }

    /** 0 for an anchor on the text's left edge, 0.5 on its centre, 1 on its right edge. */
    public double horizontal() {
        return horizontal;
    }

    /** 0 for an anchor on the top of the text's box, 0.5 on its middle, 1 on its bottom. */
    public double vertical() {
        return vertical;
    }
}
