package org.nnlab.data;

import java.util.Objects;

/**
 * A set of grey-scale images with one digit label each, exactly as the IDX files store them:
 * {@code pixels} holds {@code count · rows · cols} unsigned bytes, row-major, image {@code i}
 * starting at offset {@code i · rows · cols}; {@code labels[i]} is image {@code i}'s label, 0..9.
 *
 * <p>Pixels stay bytes (0..255) here. Turning them into floats is the training code's business,
 * because different reports scale them differently, and 47 MB of bytes would be 188 MB of floats.
 *
 * <p>The arrays are shared, not copied, so that 60000 images are not duplicated on every access;
 * treat them as read-only. Like every record holding arrays, {@code equals} compares the array
 * references, not their contents.
 */
public record LabeledImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {
    public static final int LABEL_LIMIT = 10;

    public LabeledImages {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "need count >= 0 and positive rows and cols, got " + count + " images of " + rows + "×" + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException(count + " images of " + rows + "×" + cols + " need "
                    + (long) count * rows * cols + " pixels, got " + pixels.length);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException(count + " images need " + count + " labels, got " + labels.length);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= LABEL_LIMIT) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0..9");
            }
        }
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    /** Pixel {@code index} (row-major within the image, {@code row · cols + col}) of an image, 0..255. */
    public int pixel(int image, int index) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(index, pixelsPerImage());
        // Java bytes are signed; the mask turns byte 0xFF back into 255 instead of -1.
        return pixels[image * pixelsPerImage() + index] & 0xFF;
    }

    /** The label of image {@code i}, 0..9. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, count)];
    }

    /**
     * A new set holding copies of the chosen images, in the order given; an index may repeat, which
     * is what a bootstrap sample needs.
     */
    public LabeledImages subset(int[] indices) {
        int size = pixelsPerImage();
        byte[] chosenPixels = new byte[Math.multiplyExact(indices.length, size)];
        byte[] chosenLabels = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int image = Objects.checkIndex(indices[k], count);
            System.arraycopy(pixels, image * size, chosenPixels, k * size, size);
            chosenLabels[k] = labels[image];
        }
        return new LabeledImages(indices.length, rows, cols, chosenPixels, chosenLabels);
    }

    @Override
    public String toString() {
        return "LabeledImages[" + count + " images of " + rows + "×" + cols + "]";
    }
}
