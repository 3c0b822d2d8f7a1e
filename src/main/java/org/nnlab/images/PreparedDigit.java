package org.nnlab.images;

import org.nnlab.data.LabeledImages;
import org.nnlab.images.MnistStylePreprocessing.Box;

/**
 * What {@link MnistStylePreprocessing} made of a picture: the 28×28 grey levels (white ink on
 * black, one unsigned byte per pixel, row by row) and how it got there.
 *
 * @param pixels        the 28×28 image
 * @param inverted      whether the picture was dark on light, and so inverted
 * @param sourceWidth   the picture's width
 * @param sourceHeight  the picture's height
 * @param ink           the box around the ink in the picture, or null when it had none
 * @param scaledWidth   the ink's width after scaling
 * @param scaledHeight  the ink's height after scaling
 * @param top           the row where the scaled ink starts in the 28×28 image
 * @param left          the column where it starts
 * @param unchanged     whether the picture already was MNIST-style and was used as it is
 * @param blankReason   why the picture is blank (e.g. "every pixel is 255 (white)"), or null when it has ink
 */
public record PreparedDigit(byte[] pixels, boolean inverted, int sourceWidth, int sourceHeight, Box ink,
                            int scaledWidth, int scaledHeight, int top, int left, boolean unchanged, String blankReason) {
    private static final int SIDE = MnistStylePreprocessing.SIDE;
    /** From no ink to full ink, two characters per pixel so that the picture keeps its shape in a terminal. */
    private static final String ASCII_LEVELS = " .:-=+*#%@";

    static PreparedDigit blank(boolean inverted, int width, int height, String reason) {
        return new PreparedDigit(new byte[SIDE * SIDE], inverted, width, height, null, 0, 0, 0, 0, false, reason);
    }

    static PreparedDigit unchanged(byte[] pixels, boolean inverted, Box ink) {
        return new PreparedDigit(pixels, inverted, SIDE, SIDE, ink, ink.width(), ink.height(), ink.y(), ink.x(), true, null);
    }

    public boolean isBlank() {
        return blankReason != null;
    }

    /** The grey level 0..255 of pixel {@code i} (row-major). */
    public int level(int i) {
        return Byte.toUnsignedInt(pixels[i]);
    }

    /** The image as a one-image set (labelled 0, which means nothing), the form the network's inputs are made from. */
    public LabeledImages asImages() {
        return new LabeledImages(1, SIDE, SIDE, pixels.clone(), new byte[] {0});
    }

    /** What was done, in one line, e.g. "ink 180×200 at (40, 31) of 280×280, scaled to 18×20, placed at row 4, column 5". */
    public String describe() {
        String polarity = inverted ? "dark on light, inverted; " : "";
        if (isBlank()) {
            return polarity + "blank: " + blankReason;
        }
        if (unchanged) {
            return polarity + "already MNIST-style (28×28, ink " + ink.width() + "×" + ink.height()
                    + ", centred), used as it is";
        }
        return polarity + "ink " + ink.width() + "×" + ink.height() + " at (" + ink.x() + ", " + ink.y() + ") of "
                + sourceWidth + "×" + sourceHeight + ", scaled to " + scaledWidth + "×" + scaledHeight
                + ", placed at row " + top + ", column " + left + " to centre its mass";
    }

    /** The 28×28 image as 28 lines of text, darker characters for more ink. */
    public String ascii() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                int level = level(r * SIDE + c);
                // Rounded up, so that the faintest ink still shows.
                char ch = ASCII_LEVELS.charAt((level * (ASCII_LEVELS.length() - 1) + 254) / 255);
                sb.append(ch).append(ch);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
