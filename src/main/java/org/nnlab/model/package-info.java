/**
 * The network: {@link org.nnlab.model.Network} puts the layers and a loss together (Linear →
 * activation → Linear → output activation → loss, with an L2 penalty), as its
 * {@link org.nnlab.model.NetworkSpec} describes; {@link org.nnlab.model.OutputLoss} pairs an output
 * activation with its loss, {@link org.nnlab.model.Initialization} draws the starting weights and
 * {@link org.nnlab.model.TargetEncoding} turns labels into the vectors the outputs are trained towards.
 *
 * <p>May use: {@code layers}, {@code losses}, {@code matrix}.
 */
package org.nnlab.model;
