/**
 * Pictures, drawn once on a {@link org.nnlab.plot.Canvas} and written as PNG
 * ({@link org.nnlab.plot.PngCanvas}, Java2D) and SVG ({@link org.nnlab.plot.SvgCanvas}): learning
 * curves and sweeps ({@link org.nnlab.plot.LineChart}), weight images, the confusion matrix and
 * misclassified digits. Every chart shares the same title block, axes, ticks and legends.
 *
 * <p>May use: {@code training} (a run's history), {@code matrix}, {@code formats}, {@code augment},
 * {@code random}.
 */
package org.nnlab.plot;
