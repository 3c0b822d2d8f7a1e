package org.nnlab.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.data.LabeledImages;
import org.nnlab.images.PngForms.Form;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.testing.Requirements;
import org.nnlab.testing.Slow;

/** MNIST-style preprocessing on MNIST's own images, moved, resized, inverted, on transparency, and on blank pictures. */
class MnistStylePreprocessingTest {
    private static final int SIDE = 28;

    @Test
    @Slow // trains a small network on MNIST
    void everyTestImageSavedAsGreyRgbSixteenBitAndPalettePngIsSeenAndPredictedAsTheIdxImage() {
        LabeledImages test = Requirements.mnist().test();
        Network network = MnistFixture.trainedNetwork();
        int[] fromIdx = predictions(network, test);
        for (Form form : Form.values()) {
            byte[] prepared = new byte[test.pixels().length];
            List<Integer> changed = new ArrayList<>();
            for (int i = 0; i < test.count(); i++) {
                byte[] original = MnistFixture.testImage(i);
                byte[] png = PngForms.png(PngForms.image(form, SIDE, SIDE, original));
                if (i == 0) {
                    assertArrayEquals(expectedHeader(form), PngForms.colourTypeAndDepth(png), form + ": PNG colour type and depth");
                }
                PreparedDigit digit = MnistStylePreprocessing.prepare(PngForms.read(png));
                assertTrue(digit.unchanged(), form + " image " + i + ": " + digit.describe());
                if (!java.util.Arrays.equals(original, digit.pixels())) {
                    changed.add(i);
                }
                System.arraycopy(digit.pixels(), 0, prepared, i * original.length, original.length);
            }
            assertEquals(List.of(), changed, form + ": test images whose 28×28 differs from the IDX file");
            int[] fromPng = predictions(network, new LabeledImages(test.count(), SIDE, SIDE, prepared, test.labels()));
            assertArrayEquals(fromIdx, fromPng, form + ": predictions differ from those of the IDX images");
        }
    }

    /** Found by PngFuzzProperties: a 22×21 box of ink at the image's edge made resampling read a row past the image. */
    @Test
    void inkTouchingTheImagesEdgeIsScaledWithoutReadingPastIt() {
        byte[] levels = new byte[SIDE * SIDE];
        for (int y = SIDE - 21; y < SIDE; y++) {
            for (int x = SIDE - 22; x < SIDE; x++) {
                levels[y * SIDE + x] = (byte) 255;
            }
        }

        PreparedDigit digit = MnistStylePreprocessing.prepare(GreyImage.ofBytes(SIDE, SIDE, levels));

        int ink = 0;
        int other = 0;
        for (byte level : digit.pixels()) {
            ink += level == (byte) 255 ? 1 : 0;
            other += level != 0 && level != (byte) 255 ? 1 : 0;
        }
        assertEquals(20 * 19, ink, "the 22×21 box scaled to 20×19, all ink");
        assertEquals(0, other, "and nothing else");
    }

    private static int[] expectedHeader(Form form) {
        return switch (form) {
            case GREY_8 -> new int[] {0, 8};
            case RGB -> new int[] {2, 8};
            case GREY_16 -> new int[] {0, 16};
            case PALETTE -> new int[] {3, 8};
        };
    }

    private static int[] predictions(Network network, LabeledImages images) {
        Examples examples = Examples.from(images, InputScaling.UNIT);
        network.forward(examples.inputs());
        int[] predicted = new int[images.count()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = network.predictedClass(i);
        }
        return predicted;
    }

    @Test
    void anOffCentreDigitIsMovedBackToWhereMnistHasIt() {
        int checked = 0;
        for (int i = 0; checked < 200; i++) {
            byte[] original = MnistFixture.testImage(i);
            int[] box = inkBox(original, SIDE, SIDE);
            double[] centre = centreOfMass(original, SIDE);
            // A tie (centre exactly half a pixel off) may round either way; MNIST has a few.
            if (Math.max(box[2], box[3]) != 20 || Math.abs(centre[0] - 14) >= 0.49 || Math.abs(centre[1] - 14) >= 0.49) {
                continue;
            }
            byte[] inCorner = moved(original, SIDE, box, SIDE, 0, 0);
            byte[] oppositeCorner = moved(original, SIDE, box, SIDE, SIDE - box[2], SIDE - box[3]);
            assertArrayEquals(original, MnistStylePreprocessing.prepare(GreyImage.ofBytes(SIDE, SIDE, inCorner)).pixels(),
                    "test image " + i + " moved to the top left corner");
            assertArrayEquals(original, MnistStylePreprocessing.prepare(GreyImage.ofBytes(SIDE, SIDE, oppositeCorner)).pixels(),
                    "test image " + i + " moved to the bottom right corner");
            checked++;
        }
    }

    @Test
    void aDigitFiveTimesLargerOnABigCanvasComesBackAsTheMnistImageInEitherPolarity() {
        for (int i = 0; i < 100; i++) {
            byte[] original = MnistFixture.testImage(i);
            byte[] canvas = enlargedOnCanvas(original, 5, 300, 260, 150, 20);
            PreparedDigit light = MnistStylePreprocessing.prepare(GreyImage.ofBytes(300, 260, canvas));
            assertArrayEquals(original, light.pixels(), "test image " + i + ": " + light.describe());
            assertFalse(light.inverted());

            PreparedDigit dark = MnistStylePreprocessing.prepare(GreyImage.ofBytes(300, 260, inverted(canvas)));
            assertArrayEquals(original, dark.pixels(), "test image " + i + " dark on light: " + dark.describe());
            assertTrue(dark.inverted());
        }
    }

    @Test
    void greyPaperBecomesBlackAndTheInkIsStretchedBackToFullStrength() {
        for (int i = 0; i < 100; i++) {
            byte[] original = MnistFixture.testImage(i);
            byte[] onGreyPaper = new byte[original.length];
            for (int p = 0; p < original.length; p++) {
                // ink on paper of grey level 200: paper 200, full ink 0
                onGreyPaper[p] = (byte) Math.round(200 - 200 * Byte.toUnsignedInt(original[p]) / 255.0);
            }
            byte[] prepared = MnistStylePreprocessing.prepare(GreyImage.ofBytes(SIDE, SIDE, onGreyPaper)).pixels();
            for (int p = 0; p < original.length; p++) {
                int expected = Byte.toUnsignedInt(original[p]);
                int actual = Byte.toUnsignedInt(prepared[p]);
                // levels went through 200 steps and back: each may be off by the rounding of one step
                assertTrue(Math.abs(expected - actual) <= 1, "test image " + i + " pixel " + p + ": " + actual + " for " + expected);
            }
        }
    }

    @Test
    void aSmallDigitIsScaledUpToFillTheTwentyPixelBox() {
        int[] labels = new int[300];
        LabeledImages test = Requirements.mnist().test();
        byte[] prepared = new byte[labels.length * SIDE * SIDE];
        byte[] small = new byte[labels.length * SIDE * SIDE];
        for (int i = 0; i < labels.length; i++) {
            byte[] halved = halvedInCorner(MnistFixture.testImage(i));
            System.arraycopy(halved, 0, small, i * SIDE * SIDE, SIDE * SIDE);
            byte[] digit = MnistStylePreprocessing.prepare(GreyImage.ofBytes(SIDE, SIDE, halved)).pixels();
            System.arraycopy(digit, 0, prepared, i * SIDE * SIDE, SIDE * SIDE);
            int[] box = inkBox(digit, SIDE, SIDE);
            double[] centre = centreOfMass(digit, SIDE);
            assertEquals(20, Math.max(box[2], box[3]), "test image " + i + " at half size: the longer side of its ink");
            assertTrue(Math.abs(centre[0] - 14) <= 0.5 && Math.abs(centre[1] - 14) <= 0.5,
                    "test image " + i + " at half size: centre of mass at row " + centre[0] + ", column " + centre[1]);
            labels[i] = test.label(i);
        }
        Network network = MnistFixture.trainedNetwork();
        double asIs = accuracy(predictions(network, new LabeledImages(labels.length, SIDE, SIDE, small, bytes(labels))), labels);
        double scaledUp = accuracy(predictions(network, new LabeledImages(labels.length, SIDE, SIDE, prepared, bytes(labels))), labels);
        double original = accuracy(predictions(network, test.subset(firstIndices(labels.length))), labels);
        // Half-size digits in a corner are noise to the network; scaled back up they are nearly MNIST again.
        assertTrue(asIs < 0.3, "half-size digits in the corner, as they are: accuracy " + asIs);
        assertTrue(scaledUp > original - 0.1, "half-size digits prepared: accuracy " + scaledUp + ", originals " + original);
    }

    @Test
    @Slow // trains a small network on MNIST
    void aDigitOnTransparencyIsReadAsInkOnPaperWhateverColourTheTransparentPixelsHave() {
        for (int i = 0; i < 50; i++) {
            byte[] original = MnistFixture.testImage(i);
            // white ink whose opacity is the MNIST level, on transparent pixels that are black, or white
            assertArrayEquals(original, prepareTransparent(original, 255, 0), "test image " + i + ", white on transparent black");
            assertArrayEquals(original, prepareTransparent(original, 255, 255), "test image " + i + ", white on transparent white");
            // black ink on transparency
            assertArrayEquals(original, prepareTransparent(original, 0, 255), "test image " + i + ", black on transparent white");
            assertArrayEquals(original, prepareTransparent(original, 0, 0), "test image " + i + ", black on transparent black");
        }
    }

    /** The digit drawn as ink of grey level {@code ink} with opacity = its MNIST level, elsewhere transparent pixels of level {@code hidden}. */
    private static byte[] prepareTransparent(byte[] levels, int ink, int hidden) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);
        for (int p = 0; p < levels.length; p++) {
            int alpha = Byte.toUnsignedInt(levels[p]);
            int grey = alpha == 0 ? hidden : ink;
            image.setRGB(p % SIDE, p / SIDE, alpha << 24 | grey << 16 | grey << 8 | grey);
        }
        GreyImage read = PngForms.read(PngForms.png(image));
        assertTrue(read.hasTransparency());
        return MnistStylePreprocessing.prepare(read).pixels();
    }

    @Test
    void greyLevelsAreTheStoredValuesNotGammaConverted() {
        byte[] levels = {0, 32, 64, (byte) 128, (byte) 200, (byte) 255};
        for (Form form : Form.values()) {
            GreyImage read = PngForms.roundTrip(form, levels.length, 1, levels);
            for (int x = 0; x < levels.length; x++) {
                assertEquals(Byte.toUnsignedInt(levels[x]), read.grey()[x], 1e-9, form + " level " + Byte.toUnsignedInt(levels[x]));
            }
        }
    }

    @Test
    void blankPicturesSayWhyAndGiveAnEmptyImage() {
        assertBlank(GreyImage.ofBytes(40, 30, filled(40 * 30, 255)), true, "every pixel is 255 (white)");
        assertBlank(GreyImage.ofBytes(40, 30, filled(40 * 30, 0)), false, "every pixel is 0 (black)");
        assertBlank(GreyImage.ofBytes(40, 30, filled(40 * 30, 90)), false, "every pixel is 90 (one grey)");
        assertBlank(new GreyImage(5, 5, new double[25], new double[25]), true, "every pixel is transparent");
    }

    private static void assertBlank(GreyImage image, boolean inverted, String reason) {
        PreparedDigit digit = MnistStylePreprocessing.prepare(image);
        assertTrue(digit.isBlank(), digit.describe());
        assertEquals(reason, digit.blankReason());
        assertEquals(inverted, digit.inverted(), reason);
        assertArrayEquals(new byte[SIDE * SIDE], digit.pixels(), reason);
    }

    @Test
    void theAsciiPictureShowsInkAsCharactersTwoPerPixel() {
        PreparedDigit digit = MnistStylePreprocessing.prepare(GreyImage.ofBytes(SIDE, SIDE, MnistFixture.testImage(0)));
        String[] lines = digit.ascii().split("\n");
        assertEquals(SIDE, lines.length);
        for (int r = 0; r < SIDE; r++) {
            assertEquals(2 * SIDE, lines[r].length());
            for (int c = 0; c < SIDE; c++) {
                boolean ink = digit.level(r * SIDE + c) > 0;
                assertEquals(ink, lines[r].charAt(2 * c) != ' ', "row " + r + ", column " + c);
            }
        }
    }

    // --- pictures made from MNIST images, and what the tests measure on them ---

    /** {x, y, width, height} of the pixels above 0. */
    static int[] inkBox(byte[] levels, int width, int height) {
        int left = width;
        int top = height;
        int right = -1;
        int bottom = -1;
        for (int p = 0; p < levels.length; p++) {
            if (levels[p] != 0) {
                left = Math.min(left, p % width);
                right = Math.max(right, p % width);
                top = Math.min(top, p / width);
                bottom = Math.max(bottom, p / width);
            }
        }
        return new int[] {left, top, right - left + 1, bottom - top + 1};
    }

    static double[] centreOfMass(byte[] levels, int width) {
        double mass = 0;
        double row = 0;
        double column = 0;
        for (int p = 0; p < levels.length; p++) {
            int m = Byte.toUnsignedInt(levels[p]);
            mass += m;
            row += m * (p / width);
            column += m * (p % width);
        }
        return new double[] {row / mass, column / mass};
    }

    /** The pixels inside {@code box} moved so that the box starts at (x, y), on a black side×side field. */
    private static byte[] moved(byte[] levels, int side, int[] box, int fieldSide, int x, int y) {
        byte[] out = new byte[fieldSide * fieldSide];
        for (int r = 0; r < box[3]; r++) {
            for (int c = 0; c < box[2]; c++) {
                out[(y + r) * fieldSide + x + c] = levels[(box[1] + r) * side + box[0] + c];
            }
        }
        return out;
    }

    /** Each pixel of the 28×28 image as a factor×factor block, at (x, y) of a black width×height canvas. */
    static byte[] enlargedOnCanvas(byte[] levels, int factor, int width, int height, int x, int y) {
        byte[] canvas = new byte[width * height];
        for (int r = 0; r < SIDE * factor; r++) {
            for (int c = 0; c < SIDE * factor; c++) {
                canvas[(y + r) * width + x + c] = levels[(r / factor) * SIDE + c / factor];
            }
        }
        return canvas;
    }

    private static byte[] inverted(byte[] levels) {
        byte[] out = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = (byte) (255 - Byte.toUnsignedInt(levels[i]));
        }
        return out;
    }

    /** The image shrunk to 14×14 (each pixel the mean of a 2×2 block), in the top left corner of a black 28×28. */
    private static byte[] halvedInCorner(byte[] levels) {
        byte[] out = new byte[SIDE * SIDE];
        for (int r = 0; r < SIDE / 2; r++) {
            for (int c = 0; c < SIDE / 2; c++) {
                int sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += Byte.toUnsignedInt(levels[(2 * r + k / 2) * SIDE + 2 * c + k % 2]);
                }
                out[r * SIDE + c] = (byte) Math.round(sum / 4.0);
            }
        }
        return out;
    }

    private static byte[] filled(int length, int level) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) level);
        return out;
    }

    private static byte[] bytes(int[] labels) {
        byte[] out = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = (byte) labels[i];
        }
        return out;
    }

    private static int[] firstIndices(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}
