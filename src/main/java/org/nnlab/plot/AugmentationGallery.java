package org.nnlab.plot;

import java.awt.Color;
import org.nnlab.augment.Augmentation;
import org.nnlab.augment.ImageDistorter;
import org.nnlab.matrix.Matrix;
import org.nnlab.random.SplitMix64;

/**
 * What augmentation does to training images: a few images as stored, each beside several random
 * distortions of it, as training draws a new one for every image in every epoch; and below, one
 * distortion up close, with arrows from where each pixel's ink was in the original (tail) to
 * where it is in the distorted image (head).
 */
public final class AugmentationGallery implements Figure {
    private static final int MARGIN = 20;
    private static final int WIDTH = 760;
    private static final int MAX_ROWS = 6;
    private static final int VERSIONS = 5;
    private static final int ZOOM = 3;
    private static final int GAP = 10;
    private static final int FIELD_ZOOM = 9;
    /** An arrow every second pixel: every pixel would crowd 784 arrows into the panel. */
    private static final int ARROW_STEP = 2;
    private static final double LABEL_SIZE = 13;
    private static final Color ARROW = new Color(0xD62728);
    private static final Color FRAME = new Color(0xBBBBBB);

    private final int side;
    private final int rows;
    private final float[][] originals;
    private final float[][][] versions;
    private final float[] closeUp;
    private final double[][] sourceX;
    private final double[][] sourceY;
    private final TitleBlock title;
    private final int gridTop;
    private final int gridLeft;
    private final int fieldTop;
    private final int height;

    /**
     * @param images       one image per row, grey levels 0..255 (blank paper 0); the first few are shown
     * @param augmentation the distortions to draw
     * @param seed         seeds every distortion drawn, so that the picture is the same each time
     * @param setup        the run's settings, shown under the heading
     */
    public AugmentationGallery(Matrix images, Augmentation augmentation, long seed, String setup) {
        if (!augmentation.isOn()) {
            throw new IllegalArgumentException("no augmentation to draw: it is none");
        }
        if (images.rows() == 0) {
            throw new IllegalArgumentException("no images to distort");
        }
        this.side = GreyLevels.squareSide(images.cols(), "the image matrix");
        this.rows = Math.min(MAX_ROWS, images.rows());
        ImageDistorter distorter = new ImageDistorter(augmentation, side);
        this.originals = new float[rows][];
        this.versions = new float[rows][VERSIONS][];
        for (int r = 0; r < rows; r++) {
            originals[r] = levels(images, r);
            for (int v = 0; v < VERSIONS; v++) {
                distorter.draw(versionSeed(seed, r, v));
                versions[r][v] = distort(distorter, originals[r]);
            }
        }
        // The close-up repeats the first image's first version, so that it can be found in the grid.
        distorter.draw(versionSeed(seed, 0, 0));
        this.closeUp = distort(distorter, originals[0]);
        this.sourceX = new double[side][side];
        this.sourceY = new double[side][side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                sourceX[y][x] = distorter.sourceX(x, y);
                sourceY[y][x] = distorter.sourceY(x, y);
            }
        }
        this.title = new TitleBlock("Augmented training images", setup,
                "Augmentation: " + augmentation.describe() + ". Left: training images as stored. Right of each: " + VERSIONS
                        + " random distortions of it; training draws a new one for every image in every epoch, so the"
                        + " network never sees the same picture twice. Below: the top-left distortion up close, with"
                        + " arrows from where each pixel's ink was in the original (tail) to where it is now (head), every "
                        + ARROW_STEP + "nd pixel, true length; pixels whose ink came from beyond the edge have none.");
        this.gridTop = (int) Math.ceil(MARGIN + title.height(WIDTH - 2 * MARGIN) + 14 + LABEL_SIZE * 1.5);
        int tile = side * ZOOM;
        int gridWidth = (VERSIONS + 1) * (tile + GAP) - GAP + GAP;
        this.gridLeft = (WIDTH - gridWidth) / 2;
        this.fieldTop = gridTop + rows * (tile + GAP) + 20 + (int) (LABEL_SIZE * 1.5);
        this.height = fieldTop + side * FIELD_ZOOM + MARGIN;
    }

    /** Distinct seeds for image r's version v, mixed so that neighbouring ones are unrelated. */
    private static long versionSeed(long seed, int row, int version) {
        return new SplitMix64(seed ^ ((long) row << 32 | version)).nextLong();
    }

    private static float[] levels(Matrix images, int row) {
        float[] levels = new float[images.cols()];
        for (int j = 0; j < levels.length; j++) {
            levels[j] = (float) images.get(row, j);
        }
        return levels;
    }

    private static float[] distort(ImageDistorter distorter, float[] image) {
        float[] out = new float[image.length];
        distorter.apply(image, 0, out, 0, 0);
        return out;
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, WIDTH - 2 * MARGIN);
        int tile = side * ZOOM;
        TextStyle label = TextStyle.plain(LABEL_SIZE, Anchor.BOTTOM_CENTER).withColor(new Color(0x333333));
        canvas.text("stored", gridLeft + tile / 2.0, gridTop - 4, label);
        int versionsLeft = gridLeft + tile + 2 * GAP;
        int versionsWidth = VERSIONS * (tile + GAP) - GAP;
        canvas.text("distorted: " + VERSIONS + " random draws", versionsLeft + versionsWidth / 2.0, gridTop - 4, label);
        for (int r = 0; r < rows; r++) {
            int top = gridTop + r * (tile + GAP);
            drawImage(canvas, originals[r], gridLeft, top, ZOOM);
            for (int v = 0; v < VERSIONS; v++) {
                drawImage(canvas, versions[r][v], versionsLeft + v * (tile + GAP), top, ZOOM);
            }
        }
        drawCloseUp(canvas);
    }

    private void drawCloseUp(Canvas canvas) {
        int panel = side * FIELD_ZOOM;
        int gap = 40;
        int left = (WIDTH - 2 * panel - gap) / 2;
        int right = left + panel + gap;
        TextStyle label = TextStyle.plain(LABEL_SIZE, Anchor.BOTTOM_CENTER).withColor(new Color(0x333333));
        canvas.text("the original", left + panel / 2.0, fieldTop - 4, label);
        canvas.text("distorted; arrows: where the ink moved", right + panel / 2.0, fieldTop - 4, label);
        drawImage(canvas, originals[0], left, fieldTop, FIELD_ZOOM);
        drawImage(canvas, closeUp, right, fieldTop, FIELD_ZOOM);
        Pen pen = Pen.solid(ARROW, 1.2);
        for (int y = ARROW_STEP / 2; y < side; y += ARROW_STEP) {
            for (int x = ARROW_STEP / 2; x < side; x += ARROW_STEP) {
                if (!insideImage(sourceX[y][x], sourceY[y][x])) {
                    continue; // blank paper from beyond the edge: no ink moved here
                }
                // Pixel centres: pixel (x, y) covers [x, x + 1) × [y, y + 1) in image units.
                double tailX = right + (sourceX[y][x] + 0.5) * FIELD_ZOOM;
                double tailY = fieldTop + (sourceY[y][x] + 0.5) * FIELD_ZOOM;
                double headX = right + (x + 0.5) * FIELD_ZOOM;
                double headY = fieldTop + (y + 0.5) * FIELD_ZOOM;
                arrow(canvas, tailX, tailY, headX, headY, pen);
            }
        }
    }

    private boolean insideImage(double x, double y) {
        return x >= -0.5 && x <= side - 0.5 && y >= -0.5 && y <= side - 0.5;
    }

    /** A line with a small open head, or a dot where the ink did not move visibly. */
    private static void arrow(Canvas canvas, double x1, double y1, double x2, double y2, Pen pen) {
        double length = Math.hypot(x2 - x1, y2 - y1);
        if (length < 2) {
            canvas.dot(x2, y2, 1, pen.color());
            return;
        }
        canvas.line(x1, y1, x2, y2, pen);
        double head = Math.min(5, length / 2);
        double ux = (x2 - x1) / length;
        double uy = (y2 - y1) / length;
        // Two strokes at ±30° back from the tip.
        double cos = Math.cos(Math.toRadians(30));
        double sin = Math.sin(Math.toRadians(30));
        canvas.line(x2, y2, x2 - head * (ux * cos - uy * sin), y2 - head * (uy * cos + ux * sin), pen);
        canvas.line(x2, y2, x2 - head * (ux * cos + uy * sin), y2 - head * (uy * cos - ux * sin), pen);
    }

    /** An image as ink on paper: level 0 white, 255 black (distorted levels may fall between). */
    private void drawImage(Canvas canvas, float[] levels, int left, int top, int zoom) {
        PixelImage image = new PixelImage(side, side);
        for (int j = 0; j < levels.length; j++) {
            int level = (int) Math.round(Math.max(0, Math.min(255, levels[j])));
            image.set(j % side, j / side, Colormaps.grey(255 - level));
        }
        int size = side * zoom;
        canvas.image(left, top, size, size, image);
        canvas.rect(left - 0.5, top - 0.5, size + 1, size + 1, Pen.solid(FRAME, 1));
    }
}
