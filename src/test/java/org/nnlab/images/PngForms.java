package org.nnlab.images;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The same grey levels stored in the PNG forms people save digits in, and read back the way files are read. */
public final class PngForms {
    private PngForms() {
    }

    /** The ways a picture of grey levels 0..255 is stored. */
    public enum Form {
        GREY_8, RGB, GREY_16, PALETTE
    }

    /** A width×height picture of the given levels (one unsigned byte per pixel) in the given form. */
    public static BufferedImage image(Form form, int width, int height, byte[] levels) {
        BufferedImage image = switch (form) {
            case GREY_8 -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            case RGB -> new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            case GREY_16 -> new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
            case PALETTE -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, greyPalette());
        };
        for (int i = 0; i < levels.length; i++) {
            int level = Byte.toUnsignedInt(levels[i]);
            int x = i % width;
            int y = i / width;
            switch (form) {
                case GREY_8 -> image.getRaster().setSample(x, y, 0, level);
                case PALETTE -> image.getRaster().setSample(x, y, 0, PALETTE_INDEX[level]);
                case GREY_16 -> image.getRaster().setSample(x, y, 0, level * 257); // 0..255 → 0..65535
                case RGB -> {
                    for (int band = 0; band < 3; band++) {
                        image.getRaster().setSample(x, y, band, level);
                    }
                }
            }
        }
        return image;
    }

    /**
     * Grey levels in a shuffled order: ImageIO writes a palette that is a plain grey ramp as a
     * greyscale PNG, and a reader that used the index as the level would pass unnoticed.
     */
    private static final int[] PALETTE_LEVEL = shuffledLevels();
    private static final int[] PALETTE_INDEX = inverse(PALETTE_LEVEL);

    private static int[] shuffledLevels() {
        int[] levels = new int[256];
        for (int k = 0; k < 256; k++) {
            levels[k] = (k * 97 + 13) % 256; // 97 is odd, so this is a permutation of 0..255
        }
        return levels;
    }

    private static int[] inverse(int[] permutation) {
        int[] inverse = new int[permutation.length];
        for (int k = 0; k < permutation.length; k++) {
            inverse[permutation[k]] = k;
        }
        return inverse;
    }

    private static IndexColorModel greyPalette() {
        byte[] grey = new byte[256];
        for (int k = 0; k < 256; k++) {
            grey[k] = (byte) PALETTE_LEVEL[k];
        }
        return new IndexColorModel(8, 256, grey, grey, grey);
    }

    /** The PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA) and bit depth from a PNG's header. */
    public static int[] colourTypeAndDepth(byte[] png) {
        return new int[] {png[25], png[24]};
    }

    /**
     * The image encoded as a PNG file's bytes. Through memory-cached streams: ImageIO's default
     * streams cache in a temporary file, which made the 40,000 round trips of the test-set test
     * five times slower.
     */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A PNG file's bytes decoded as nnlab reads a file: the stored values. */
    public static GreyImage read(byte[] png) {
        try {
            return GreyImage.of(ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The levels through a PNG of the given form and back. */
    public static GreyImage roundTrip(Form form, int width, int height, byte[] levels) {
        return read(png(image(form, width, height, levels)));
    }
}
