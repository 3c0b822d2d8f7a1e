package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnlab.data.LabeledImages;
import org.nnlab.kernels.Tile;
import org.nnlab.kernels.VectorKernels;
import org.openjdk.jmh.annotations.Param;

class ZeroSkippingTileBenchmarkTest {
    private static final int PIXELS = 28 * 28;

    @Test
    void benchmarksEveryTileThatHasKernelsAndNoOther() throws NoSuchFieldException {
        assertEquals(Tile.SHAPES, Arrays.stream(params("tile")).map(Tile::parse).toList());
    }

    /** Each product's A is a batch of images as the trainer stores it; the other shapes are refused. */
    @Test
    void timesTheTwoProductsWhoseAIsABatchOfImages() throws NoSuchFieldException {
        for (String shape : params("shape")) {
            assertTrue(ZeroSkippingTileBenchmark.holdsImageBatch(MatmulShape.valueOf(shape)), shape);
        }
        for (MatmulShape other : new MatmulShape[] {MatmulShape.HIDDEN_GRADIENT, MatmulShape.OUTPUT_FORWARD, MatmulShape.SQUARE_512}) {
            assertFalse(ZeroSkippingTileBenchmark.holdsImageBatch(other), other.name());
        }
    }

    /**
     * Image i has the value (i mod 255) + 1 at pixel i mod 784 and zeros elsewhere, so each value of
     * a batch tells which image it came from.
     */
    @Test
    void batchesAreDifferentImagesScaledToUnitWithTheirZerosKept() {
        LabeledImages images = markedImages(3000);
        float[][] batches = ZeroSkippingTileBenchmark.batches(images, 16, 64, 1);
        assertEquals(16, batches.length);
        Set<Integer> seen = new HashSet<>();
        for (float[] batch : batches) {
            assertEquals(64 * PIXELS, batch.length);
            for (int row = 0; row < 64; row++) {
                int nonZero = -1;
                for (int p = 0; p < PIXELS; p++) {
                    if (batch[row * PIXELS + p] != 0f) {
                        assertEquals(-1, nonZero, "one non-zero pixel per image");
                        nonZero = p;
                    }
                }
                float value = batch[row * PIXELS + nonZero];
                int image = imageOf(nonZero, Math.round(value * 255) - 1);
                assertEquals(((image % 255) + 1) / 255f, value, "scaled as InputScaling.UNIT");
                assertTrue(seen.add(image), "image " + image + " drawn twice");
            }
        }
        assertArrayEquals(batches[3], ZeroSkippingTileBenchmark.batches(images, 16, 64, 1)[3], "same seed, same batches");
        assertFalse(Arrays.equals(batches[3], ZeroSkippingTileBenchmark.batches(images, 16, 64, 2)[3]), "another seed, other batches");
    }

    /**
     * The benchmark's multiply computes op(X)·B for its last batch, to the bit as the dense kernels
     * of the same tile do (skipping changes no bit), for both products.
     */
    @Test
    void multiplyComputesTheProductOfTheLastBatch() {
        LabeledImages images = sparseImages(16 * 64, new Random(7));
        for (MatmulShape shape : new MatmulShape[] {MatmulShape.HIDDEN_FORWARD, MatmulShape.WEIGHT_GRADIENT}) {
            ZeroSkippingTileBenchmark benchmark = new ZeroSkippingTileBenchmark();
            benchmark.shape = shape;
            benchmark.tile = "3x3";
            benchmark.dataset = "mnist";
            benchmark.prepare(images);
            float[] last = benchmark.images[ZeroSkippingTileBenchmark.BATCHES - 1];
            float[] dense = shape.multiply(new VectorKernels(1, new Tile(3, 3), false), last, benchmark.b, new float[shape.m * shape.n]);
            assertArrayEquals(dense, benchmark.multiply(), shape.name());
            assertFalse(Arrays.equals(benchmark.images[0], last), "the batches differ");
        }
    }

    private static String[] params(String field) throws NoSuchFieldException {
        return ZeroSkippingTileBenchmark.class.getField(field).getAnnotation(Param.class).value();
    }

    /** The image with this pixel and value index among markedImages' images: the one of the drawn ones that matches. */
    private static int imageOf(int pixel, int valueIndex) {
        // image ≡ pixel (mod 784) and image ≡ valueIndex (mod 255): unique below 784·255.
        for (int image = pixel; ; image += PIXELS) {
            if (image % 255 == valueIndex) {
                return image;
            }
        }
    }

    private static LabeledImages markedImages(int count) {
        byte[] pixels = new byte[count * PIXELS];
        for (int i = 0; i < count; i++) {
            pixels[i * PIXELS + i % PIXELS] = (byte) (i % 255 + 1);
        }
        return new LabeledImages(count, 28, 28, pixels, new byte[count]);
    }

    /** About 80% zeros, as in MNIST, and whole blank columns of pixels. */
    private static LabeledImages sparseImages(int count, Random random) {
        byte[] pixels = new byte[count * PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            boolean border = i % PIXELS < 4 * 28;
            pixels[i] = !border && random.nextInt(4) == 0 ? (byte) (1 + random.nextInt(255)) : 0;
        }
        return new LabeledImages(count, 28, 28, pixels, new byte[count]);
    }
}
