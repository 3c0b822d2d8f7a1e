package org.nnlab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nnlab.formats.FileFormatException;

/**
 * Reads a picture of one digit into the form MNIST has: grey levels 0..255 of a rows×cols image,
 * a white digit on a black background.
 *
 * <ul>
 *   <li>Colour is turned into grey by luminance (0.299 R + 0.587 G + 0.114 B); transparent
 *       pixels count as white paper.</li>
 *   <li>A larger image is padded to a square with its background and shrunk by averaging the
 *       source pixels that fall into each target pixel (box filter), so thin strokes fade instead
 *       of disappearing.</li>
 *   <li>Polarity is detected from the border: when the border is brighter than mid-grey the
 *       picture is taken as a dark digit on paper and inverted.</li>
 * </ul>
 */
public record DigitImage(LabeledImages image, boolean inverted) {

    /**
     * The picture as one MNIST-style image (labelled 0, which means nothing), and whether it was
     * inverted; unreadable or too small files are errors naming the file.
     */
    public static DigitImage read(Path path, int rows, int cols) {
        BufferedImage image;
        try {
            image = Files.isRegularFile(path) ? ImageIO.read(path.toFile()) : null;
        } catch (IOException e) {
            throw new FileFormatException(path + " is not a readable image: " + e.getMessage());
        }
        if (image == null) {
            throw new FileFormatException(path + (Files.isRegularFile(path) ? " is not a PNG (or other image ImageIO reads)"
                    : ": no such file"));
        }
        if (image.getWidth() < cols || image.getHeight() < rows) {
            throw new FileFormatException(path + " is " + image.getWidth() + "×" + image.getHeight()
                    + " pixels; a digit image must be at least " + cols + "×" + rows);
        }
        double[][] grey = padToSquare(grey(image));
        double[][] small = shrink(grey, rows, cols);
        boolean darkOnLight = borderMean(grey) > 127.5;
        byte[] pixels = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = darkOnLight ? 255 - small[r][c] : small[r][c];
                pixels[r * cols + c] = (byte) Math.round(Math.min(255, Math.max(0, v)));
            }
        }
        return new DigitImage(new LabeledImages(1, rows, cols, pixels, new byte[] {0}), darkOnLight);
    }

    private static double[][] grey(BufferedImage image) {
        double[][] grey = new double[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                double alpha = (argb >>> 24) / 255.0;
                double luminance = 0.299 * (argb >> 16 & 0xFF) + 0.587 * (argb >> 8 & 0xFF) + 0.114 * (argb & 0xFF);
                grey[y][x] = alpha * luminance + (1 - alpha) * 255;
            }
        }
        return grey;
    }

    /** The mean grey level of the outermost rows and columns: the background. */
    private static double borderMean(double[][] grey) {
        int h = grey.length;
        int w = grey[0].length;
        double sum = 0;
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
                    sum += grey[y][x];
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static double[][] padToSquare(double[][] grey) {
        int h = grey.length;
        int w = grey[0].length;
        if (h == w) {
            return grey;
        }
        int side = Math.max(h, w);
        double background = borderMean(grey);
        double[][] square = new double[side][side];
        int top = (side - h) / 2;
        int left = (side - w) / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean inside = y >= top && y < top + h && x >= left && x < left + w;
                square[y][x] = inside ? grey[y - top][x - left] : background;
            }
        }
        return square;
    }

    /** Box-filter downscaling: each target pixel is the area-weighted mean of the source pixels it covers. */
    private static double[][] shrink(double[][] grey, int rows, int cols) {
        int h = grey.length;
        int w = grey[0].length;
        if (h == rows && w == cols) {
            return grey;
        }
        double[][] out = new double[rows][cols];
        double sy = (double) h / rows;
        double sx = (double) w / cols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = areaMean(grey, r * sy, (r + 1) * sy, c * sx, (c + 1) * sx);
            }
        }
        return out;
    }

    private static double areaMean(double[][] grey, double y0, double y1, double x0, double x1) {
        double sum = 0;
        double area = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            double dy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                double dx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += grey[y][x] * dy * dx;
                area += dy * dx;
            }
        }
        return sum / area;
    }
}
