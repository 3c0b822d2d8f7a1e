/**
 * The losses, each a value and its gradient with respect to the network's output, beside their
 * equations (chapter 3): {@link org.nnlab.losses.MeanSquaredError},
 * {@link org.nnlab.losses.BinaryCrossEntropy} and {@link org.nnlab.losses.SoftmaxCrossEntropy},
 * which fuses the softmax into the loss.
 *
 * <p>May use: {@code layers}, {@code matrix}.
 */
package org.nnlab.losses;
