/**
 * The training loop: {@link org.nnlab.training.Trainer} runs the epochs, each a sequence of
 * minibatches ({@link org.nnlab.training.MinibatchSampling}), each a
 * {@link org.nnlab.training.TrainingStep}: the batch's gradient, then the optimiser's update. How to
 * train is a {@link org.nnlab.training.TrainingConfig}: the learning rate and its
 * {@link org.nnlab.training.LearningRateSchedule}, early stopping, best weights kept, and the
 * variations the reports used (per-example updates, summed gradients, weight shrink, frozen biases).
 * {@link org.nnlab.training.TrainingState} is what a checkpoint needs to continue a run exactly.
 *
 * <p>May use: {@code model}, {@code layers}, {@code optimizers}, {@code evaluation},
 * {@code preprocessing}, {@code matrix}, {@code random}, {@code augment}.
 */
package org.nnlab.training;
