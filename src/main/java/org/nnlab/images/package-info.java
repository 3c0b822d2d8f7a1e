/**
 * Pictures of digits made to look like MNIST's: {@link org.nnlab.images.ImageFiles} reads a PNG's
 * stored values as a {@link org.nnlab.images.GreyImage} (no colour management), and
 * {@link org.nnlab.images.MnistStylePreprocessing} finds ink and paper, crops, scales into 20×20 and
 * centres by centre of mass in 28×28, as LeCun's MNIST page describes; the result, a
 * {@link org.nnlab.images.PreparedDigit}, is one image in the form {@code data} holds MNIST in. Used
 * by {@code nnlab predict} and the page of {@code nnlab serve}.
 *
 * <p>May use: {@code data} (an image as {@code LabeledImages}), {@code formats} (PNGs written atomically).
 */
package org.nnlab.images;
