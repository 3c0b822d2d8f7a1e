package org.nnlab.images;

import java.util.Arrays;

/**
 * Makes a picture of one digit look like the images the network was trained on, the way MNIST's
 * authors prepared theirs (LeCun, Cortes and Burges, "The MNIST database of handwritten digits"):
 * the digits "were size normalized to fit in a 20x20 pixel box while preserving their aspect ratio
 * [...] centered in a 28x28 image by computing the center of mass of the pixels, and translating
 * the image so as to position this point at the center of the 28x28 field." In four steps:
 *
 * <ol>
 *   <li><b>Ink and paper.</b> Transparent pixels are paper. Light paper means dark ink, and the
 *       image is inverted, so that ink is bright as in MNIST: in an opaque picture the paper's grey
 *       is the median of the outermost pixels; in one with transparency, the visible pixels are
 *       the ink. The paper's level is then subtracted (and the rest stretched back to 0..255), so
 *       that paper is 0 however grey it was.</li>
 *   <li><b>Crop</b> to the smallest box that holds every pixel with ink (at least half a grey level,
 *       what rounds to 1 or more).</li>
 *   <li><b>Scale</b> the box so that its longer side is 20 pixels, keeping the aspect ratio. Each
 *       new pixel is the mean of the old pixels it covers, so thin strokes fade rather than vanish
 *       (the grey edges MNIST's own anti-aliasing left).</li>
 *   <li><b>Centre</b>: place it in 28×28 so that its centre of mass falls on row 14, column 14
 *       (counted from 0), to the nearest whole pixel: where MNIST's images have theirs (over the
 *       70,000, the centres of mass average row 13.99, column 14.01, and none is more than 0.52
 *       pixels away). A digit is never pushed over the edge to get there.</li>
 * </ol>
 *
 * <p>An image that already is MNIST-style passes through unchanged (only inverted if it is dark on
 * light): 28×28, its ink 19 or 20 pixels on its longer side (MNIST's are 20, or 19 where the last
 * faint row rounded to 0) and its centre of mass less than a pixel from row 14, column 14. Without
 * this, each MNIST image would be cropped, resampled by a factor of about 1 and shifted by up to a
 * pixel, a small blur that changes some predictions; with it, every MNIST test image is predicted
 * exactly as it is from the IDX file.
 */
public final class MnistStylePreprocessing {
    /** The side of an MNIST image. */
    public static final int SIDE = 28;
    /** The side of the box a digit is scaled into. */
    public static final int BOX = 20;
    /** The row and the column where a digit's centre of mass goes. */
    public static final int CENTRE = 14;
    /** Less ink than this rounds to 0: it is paper. */
    private static final double INK_THRESHOLD = 0.5;

    private MnistStylePreprocessing() {
    }

    /** The 28×28 image, white ink on black, that a network trained on MNIST should be shown for this picture. */
    public static PreparedDigit prepare(GreyImage image) {
        boolean darkOnLight = paperIsLight(image);
        double[] ink = inkLevels(image, darkOnLight);
        Box box = inkBox(ink, image.width(), image.height());
        if (box == null) {
            return PreparedDigit.blank(darkOnLight, image.width(), image.height(), blankReason(image));
        }
        if (isMnistStyle(ink, image.width(), image.height(), box)) {
            return PreparedDigit.unchanged(roundToBytes(ink), darkOnLight, box);
        }
        Patch patch = scaled(ink, image.width(), box);
        double[] centre = centreOfMass(patch.levels(), patch.width(), new Box(0, 0, patch.width(), patch.height()));
        int top = placement(centre[0], patch.height());
        int left = placement(centre[1], patch.width());
        double[] field = new double[SIDE * SIDE];
        for (int y = 0; y < patch.height(); y++) {
            System.arraycopy(patch.levels(), y * patch.width(), field, (top + y) * SIDE + left, patch.width());
        }
        return new PreparedDigit(roundToBytes(field), darkOnLight, image.width(), image.height(), box,
                patch.width(), patch.height(), top, left, false, null);
    }

    /**
     * Whether the paper is light, i.e. the digit dark on light. In a picture with transparency the
     * transparent pixels are the paper and the visible ones the ink, so the digit is dark when what
     * is visible is dark on average. In an opaque picture the paper is what surrounds the digit: the
     * median grey level of the outermost pixels.
     */
    private static boolean paperIsLight(GreyImage image) {
        if (image.hasTransparency()) {
            return meanVisibleGrey(image) < 127.5;
        }
        return median(atBorder(image.grey(), image.width(), image.height())) > 127.5;
    }

    private static double meanVisibleGrey(GreyImage image) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < image.pixels(); i++) {
            sum += image.alpha()[i] * image.grey()[i];
            weight += image.alpha()[i];
        }
        return weight == 0 ? 0 : sum / weight;
    }

    /**
     * Ink per pixel, 0 for paper up to 255 for full ink: transparency blended with the paper,
     * inverted when the paper is light, and the paper's own level (the median at the border) taken
     * away, so that grey paper becomes 0 too.
     */
    private static double[] inkLevels(GreyImage image, boolean darkOnLight) {
        double paperGrey = darkOnLight ? 255 : 0;
        double[] ink = new double[image.pixels()];
        for (int i = 0; i < ink.length; i++) {
            double a = image.alpha() == null ? 1 : image.alpha()[i];
            double grey = a * image.grey()[i] + (1 - a) * paperGrey;
            ink[i] = darkOnLight ? 255 - grey : grey;
        }
        double paper = Math.min(median(atBorder(ink, image.width(), image.height())), 127.5);
        if (paper > 0) {
            double stretch = 255 / (255 - paper);
            for (int i = 0; i < ink.length; i++) {
                ink[i] = Math.max(0, ink[i] - paper) * stretch;
            }
        }
        return ink;
    }

    /** The values of the first and last rows and columns of a width×height image. */
    private static double[] atBorder(double[] values, int width, int height) {
        double[] border = new double[2 * (width + height)];
        int n = 0;
        for (int x = 0; x < width; x++) {
            border[n++] = values[x];
            if (height > 1) {
                border[n++] = values[(height - 1) * width + x];
            }
        }
        for (int y = 1; y < height - 1; y++) {
            border[n++] = values[y * width];
            if (width > 1) {
                border[n++] = values[y * width + width - 1];
            }
        }
        return Arrays.copyOf(border, n);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The smallest box around every pixel with ink, or null when there is none. */
    private static Box inkBox(double[] ink, int width, int height) {
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] >= INK_THRESHOLD) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        return bottom < 0 ? null : new Box(left, top, right - left + 1, bottom - top + 1);
    }

    /** The ink-weighted mean row and column of the pixels inside {@code box}, in image coordinates. */
    private static double[] centreOfMass(double[] ink, int width, Box box) {
        double mass = 0;
        double rows = 0;
        double columns = 0;
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                double m = ink[y * width + x];
                mass += m;
                rows += m * y;
                columns += m * x;
            }
        }
        return new double[] {rows / mass, columns / mass};
    }

    private static boolean isMnistStyle(double[] ink, int width, int height, Box box) {
        if (width != SIDE || height != SIDE) {
            return false;
        }
        int longer = Math.max(box.width(), box.height());
        double[] centre = centreOfMass(ink, width, box);
        return (longer == BOX || longer == BOX - 1)
                && Math.abs(centre[0] - CENTRE) < 1 && Math.abs(centre[1] - CENTRE) < 1;
    }

    /** A box's pixels resampled so that the longer side is {@link #BOX}, by area averaging. */
    private static Patch scaled(double[] ink, int width, Box box) {
        double scale = (double) BOX / Math.max(box.width(), box.height());
        int w = Math.max(1, (int) Math.round(box.width() * scale));
        int h = Math.max(1, (int) Math.round(box.height() * scale));
        double[] levels = new double[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                levels[r * w + c] = areaMean(ink, width, edge(box.y(), box.height(), r, h), edge(box.y(), box.height(), r + 1, h),
                        edge(box.x(), box.width(), c, w), edge(box.x(), box.width(), c + 1, w));
            }
        }
        return new Patch(w, h, levels);
    }

    /**
     * Where the {@code i}-th of {@code parts} equal parts of a box side begins. Computed as one
     * division, not as {@code i} times the part's length: 19 × (21 / 19) is a hair above 21, and the
     * last part would reach a pixel past the box, past the image when the ink touches its edge.
     */
    private static double edge(int start, int length, int i, int parts) {
        return start + (double) i * length / parts;
    }

    /** The mean of the source pixels under the rectangle [x0, x1) × [y0, y1), each weighted by how much of it is covered. */
    private static double areaMean(double[] ink, int width, double y0, double y1, double x0, double x1) {
        double sum = 0;
        double area = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            double dy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                double dx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += ink[y * width + x] * dy * dx;
                area += dy * dx;
            }
        }
        return sum / area;
    }

    /**
     * Where a patch of {@code length} pixels starts so that its centre of mass, {@code centre}
     * pixels from its start, lands nearest {@link #CENTRE}; within the field, so nothing is cut.
     */
    private static int placement(double centre, int length) {
        int start = (int) Math.round(CENTRE - centre);
        return Math.max(0, Math.min(SIDE - length, start));
    }

    private static byte[] roundToBytes(double[] levels) {
        byte[] bytes = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            bytes[i] = (byte) Math.round(Math.max(0, Math.min(255, levels[i])));
        }
        return bytes;
    }

    /** Why an image without ink is blank, e.g. "every pixel is 255 (white)". */
    private static String blankReason(GreyImage image) {
        if (image.alpha() != null && Arrays.stream(image.alpha()).allMatch(a -> a == 0)) {
            return "every pixel is transparent";
        }
        double first = image.grey()[0];
        if (Arrays.stream(image.grey()).allMatch(g -> g == first)) {
            long level = Math.round(first);
            return "every pixel is " + level + (level == 255 ? " (white)" : level == 0 ? " (black)" : " (one grey)");
        }
        return "no pixel differs from the paper by half a grey level or more";
    }

    /** A rectangle of pixels: left column, top row, width, height. */
    public record Box(int x, int y, int width, int height) {
    }

    private record Patch(int width, int height, double[] levels) {
    }
}
