/**
 * How good a network is: its loss and accuracy on a set of examples
 * ({@link org.nnlab.evaluation.Evaluation}), per class ({@link org.nnlab.evaluation.ConfusionMatrix}),
 * per example ({@link org.nnlab.evaluation.Predictions}), and the mean and standard deviation of a
 * score over several seeds ({@link org.nnlab.evaluation.Stats}).
 *
 * <p>May use: {@code model}, {@code preprocessing}, {@code matrix}, {@code random}.
 */
package org.nnlab.evaluation;
