/**
 * The hot loops, and nothing else: matrix multiplies and the element-wise operations of a training
 * step, on plain arrays. {@link org.nnlab.kernels.Kernels} is the interface,
 * {@link org.nnlab.kernels.ScalarKernels} the plain reference that is always correct (and the only
 * float64 path, for gradient checks), {@link org.nnlab.kernels.VectorKernels} the float32 kernels on
 * the JDK Vector API with a register tile chosen for the CPU, chosen once at start-up by
 * {@link org.nnlab.kernels.KernelSelection}; {@link org.nnlab.kernels.WorkerPool} runs a large
 * multiply on several threads. Kernels know arrays and shapes, never matrices or layers
 * (chapter 7 of the book).
 *
 * <p>May use: nothing else in nnlab.
 */
package org.nnlab.kernels;
