package org.nnlab.plot;

import java.awt.Color;
import java.awt.Rectangle;
import org.nnlab.matrix.Matrix;

/**
 * W1·W2 (784×10) as ten 28×28 images, one per class, as in report 001's figure 7. Ignoring the
 * hidden activation and the biases, column c is the linear template the network matches an image
 * against for class c, so the digits' shapes show through: red where ink raises the class's score,
 * blue where it lowers it. Each image has its own scale, symmetric about 0.
 */
public final class DigitTemplates implements Figure {
    private static final int MARGIN = 20;
    private static final int PER_ROW = 5;
    private static final int ZOOM = 5;
    private static final int GAP = 26;
    private static final double LABEL_SIZE = 16;

    private final Matrix templates;
    private final int side;
    private final TitleBlock title;
    private final int width;
    private final int height;
    private final int gridLeft;
    private final int gridTop;

    /** @param w1 the first layer's weights, pixels × H; @param w2 the second layer's, H × classes */
    public DigitTemplates(Matrix w1, Matrix w2, String setup) {
        this(multiply(w1, w2), "W1·W2: the class templates seen through both layers", setup,
                "Column c of W1·W2 as a " + sideOf(w1) + "×" + sideOf(w1) + " image (hidden activation and biases left out).");
    }

    /**
     * A network without a hidden layer scores class c by column c of W1 alone, so W1 needs no
     * second layer to show its templates.
     *
     * @param w1 the only layer's weights, pixels × classes
     */
    public static DigitTemplates ofSingleLayer(Matrix w1, String setup) {
        return new DigitTemplates(w1, "W1: the class templates of a network without a hidden layer", setup,
                "Column c of W1 as a " + sideOf(w1) + "×" + sideOf(w1) + " image (bias left out).");
    }

    private DigitTemplates(Matrix templates, String heading, String setup, String whatIsShown) {
        this.templates = templates;
        this.side = sideOf(templates);
        int tile = side * ZOOM;
        int rows = (templates.cols() + PER_ROW - 1) / PER_ROW;
        int gridWidth = PER_ROW * (tile + GAP) - GAP;
        this.width = Math.max(gridWidth + 2 * MARGIN, 760);
        this.title = new TitleBlock(heading, setup, whatIsShown
                + " Red: ink there raises class c's score, blue: lowers it, white: no effect;"
                + " each image scaled to its own largest |value|.");
        this.gridTop = (int) Math.ceil(MARGIN + title.height(width - 2 * MARGIN) + 12);
        this.gridLeft = (width - gridWidth) / 2;
        this.height = gridTop + rows * (labelHeight() + tile + GAP) - GAP + MARGIN;
    }

    /** The space above each image for its label. */
    private static int labelHeight() {
        return (int) Math.ceil(TextMetrics.height(LABEL_SIZE) + 6);
    }

    private static int sideOf(Matrix pixelsByClass) {
        return GreyLevels.squareSide(pixelsByClass.rows(), "W1");
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Where class {@code c}'s image is drawn, below its label. */
    public Rectangle imageBounds(int c) {
        int tile = side * ZOOM;
        int x = gridLeft + (c % PER_ROW) * (tile + GAP);
        int y = gridTop + (c / PER_ROW) * (labelHeight() + tile + GAP) + labelHeight();
        return new Rectangle(x, y, tile, tile);
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, width - 2 * MARGIN);
        for (int c = 0; c < templates.cols(); c++) {
            Rectangle bounds = imageBounds(c);
            // A digit-vs-rest network has one output, whose template separates the digit (red) from the rest.
            canvas.text(templates.cols() == 1 ? "the yes/no output" : "class " + c, bounds.getCenterX(), bounds.y - 4, TextStyle.bold(LABEL_SIZE, Anchor.BOTTOM_CENTER));
            canvas.image(bounds.x, bounds.y, bounds.width, bounds.height, template(c));
            canvas.rect(bounds.x - 0.5, bounds.y - 0.5, bounds.width + 1, bounds.height + 1, Pen.solid(Color.GRAY, 1));
        }
    }

    private PixelImage template(int c) {
        double limit = 0;
        for (int pixel = 0; pixel < templates.rows(); pixel++) {
            limit = Math.max(limit, Math.abs(templates.get(pixel, c)));
        }
        PixelImage image = new PixelImage(side, side);
        for (int pixel = 0; pixel < templates.rows(); pixel++) {
            image.set(pixel % side, pixel / side, Colormaps.diverging(limit > 0 ? templates.get(pixel, c) / limit : 0));
        }
        return image;
    }

    /** W1·W2 in double precision; a plain triple loop is quick enough for 784×H×10 and works for either precision. */
    private static Matrix multiply(Matrix w1, Matrix w2) {
        if (w1.cols() != w2.rows()) {
            throw new IllegalArgumentException("W1·W2 needs W1's columns to match W2's rows, got " + w1.shape() + " and " + w2.shape());
        }
        double[] result = new double[w1.rows() * w2.cols()];
        for (int i = 0; i < w1.rows(); i++) {
            for (int k = 0; k < w1.cols(); k++) {
                double a = w1.get(i, k);
                for (int j = 0; j < w2.cols(); j++) {
                    result[i * w2.cols() + j] += a * w2.get(k, j);
                }
            }
        }
        return Matrix.wrap(result, w1.rows(), w2.cols());
    }
}
