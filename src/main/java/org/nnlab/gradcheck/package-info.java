/**
 * Gradient checking: {@link org.nnlab.gradcheck.GradientChecker} compares every backward pass with
 * five-point finite differences in float64 (chapter 5), allowing for the kinks the layers report,
 * and {@link org.nnlab.gradcheck.GradientReport} prints the table {@code nnlab gradcheck} shows.
 *
 * <p>May use: {@code model}, {@code layers}, {@code losses}, {@code matrix}, {@code random}.
 */
package org.nnlab.gradcheck;
