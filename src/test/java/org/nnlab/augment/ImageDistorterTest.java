package org.nnlab.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nnlab.random.SplitMix64;

/** The distortions themselves, on 28×28 images: what they leave alone, and where they move ink. */
class ImageDistorterTest {
    private static final int SIDE = 28;

    /** An image of random grey levels, different at every pixel, so that any move shows. */
    private static float[] randomImage(long seed) {
        SplitMix64 random = new SplitMix64(seed);
        float[] image = new float[SIDE * SIDE];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextInt(256);
        }
        return image;
    }

    private static float[] distorted(ImageDistorter distorter, float[] image, long seed) {
        distorter.draw(seed);
        float[] out = new float[image.length];
        distorter.apply(image, 0, out, 0, 0);
        return out;
    }

    @Test
    void affineWithZeroRangesLeavesImagesUnchanged() {
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("affine").withRanges(AffineRanges.NONE), SIDE);
        for (long seed = 1; seed <= 20; seed++) {
            float[] image = randomImage(seed);
            assertArrayEquals(image, distorted(distorter, image, seed * 7), "seed " + seed);
        }
    }

    @Test
    void elasticWithAlphaZeroLeavesImagesUnchanged() {
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("elastic").withElastic(new ElasticSettings(4, 0)), SIDE);
        for (long seed = 1; seed <= 20; seed++) {
            float[] image = randomImage(seed);
            assertArrayEquals(image, distorted(distorter, image, seed * 7), "seed " + seed);
        }
    }

    @Test
    void aQuarterTurnAnticlockwiseMovesAKnownPixelWhereItShould() {
        // About the centre (13.5, 13.5), x right and y down: the pixel at row 3, column 13 (above the
        // centre, slightly left) turns a quarter anticlockwise to row 14, column 3 (left, slightly below).
        float[] image = new float[SIDE * SIDE];
        image[3 * SIDE + 13] = 255;
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("affine"), SIDE);
        distorter.use(AffineMap.rotation(90, 13.5, 13.5));
        float[] out = new float[image.length];
        distorter.apply(image, 0, out, 0, 0);
        assertEquals(255, out[14 * SIDE + 3], 1e-3);
        assertEquals(255, Arrays.stream(toDoubles(out)).sum(), 1e-3, "the pixel lands on one pixel: all its ink is there");
    }

    @Test
    void aQuarterTurnOfAWholeImageIsTheArrayTurned() {
        float[] image = randomImage(5);
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("affine"), SIDE);
        distorter.use(AffineMap.rotation(90, 13.5, 13.5));
        float[] out = new float[image.length];
        distorter.apply(image, 0, out, 0, 0);
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                assertEquals(image[col * SIDE + (SIDE - 1 - row)], out[row * SIDE + col], 1e-3, "row " + row + ", col " + col);
            }
        }
    }

    @Test
    void aShiftByWholePixelsMovesEveryPixelAndBringsInBlankPaper() {
        float[] image = randomImage(6);
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("affine"), SIDE);
        distorter.use(new AffineMap(1, 0, 0, 1, 2, -1)); // ink moves 2 right and 1 up
        float[] out = new float[image.length];
        float paper = -7; // an unusual value, so that blank paper cannot be confused with an image value
        distorter.apply(image, 0, out, 0, paper);
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                int fromRow = row + 1;
                int fromCol = col - 2;
                boolean inside = fromRow < SIDE && fromCol >= 0;
                assertEquals(inside ? image[fromRow * SIDE + fromCol] : paper, out[row * SIDE + col], "row " + row + ", col " + col);
            }
        }
    }

    @Test
    void halfAPixelIsTheMeanOfTheTwoNeighbours() {
        float[] image = randomImage(8);
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("affine"), SIDE);
        distorter.use(new AffineMap(1, 0, 0, 1, 0.5, 0));
        float[] out = new float[image.length];
        distorter.apply(image, 0, out, 0, 0);
        assertEquals((image[10 * SIDE + 9] + image[10 * SIDE + 10]) / 2, out[10 * SIDE + 10], 1e-3);
    }

    @Test
    void theSameSeedGivesTheSameDistortionAndAnotherSeedAnother() {
        Augmentation both = Augmentation.parse("affine+elastic");
        float[] image = randomImage(9);
        float[] first = distorted(new ImageDistorter(both, SIDE), image, 42);
        ImageDistorter other = new ImageDistorter(both, SIDE);
        distorted(other, image, 1); // whatever it drew before does not matter
        assertArrayEquals(first, distorted(other, image, 42));
        assertFalse(Arrays.equals(first, distorted(other, image, 43)));
    }

    @Test
    void flipsMirrorAboutHalfTheImagesExactlyAndLeaveTheOthers() {
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("flip"), SIDE);
        float[] image = randomImage(10);
        float[] mirrored = new float[image.length];
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                mirrored[row * SIDE + col] = image[row * SIDE + SIDE - 1 - col];
            }
        }
        int flipped = 0;
        int draws = 400;
        for (long seed = 0; seed < draws; seed++) {
            float[] out = distorted(distorter, image, seed);
            boolean isMirror = Arrays.equals(out, mirrored);
            assertTrue(isMirror || Arrays.equals(out, image), "seed " + seed + " gave neither the image nor its mirror");
            flipped += isMirror ? 1 : 0;
        }
        // Binomial(400, ½): mean 200, std 10; outside 150..250 would be a 5-sigma event.
        assertTrue(flipped > 150 && flipped < 250, flipped + " of " + draws + " flipped");
    }

    @Test
    void simardsElasticFieldMovesPixelsByAFewPixelsSmoothly() {
        ImageDistorter distorter = new ImageDistorter(Augmentation.parse("elastic"), SIDE);
        double sumOfSquares = 0;
        double neighbourSquares = 0;
        int fields = 50;
        for (long seed = 0; seed < fields; seed++) {
            distorter.draw(seed);
            DisplacementField field = distorter.field();
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    sumOfSquares += field.dx(x, y) * field.dx(x, y) + field.dy(x, y) * field.dy(x, y);
                    if (x + 1 < SIDE) {
                        double ddx = field.dx(x + 1, y) - field.dx(x, y);
                        neighbourSquares += ddx * ddx;
                    }
                }
            }
        }
        double rms = Math.sqrt(sumOfSquares / (fields * SIDE * SIDE));
        double neighbourRms = Math.sqrt(neighbourSquares / (fields * SIDE * (SIDE - 1)));
        // Uniform [−1, 1] has variance 1/3; a 2-D Gaussian of σ = 4 keeps 1/(4πσ²) of it, so each
        // component has std α·sqrt(1/3 / (4π·16)) ≈ 34 · 0.041 ≈ 1.4 px away from the borders, less near them.
        assertTrue(rms > 0.8 && rms < 2.5, "rms displacement " + rms + " px");
        // Smooth: neighbouring pixels move nearly together.
        assertTrue(neighbourRms < rms / 5, "neighbour difference " + neighbourRms + " vs displacement " + rms);
    }

    @Test
    void onlySquareImagesCanBeDistorted() {
        assertEquals(28, ImageDistorter.sideOf(784));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDistorter.sideOf(40));
        assertTrue(e.getMessage().contains("40 inputs are not a square"), e.getMessage());
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
