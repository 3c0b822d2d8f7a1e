/**
 * The interactive page of {@code nnlab serve}: {@link org.nnlab.serve.PageServer} answers HTTP on
 * the JDK's own server (limits, routes, the page's files from the jar, the built book), and
 * {@link org.nnlab.serve.PageApi} computes its JSON answers through nnlab's own layers on a network
 * copy per request: the forward pass of a drawn or test image ({@link org.nnlab.serve.ForwardPass}),
 * the backward pass ({@link org.nnlab.serve.BackwardPass}), one SGD step
 * ({@link org.nnlab.serve.SgdStep}), and a training run followed live
 * ({@link org.nnlab.serve.TrainingFeed}). The page itself (HTML, CSS, plain JavaScript) only draws
 * the numbers it is sent.
 *
 * <p>May use: {@code images}, {@code persistence}, {@code training}, {@code optimizers},
 * {@code evaluation}, {@code preprocessing}, {@code data}, {@code model}, {@code layers},
 * {@code matrix}, {@code plot}, {@code formats}.
 */
package org.nnlab.serve;
