/**
 * Plain file and text formats that know nothing of neural networks: JSON
 * ({@link org.nnlab.formats.Json}, {@link org.nnlab.formats.JsonObject}), numpy's {@code .npy} and
 * {@code .npz} ({@link org.nnlab.formats.NpyArray}, {@link org.nnlab.formats.NpzFile}), files written
 * under a temporary name and renamed when complete ({@link org.nnlab.formats.AtomicFiles}), and
 * Markdown tables aligned for a terminal ({@link org.nnlab.formats.TextTable}). A file that is not
 * what its format says is a {@link org.nnlab.formats.FileFormatException} naming it.
 *
 * <p>May use: {@code matrix} (an {@code .npy} array reads into and writes from a matrix).
 */
package org.nnlab.formats;
