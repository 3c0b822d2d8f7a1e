/**
 * One complete run: an {@link org.nnlab.experiment.Experiment} names the data, its split
 * ({@link org.nnlab.experiment.SplitPlan}) and scaling, the network and how it is trained;
 * {@link org.nnlab.experiment.PreparedData} cuts and scales the images for it, and
 * {@link org.nnlab.experiment.ExperimentRunner} trains a new network and scores it on the test set.
 * {@code nnlab train}, the report presets, {@code nnlab search} and checkpoints all describe their
 * runs this way.
 *
 * <p>May use: {@code training}, {@code optimizers}, {@code evaluation}, {@code preprocessing},
 * {@code data}, {@code model}, {@code layers}, {@code matrix}, {@code random}, {@code augment}.
 */
package org.nnlab.experiment;
