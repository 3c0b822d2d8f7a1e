package org.nnlab.images;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A picture as plain numbers: the grey level 0..255 and the opacity 0..1 of every pixel, row by
 * row ({@code y * width + x}).
 *
 * <p>{@link #of(BufferedImage)} reads the values stored in the file, not what Java's colour
 * management makes of them: {@code BufferedImage.getRGB} passes an 8-bit greyscale PNG through a
 * gamma curve (grey level 32 becomes 99, 128 becomes 188), so a network fed through it would see
 * brighter strokes than the file holds. A 16-bit level is scaled to 0..255, a palette index is
 * looked up in the palette, and colour becomes grey by luminance, 0.299 R + 0.587 G + 0.114 B.
 *
 * @param alpha the opacity of each pixel, or null when the image has no transparency
 */
public record GreyImage(int width, int height, double[] grey, double[] alpha) {
    /** ITU-R BT.601 luma weights, the usual grey of a colour picture. */
    private static final double RED = 0.299;
    private static final double GREEN = 0.587;
    private static final double BLUE = 0.114;

    public GreyImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image needs at least one pixel, got " + width + "×" + height);
        }
        if (grey.length != (long) width * height || (alpha != null && alpha.length != grey.length)) {
            throw new IllegalArgumentException("a " + width + "×" + height + " image needs " + (long) width * height
                    + " values, got " + grey.length + (alpha == null ? "" : " grey and " + alpha.length + " alpha"));
        }
    }

    /** An opaque image from grey levels 0..255, one unsigned byte per pixel, row by row. */
    public static GreyImage ofBytes(int width, int height, byte[] levels) {
        double[] grey = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            grey[i] = Byte.toUnsignedInt(levels[i]);
        }
        return new GreyImage(width, height, grey, null);
    }

    /** The stored pixel values of a grey (8 or 16 bit), palette or RGB image, with its transparency if it has any. */
    public static GreyImage of(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        double[] grey = new double[width * height];
        double[] alpha = model.hasAlpha() ? new double[grey.length] : null;
        if (model instanceof IndexColorModel palette) {
            readPalette(raster, palette, grey, alpha);
        } else {
            readComponents(raster, model, grey, alpha);
        }
        return new GreyImage(width, height, grey, alpha);
    }

    private static void readPalette(Raster raster, IndexColorModel palette, double[] grey, double[] alpha) {
        int width = raster.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                int index = row[x];
                int i = y * width + x;
                grey[i] = RED * palette.getRed(index) + GREEN * palette.getGreen(index) + BLUE * palette.getBlue(index);
                if (alpha != null) {
                    alpha[i] = palette.getAlpha(index) / 255.0;
                }
            }
        }
    }

    private static void readComponents(Raster raster, ColorModel model, double[] grey, double[] alpha) {
        int colours = model.getNumColorComponents();
        int transfer = model.getTransferType();
        if (colours != 1 && colours != 3 || transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE) {
            throw new IllegalArgumentException("only grey, RGB and palette images with whole-number levels can be read; this one has "
                    + colours + " colour components" + (transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE
                    ? " stored as floating point" : ""));
        }
        int bands = colours + (alpha != null ? 1 : 0);
        // Levels are scaled to 0..255 (an 8-bit level stays the same number exactly), alpha to 0..1.
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            scale[b] = (b < colours ? 255.0 : 1.0) / ((1L << model.getComponentSize(b)) - 1);
        }
        int width = raster.getWidth();
        int[][] rows = new int[bands][width];
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int b = 0; b < bands; b++) {
                raster.getSamples(0, y, width, 1, b, rows[b]);
            }
            for (int x = 0; x < width; x++) {
                double level = colours == 1 ? rows[0][x] * scale[0]
                        : RED * rows[0][x] * scale[0] + GREEN * rows[1][x] * scale[1] + BLUE * rows[2][x] * scale[2];
                int i = y * width + x;
                if (alpha != null) {
                    alpha[i] = rows[colours][x] * scale[colours];
                    if (model.isAlphaPremultiplied() && alpha[i] > 0) {
                        level = Math.min(255, level / alpha[i]);
                    }
                }
                grey[i] = level;
            }
        }
    }

    public int pixels() {
        return grey.length;
    }

    /** Whether some pixel is not fully opaque. */
    public boolean hasTransparency() {
        if (alpha == null) {
            return false;
        }
        for (double a : alpha) {
            if (a < 1) {
                return true;
            }
        }
        return false;
    }
}
