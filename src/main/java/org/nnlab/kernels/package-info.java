/**
 * The hot loops, and nothing else: matrix multiplies and the element-wise operations of a training
 * step, as float32/float64 pairs on plain arrays. {@link org.nnlab.kernels.Kernels} is the
 * interface, {@link org.nnlab.kernels.ScalarKernels} the plain reference that is always correct,
 * {@link org.nnlab.kernels.VectorKernels} the same on the JDK Vector API, chosen once at start-up by
 * {@link org.nnlab.kernels.KernelSelection}; {@link org.nnlab.kernels.WorkerPool} runs a large
 * multiply on several threads. Kernels know arrays and shapes, never matrices or layers
 * (chapter 7 of the book).
 *
 * <p>May use: nothing else in nnlab.
 */
package org.nnlab.kernels;
