package org.nnlab.plot;

import java.awt.Color;

/**
 * What a picture is drawn on. Every figure draws itself once against this interface, and the same
 * drawing becomes a PNG ({@link PngCanvas}) or an SVG ({@link SvgCanvas}).
 *
 * <p>Coordinates are in pixels of the finished picture, x to the right and y downwards from the
 * top-left corner, as in Java2D and SVG.
 */
public interface Canvas {

    int width();

    int height();

    void line(double x1, double y1, double x2, double y2, Pen pen);

    /** Joined segments through the points (xs[i], ys[i]), in order. */
    void polyline(double[] xs, double[] ys, Pen pen);

    /** The outline of a rectangle. */
    void rect(double x, double y, double width, double height, Pen pen);

    void fillRect(double x, double y, double width, double height, Color fill);

    /** A filled disc, e.g. a data point's marker. */
    void dot(double centerX, double centerY, double radius, Color fill);

    /** One line of text placed by its anchor at (x, y), turned by the style's rotation about that point. */
    void text(String text, double x, double y, TextStyle style);

    /** An image stretched over the rectangle, each of its cells a sharp block of colour (never smoothed). */
    void image(double x, double y, double width, double height, PixelImage image);
}
