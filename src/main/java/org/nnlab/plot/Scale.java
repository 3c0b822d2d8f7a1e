package org.nnlab.plot;

import java.util.List;

/** Maps data values along one axis to pixel positions, and chooses that axis's ticks. */
public interface Scale {

    /** The pixel position of a value; NaN for a value the axis cannot show (e.g. a negative one on a log axis). */
    double toPixel(double value);

    /** The ticks of the axis, from its start to its end. */
    List<Tick> ticks();

    /** Where the axis is broken (a log axis that also shows 0 leaves a gap before its first decade), or NaN. */
    default double breakPixel() {
        return Double.NaN;
    }

    /** Whether a line from value a to value b would cross the break, and so should not be drawn. */
    default boolean breaksBetween(double a, double b) {
        return false;
    }
}
