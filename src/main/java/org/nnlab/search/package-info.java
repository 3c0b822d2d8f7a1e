/**
 * {@code nnlab search}: the plan of configurations (a grid or a random sample,
 * {@link org.nnlab.search.SearchPlan}), runs trained side by side
 * ({@link org.nnlab.search.SearchRunner}), the directory that records them and lets a search resume
 * ({@link org.nnlab.search.SearchDirectory}), the table of means and standard deviations over the
 * seeds ({@link org.nnlab.search.SearchTable}) and the sweep plots.
 *
 * <p>May use: {@code experiment}, {@code training}, {@code evaluation}, {@code data}, {@code plot},
 * {@code formats}, {@code random}, {@code kernels} (each run keeps its multiplies on its own thread).
 */
package org.nnlab.search;
