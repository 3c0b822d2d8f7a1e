/**
 * The images: MNIST and Fashion-MNIST in their IDX files ({@link org.nnlab.data.IdxReader}, chapter
 * 1), checked against pinned SHA-256 sums and fetched from the first source that has them
 * ({@link org.nnlab.data.DatasetLoader}), held as {@link org.nnlab.data.LabeledImages} of grey levels
 * 0..255. (A picture of one digit is made into the same form by {@code images}.)
 *
 * <p>May use: {@code formats}.
 */
package org.nnlab.data;
