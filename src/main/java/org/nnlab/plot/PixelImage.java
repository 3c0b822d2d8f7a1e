package org.nnlab.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A small picture given cell by cell, e.g. one 28×28 weight tile: {@link Canvas#image} stretches it
 * over a rectangle with every cell a sharp block. Cells start white.
 */
public final class PixelImage {
    private final int columns;
    private final int rows;
    private final int[] rgb;

    public PixelImage(int columns, int rows) {
        if (columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("an image needs at least one cell, got " + columns + "×" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        this.rgb = new int[Math.multiplyExact(columns, rows)];
        Arrays.fill(rgb, 0xFFFFFF);
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public void set(int column, int row, Color color) {
        rgb[index(column, row)] = color.getRGB() & 0xFFFFFF;
    }

    /** The cell's colour as 0xRRGGBB. */
    public int rgb(int column, int row) {
        return rgb[index(column, row)];
    }

    /** The image at {@code width}×{@code height} pixels, each cell repeated (nearest neighbour, never blended). */
    BufferedImage scaledTo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * rows / height);
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb[row * columns + (int) ((long) x * columns / width)]);
            }
        }
        return image;
    }

    private int index(int column, int row) {
        if (column < 0 || column >= columns || row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("cell (" + column + ", " + row + ") is outside a "
                    + columns + "×" + rows + " image");
        }
        return row * columns + column;
    }
}
