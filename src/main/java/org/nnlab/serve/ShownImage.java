package org.nnlab.serve;

import java.util.Base64;
import org.nnlab.images.GreyImage;
import org.nnlab.images.MnistStylePreprocessing;
import org.nnlab.images.PreparedDigit;

/**
 * The 28×28 image a request asks about: a drawing, made MNIST-style by the same preprocessing as
 * {@code nnlab predict}, or a test image, taken as it is (MNIST's images are already prepared).
 *
 * <p>A drawing is {@code "image": {"width": W, "height": H, "grey": BASE64}}: W×H grey levels, one
 * byte per pixel, row by row, in base64 (a quarter the size of the same numbers in JSON). A test
 * image is {@code "test": INDEX}.
 *
 * @param pixels    what the network is shown
 * @param prepared  what the preprocessing did to a drawing, or null for a test image
 * @param testIndex the test image's index, or -1 for a drawing
 * @param testLabel the test image's label, or -1 for a drawing
 */
record ShownImage(byte[] pixels, PreparedDigit prepared, int testIndex, int testLabel) {
    /** The largest drawing accepted, per side. */
    static final int MAX_SIDE = 1024;

    static ShownImage of(RequestJson body, ServedModel model) {
        if (body.has("test") == body.has("image")) {
            throw RequestException.badRequest("give either 'image' (a drawing) or 'test' (a test image index), not "
                    + (body.has("test") ? "both" : "neither"));
        }
        if (body.has("test")) {
            int index = body.integer("test", 0, model.testImages().count() - 1);
            return new ShownImage(model.testImage(index), null, index, model.testImages().label(index));
        }
        RequestJson image = body.object("image");
        int width = image.integer("width", 1, MAX_SIDE);
        int height = image.integer("height", 1, MAX_SIDE);
        byte[] grey;
        try {
            grey = Base64.getDecoder().decode(image.string("grey"));
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest("field 'image.grey' is not base64: " + e.getMessage());
        }
        if (grey.length != width * height) {
            throw RequestException.badRequest("field 'image.grey' holds " + grey.length + " grey levels; a " + width + "×"
                    + height + " image needs " + width * height);
        }
        PreparedDigit prepared = MnistStylePreprocessing.prepare(GreyImage.ofBytes(width, height, grey));
        return new ShownImage(prepared.pixels(), prepared, -1, -1);
    }

    boolean isTestImage() {
        return testIndex >= 0;
    }

    /** One line on how the image became what the network sees. */
    String preparation(ServedModel model) {
        return isTestImage()
                ? "test image " + testIndex + " of the " + model.testSetName() + ", as it is"
                : "drawing: " + prepared.describe();
    }

    /** Why the picture is blank, or null when it has ink. */
    String warning() {
        return prepared != null && prepared.isBlank()
                ? "the drawing is blank (" + prepared.blankReason() + "): the network is shown an empty image" : null;
    }
}
