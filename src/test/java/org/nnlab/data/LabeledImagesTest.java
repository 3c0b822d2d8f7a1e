package org.nnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabeledImagesTest {
    // Three 1×2 images.
    private final LabeledImages data = new LabeledImages(3, 1, 2,
            new byte[] {1, 2, 3, 4, (byte) 250, 6}, new byte[] {7, 8, 9});

    @Test
    void pixelIsUnsignedAndIndexedWithinItsImage() {
        assertEquals(2, data.pixelsPerImage());
        assertEquals(3, data.pixel(1, 0));
        assertEquals(250, data.pixel(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> data.pixel(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> data.pixel(3, 0));
    }

    @Test
    void subsetCopiesTheChosenImagesInOrder() {
        LabeledImages chosen = data.subset(new int[] {2, 0, 2});

        assertEquals(3, chosen.count());
        assertArrayEquals(new byte[] {(byte) 250, 6, 1, 2, (byte) 250, 6}, chosen.pixels());
        assertArrayEquals(new byte[] {9, 7, 9}, chosen.labels());
        chosen.pixels()[0] = 0;
        assertEquals(250, data.pixel(2, 0), "the subset must be a copy, not a view");
    }

    @Test
    void rejectsArraysThatDoNotMatchTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(2, 2, 2, new byte[7], new byte[2]));
        assertTrue(e.getMessage().contains("need 8 pixels, got 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 2, 2, new byte[8], new byte[3]));
    }

    @Test
    void rejectsLabelsThatAreNotDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(2, 1, 1, new byte[2], new byte[] {3, 10}));
        assertEquals("label 10 at index 1 is outside 0..9", e.getMessage());
    }
}
