package org.nnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnlab.data.LabeledImages;
import org.nnlab.data.TrainTest;

class SplitPlanTest {

    /** count 1×1 images whose pixel is their index (mod 256) and whose label is index mod 10. */
    static LabeledImages numbered(int count, int[] labelCounts) {
        byte[] pixels = new byte[count];
        byte[] labels = new byte[count];
        int i = 0;
        for (int label = 0; label < labelCounts.length; label++) {
            for (int k = 0; k < labelCounts[label]; k++, i++) {
                pixels[i] = (byte) i;
                labels[i] = (byte) label;
            }
        }
        return new LabeledImages(count, 1, 1, pixels, labels);
    }

    private static final int[] TEN_EACH = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    private static final TrainTest IMAGES = new TrainTest(numbered(100, TEN_EACH), numbered(100, TEN_EACH));

    @Test
    void holdoutDrawsDisjointTrainingAndValidationImages() {
        SplitPlan.ImageSplit split = SplitPlan.parse("60/30").apply(IMAGES, 1);
        assertEquals(60, split.train().count());
        assertEquals(30, split.validation().count());
        Set<Integer> seen = new HashSet<>();
        for (LabeledImages part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.count(); i++) {
                assertTrue(seen.add(part.pixel(i, 0)), "image " + part.pixel(i, 0) + " appears twice");
            }
        }
        assertSame(IMAGES.test(), split.test());
        assertEquals(split.train().pixel(0, 0), SplitPlan.parse("60/30").apply(IMAGES, 1).train().pixel(0, 0));
    }

    @Test
    void aSplitNeedingMoreImagesThanThereAreIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SplitPlan.parse("90/20").apply(IMAGES, 1));
        assertTrue(e.getMessage().contains("needs 110 training images, the dataset has 100"), e.getMessage());
    }

    @Test
    void anOrderedSplitTakesTheFirstImagesForTrainingAndTheLastForValidation() {
        SplitPlan.ImageSplit split = SplitPlan.parse("first-50/last-20").apply(IMAGES, 1);
        assertEquals(50, split.train().count());
        assertEquals(0, split.train().pixel(0, 0));
        assertEquals(49, split.train().pixel(49, 0));
        assertEquals(80, split.validation().pixel(0, 0));
        assertEquals(99, split.validation().pixel(19, 0));
    }

    @Test
    void testAsValidationWatchesTheTestSet() {
        SplitPlan.ImageSplit split = SplitPlan.parse("all/test").apply(IMAGES, 1);
        assertSame(IMAGES.train(), split.train());
        assertSame(IMAGES.test(), split.validation());
        assertTrue(SplitPlan.testAsValidation().validatesOnTest());
    }

    @Test
    void stratifiedHalvesKeepTheClassProportionsOfReport003() {
        // MNIST's test set per digit; report 003's Table I gives 490, 568, 516, ... validation images.
        int[] mnistTest = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
        TrainTest images = new TrainTest(numbered(10, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), numbered(10_000, mnistTest));
        SplitPlan.ImageSplit split = SplitPlan.stratifiedTest().apply(images, 42);
        assertEquals(5000, split.validation().count());
        assertEquals(5000, split.test().count());
        int[] validationCounts = new int[10];
        for (int i = 0; i < 5000; i++) {
            validationCounts[split.validation().label(i)]++;
        }
        assertEquals(List.of(490, 568, 516, 505, 491, 446, 479, 514, 487, 504),
                java.util.Arrays.stream(validationCounts).boxed().toList());
    }

    @Test
    void specsReadBack() {
        for (String spec : List.of("55k/5k", "50k/10k", "40k/20k", "all/test", "all/stratified-test", "900/100", "first-50k/last-10k")) {
            assertEquals(spec, SplitPlan.parse(spec).spec());
        }
        assertThrows(IllegalArgumentException.class, () -> SplitPlan.parse("55k"));
    }
}
