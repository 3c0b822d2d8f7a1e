/**
 * {@code nnlab reproduce}: one {@link org.nnlab.reproduce.Preset} per student report, its runs as
 * the report's code really ran them and corrected, and {@link org.nnlab.reproduce.PresetRunner},
 * which trains them over several seeds and sets the results beside the report's claims.
 *
 * <p>May use: {@code experiment}, {@code training}, {@code optimizers}, {@code evaluation},
 * {@code preprocessing}, {@code data}, {@code model}, {@code layers}, {@code augment},
 * {@code persistence}, {@code formats}, {@code plot}.
 */
package org.nnlab.reproduce;
