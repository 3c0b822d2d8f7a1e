package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nnlab.augment.AffineRanges;
import org.nnlab.augment.Augmentation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/** The augmentation figure: its images, its labels, and arrows that show the distortion drawn. */
class AugmentationGalleryTest {
    private static final String ARROW = "stroke=\"#d62728\"";

    /** Eight 28×28 images of a vertical bar at different columns, grey levels 0..255. */
    private static Matrix bars() {
        Matrix images = Matrix.zeros(Precision.FLOAT32, 8, 784);
        for (int i = 0; i < 8; i++) {
            for (int row = 4; row < 24; row++) {
                images.set(i, row * 28 + 8 + 2 * i, 255);
            }
        }
        return images;
    }

    private static int count(String text, String pattern) {
        Matcher m = Pattern.compile(Pattern.quote(pattern)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void sixImagesEachBesideFiveDistortionsAndACloseUpOfTwo() throws Exception {
        AugmentationGallery gallery = new AugmentationGallery(bars(), Augmentation.parse("elastic"), 1, "test setup");
        String svg = SvgCanvas.render(gallery);
        assertEquals(6 * 6 + 2, count(svg, "<image "), "6 rows of 1 + 5 images, and the two close-ups");
        List<String> texts = Svg.texts(svg);
        assertTrue(texts.contains("Augmented training images"), texts.toString());
        assertTrue(texts.contains("stored") && texts.contains("distorted: 5 random draws") && texts.contains("the original"),
                texts.toString());
        assertTrue(String.join(" ", texts).contains("elastic (σ 4, α 34)"), "the caption names the augmentation");
        // Simard's field moves most pixels by about a pixel or more: most of the 14×14 arrows are drawn as
        // arrows (a shaft and two strokes of head each), not as dots.
        assertTrue(count(svg, ARROW) / 3 > 100, count(svg, ARROW) + " red strokes");
        BufferedImage png = PngCanvas.render(gallery);
        assertEquals(gallery.width(), png.getWidth());
        assertEquals(gallery.height(), png.getHeight());
    }

    @Test
    void anIdentityDistortionDrawsDotsNotArrows() {
        Augmentation identity = Augmentation.parse("affine").withRanges(AffineRanges.NONE);
        String svg = SvgCanvas.render(new AugmentationGallery(bars(), identity, 1, "test setup"));
        assertEquals(0, count(svg, ARROW), "no ink moved");
        assertEquals(14 * 14, count(svg, "<circle "), "a dot at every second pixel of the close-up");
    }

    @Test
    void noAugmentationOrNoImagesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AugmentationGallery(bars(), Augmentation.NONE, 1, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new AugmentationGallery(Matrix.zeros(Precision.FLOAT32, 0, 784), Augmentation.parse("elastic"), 1, ""));
    }
}
