/**
 * What nnlab keeps on disk about networks and runs: a model as an {@code .npz} that numpy opens
 * ({@link org.nnlab.persistence.ModelFile}, {@link org.nnlab.persistence.SavedModel}), a directory of
 * checkpoints that {@code --resume} continues ({@link org.nnlab.persistence.CheckpointDirectory}), and
 * the JSON that describes the experiment inside both ({@link org.nnlab.persistence.ExperimentJson}).
 * The file formats underneath are in {@code formats}.
 *
 * <p>May use: {@code experiment}, {@code training}, {@code optimizers}, {@code preprocessing},
 * {@code model}, {@code layers}, {@code matrix}, {@code formats}.
 */
package org.nnlab.persistence;
