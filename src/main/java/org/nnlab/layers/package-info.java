/**
 * The layers of the network, each a {@code forward} and a {@code backward} written beside its
 * equations in the book (chapters 2 and 4): {@link org.nnlab.layers.Linear}, and the activations
 * {@link org.nnlab.layers.Relu}, {@link org.nnlab.layers.Sigmoid}, {@link org.nnlab.layers.Tanh} and
 * {@link org.nnlab.layers.Softmax}. A layer keeps what its backward pass needs from its forward
 * pass, and its {@link org.nnlab.layers.Parameter}s with their gradients.
 *
 * <p>May use: {@code matrix}.
 */
package org.nnlab.layers;
