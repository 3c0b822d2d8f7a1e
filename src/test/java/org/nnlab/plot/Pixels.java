package org.nnlab.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Reading colours back out of rendered figures. */
public final class Pixels {

    private Pixels() {
    }

    public static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }

    /** The largest difference in any one channel: 0 for the same colour, 255 for black against white. */
    public static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    /**
     * Whether some pixel within {@code radius} of (x, y) has about the colour: antialiasing blends a
     * line's edge pixels with the background, so the test looks for the line's core nearby.
     */
    public static boolean colorNear(BufferedImage image, double x, double y, int radius, Color color, int tolerance) {
        int cx = (int) Math.floor(x);
        int cy = (int) Math.floor(y);
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                int px = cx + dx;
                int py = cy + dy;
                if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight()
                        && distance(at(image, px, py), color) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many pixels of the whole image have about the colour. */
    public static int count(BufferedImage image, Color color, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (distance(at(image, x, y), color) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Relative luminance 0 (black) .. 1 (white). */
    public static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }
}
