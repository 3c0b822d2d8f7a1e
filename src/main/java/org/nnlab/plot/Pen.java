package org.nnlab.plot;

import java.awt.Color;

/** How a line is drawn: its colour, its width in pixels and whether it is dashed. */
public record Pen(Color color, double width, boolean dashed) {

    /** The dash pattern of dashed lines, in multiples of the line width: on, off. */
    static final double[] DASH = {4, 2.5};

    public static Pen solid(Color color, double width) {
        return new Pen(color, width, false);
    }

    public static Pen dashed(Color color, double width) {
        return new Pen(color, width, true);
    }
}
