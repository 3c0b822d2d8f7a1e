package org.nnlab.bench;

import java.util.Random;
import org.nnlab.data.Dataset;
import org.nnlab.data.DatasetLoader;
import org.nnlab.data.LabeledImages;

/**
 * What zero-skipping saves on a dataset, counted rather than timed: over one epoch of shuffled
 * minibatches of 64 training images, the share of the (row tile, step) pairs whose fused
 * multiply-adds the two skipping products still do. For X·W1 a tile is {@code rows} images and a
 * step a pixel; for Xᵀ·dZ1 a tile is {@code rows} consecutive pixels and a step an image. A pair is
 * skipped when every value of the tile at that step is zero, as in the kernels (PackedA), which
 * this counts independently. Also prints the share of pixels that are zero in every image of a
 * batch and in all of a dataset's images.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.nnlab.bench.ZeroSkippingSavings mnist 6
 *   java -cp bench/target/benchmarks.jar org.nnlab.bench.ZeroSkippingSavings fashion-mnist 4
 * </pre>
 */
public final class ZeroSkippingSavings {
    private static final int BATCH = 64;

    private ZeroSkippingSavings() {
    }

    /** Whether element (row, step) of op(A) is non-zero. */
    private interface NonZero {
        boolean at(int row, int step);
    }

    /**
     * {kept, all}: of the (tile, step) pairs of an m×k op(A) in tiles of {@code rows} rows, those
     * where some row of the tile is non-zero, and all of them.
     */
    private static long[] walked(int m, int k, int rows, NonZero nonZero) {
        long kept = 0;
        long all = 0;
        for (int tile = 0; tile < m; tile += rows) {
            for (int step = 0; step < k; step++) {
                boolean any = false;
                for (int row = tile; row < Math.min(m, tile + rows) && !any; row++) {
                    any = nonZero.at(row, step);
                }
                kept += any ? 1 : 0;
                all++;
            }
        }
        return new long[] {kept, all};
    }

    public static void main(String[] args) {
        Dataset dataset = Dataset.parse(args.length > 0 ? args[0] : "mnist");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        LabeledImages images = DatasetLoader.standard(dataset).load().train();
        int pixels = images.pixelsPerImage();
        int count = images.count();
        boolean[] everBlank = new boolean[pixels];
        java.util.Arrays.fill(everBlank, true);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < pixels; p++) {
                everBlank[p] &= images.pixel(i, p) == 0;
            }
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random random = new Random(1);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long forwardKept = 0;
        long forwardAll = 0;
        long gradientKept = 0;
        long gradientAll = 0;
        long blankInBatch = 0;
        long batches = 0;
        for (int from = 0; from + BATCH <= count; from += BATCH, batches++) {
            int first = from;
            NonZero x = (image, pixel) -> images.pixel(order[first + image], pixel) != 0;
            // X·W1: a tile is `rows` images of the batch, a step a pixel.
            long[] forward = walked(BATCH, pixels, rows, x);
            // Xᵀ·dZ1: a tile is `rows` neighbouring pixels, a step an image of the batch.
            long[] gradient = walked(pixels, BATCH, rows, (pixel, image) -> x.at(image, pixel));
            forwardKept += forward[0];
            forwardAll += forward[1];
            gradientKept += gradient[0];
            gradientAll += gradient[1];
            // One tile of the whole batch: the pixels it walks are those not blank in every image.
            blankInBatch += pixels - walked(BATCH, pixels, BATCH, x)[0];
        }
        int blankEverywhere = 0;
        for (boolean blank : everBlank) {
            blankEverywhere += blank ? 1 : 0;
        }
        System.out.printf("%s, %d training images, %d batches of %d, tiles of %d rows:%n", dataset.directoryName(), count,
                batches, BATCH, rows);
        System.out.printf("  X·W1 walks %.1f%% of the steps; Xᵀ·dZ1 walks %.1f%%%n",
                100.0 * forwardKept / forwardAll, 100.0 * gradientKept / gradientAll);
        System.out.printf("  pixels zero in every image of a batch: %.1f%% on average; zero in every training image: %.1f%%%n",
                100.0 * blankInBatch / (batches * pixels), 100.0 * blankEverywhere / pixels);
    }
}
