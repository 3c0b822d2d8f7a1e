package org.nnlab.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nnlab.matrix.Matrix;

/**
 * The test images the network got wrong, most confident mistakes first, each with its true class,
 * the class predicted and the network's confidence in that prediction. Digits are drawn as dark
 * ink on white paper, on one grey scale for all images (the smallest pixel value white, the
 * largest black), so faint strokes look faint.
 */
public final class MisclassifiedGallery implements Figure {
    private static final int MARGIN = 20;
    private static final int PER_ROW = 8;
    private static final int ZOOM = 3;
    private static final int CELL_WIDTH = 124;
    private static final int ROW_GAP = 14;
    private static final double TEXT_SIZE = 12;
    private static final String PROBABILITY_NOTE = "Confidence: the probability the network gave the class it predicted.";

    private final Matrix images;
    private final int[] trueClasses;
    private final int[] predictedClasses;
    private final double[] confidences;
    private final List<String> classNames;
    private final List<Integer> shown;
    private final int side;
    private final double inkMin;
    private final double inkMax;
    private final TitleBlock title;
    private final int width;
    private final int height;
    private final int gridLeft;
    private final int gridTop;

    /**
     * @param images           one image per row (e.g. N×784), in any value range
     * @param trueClasses      the label of each image
     * @param predictedClasses the class the network predicted for each image
     * @param confidences      the probability the network gave its predicted class, 0..1
     * @param maxShown         how many mistakes to show at most
     */
    public MisclassifiedGallery(Matrix images, int[] trueClasses, int[] predictedClasses, double[] confidences,
                                int maxShown, String setup) {
        this(images, trueClasses, predictedClasses, confidences, maxShown, setup,
                IntStream.range(0, 10).mapToObj(String::valueOf).toList(), PROBABILITY_NOTE);
    }

    /**
     * @param classNames     the name of each class, e.g. "rest" and "digit 5" for a yes/no task
     * @param confidenceNote one sentence for the caption saying what the confidence is, for outputs
     *                       that are not a softmax's probabilities
     */
    public MisclassifiedGallery(Matrix images, int[] trueClasses, int[] predictedClasses, double[] confidences,
                                int maxShown, String setup, List<String> classNames, String confidenceNote) {
        if (trueClasses.length != images.rows() || predictedClasses.length != images.rows() || confidences.length != images.rows()) {
            throw new IllegalArgumentException("one true class, prediction and confidence per image: " + images.rows() + " images, "
                    + trueClasses.length + " true classes, " + predictedClasses.length + " predictions, "
                    + confidences.length + " confidences");
        }
        requireProbabilities(confidences);
        requireNamed(trueClasses, classNames.size());
        requireNamed(predictedClasses, classNames.size());
        this.images = images;
        this.trueClasses = trueClasses;
        this.predictedClasses = predictedClasses;
        this.confidences = confidences;
        this.classNames = List.copyOf(classNames);
        this.side = GreyLevels.squareSide(images.cols(), "the image matrix");
        List<Integer> mistakes = mistakesMostConfidentFirst();
        this.shown = mistakes.subList(0, Math.min(maxShown, mistakes.size()));
        double[] range = valueRange(images);
        this.inkMin = range[0];
        this.inkMax = range[1];
        this.width = 2 * MARGIN + PER_ROW * CELL_WIDTH;
        this.title = new TitleBlock("Misclassified images", setup, caption(mistakes.size()) + " " + confidenceNote);
        this.gridTop = (int) Math.ceil(MARGIN + title.height(width - 2 * MARGIN) + 14);
        this.gridLeft = MARGIN;
        int rows = Math.max(1, (shown.size() + PER_ROW - 1) / PER_ROW);
        this.height = gridTop + rows * cellHeight() - ROW_GAP + MARGIN;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The indices of the images shown, in the order shown. */
    public List<Integer> shownImages() {
        return shown;
    }

    /** Where the k-th image shown is drawn. */
    public Rectangle imageBounds(int k) {
        int tile = side * ZOOM;
        int x = gridLeft + (k % PER_ROW) * CELL_WIDTH + (CELL_WIDTH - tile) / 2;
        int y = gridTop + (k / PER_ROW) * cellHeight();
        return new Rectangle(x, y, tile, tile);
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, width - 2 * MARGIN);
        if (shown.isEmpty()) {
            canvas.text("(no image was misclassified)", width / 2.0, gridTop + 20, TextStyle.plain(15, Anchor.TOP_CENTER));
            return;
        }
        for (int k = 0; k < shown.size(); k++) {
            int image = shown.get(k);
            Rectangle bounds = imageBounds(k);
            canvas.image(bounds.x, bounds.y, bounds.width, bounds.height, digit(image));
            canvas.rect(bounds.x - 0.5, bounds.y - 0.5, bounds.width + 1, bounds.height + 1, Pen.solid(Color.LIGHT_GRAY, 1));
            double textTop = bounds.getMaxY() + 4;
            double centre = bounds.getCenterX();
            String verdict = "true " + classNames.get(trueClasses[image]) + ", predicted " + classNames.get(predictedClasses[image]);
            canvas.text(verdict, centre, textTop, TextStyle.plain(sizeToFit(verdict), Anchor.TOP_CENTER));
            canvas.text(String.format(Locale.ROOT, "confidence %.1f%%", 100 * confidences[image]), centre,
                    textTop + TEXT_SIZE * 1.3, TextStyle.plain(TEXT_SIZE, Anchor.TOP_CENTER).withColor(new Color(0x555555)));
        }
    }

    private static void requireProbabilities(double[] confidences) {
        for (int i = 0; i < confidences.length; i++) {
            if (!(confidences[i] >= 0 && confidences[i] <= 1)) {
                throw new IllegalArgumentException("confidence " + confidences[i] + " of image " + i
                        + " is not in [0, 1]: pass probabilities (softmax outputs), not raw scores");
            }
        }
    }

    /** The text size that keeps a label within its cell: longer class names ("rest") get smaller type. */
    private static double sizeToFit(String label) {
        return Math.min(TEXT_SIZE, TEXT_SIZE * (CELL_WIDTH - 8) / TextMetrics.width(label, TEXT_SIZE, false));
    }

    private static void requireNamed(int[] classes, int names) {
        for (int c : classes) {
            if (c < 0 || c >= names) {
                throw new IllegalArgumentException("class " + c + " has no name; " + names + " class names given");
            }
        }
    }

    private int cellHeight() {
        return side * ZOOM + 4 + (int) Math.ceil(2 * TEXT_SIZE * 1.3) + ROW_GAP;
    }

    private String caption(int mistakes) {
        String which = shown.size() == mistakes
                ? "All " + mistakes + " misclassified images"
                : "The " + shown.size() + " most confident of " + mistakes + " mistakes";
        return which + String.format(Locale.ROOT, " (of %,d images), most confident first.", images.rows());
    }

    private List<Integer> mistakesMostConfidentFirst() {
        List<Integer> mistakes = new ArrayList<>();
        for (int i = 0; i < trueClasses.length; i++) {
            if (trueClasses[i] != predictedClasses[i]) {
                mistakes.add(i);
            }
        }
        mistakes.sort(Comparator.comparingDouble((Integer i) -> -confidences[i]).thenComparingInt(i -> i));
        return mistakes;
    }

    /** Image {@code row} as ink on paper: the largest value black, the smallest white. */
    private PixelImage digit(int row) {
        PixelImage image = new PixelImage(side, side);
        for (int pixel = 0; pixel < images.cols(); pixel++) {
            int level = 255 - GreyLevels.level(images.get(row, pixel), inkMin, inkMax);
            image.set(pixel % side, pixel / side, Colormaps.grey(level));
        }
        return image;
    }

    private static double[] valueRange(Matrix m) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m.size(); i++) {
            min = Math.min(min, m.getFlat(i));
            max = Math.max(max, m.getFlat(i));
        }
        return new double[] {min, max};
    }
}
