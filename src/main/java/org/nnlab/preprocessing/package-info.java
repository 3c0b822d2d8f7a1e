/**
 * From images to what the network trains on: {@link org.nnlab.preprocessing.InputScaling} and
 * {@link org.nnlab.preprocessing.Preprocessing} turn grey levels into inputs,
 * {@link org.nnlab.preprocessing.Task} turns digits into labels (ten classes, or one digit against
 * the rest), and {@link org.nnlab.preprocessing.Examples} holds the result, an N×D input matrix and a
 * label per row.
 *
 * <p>May use: {@code data}, {@code matrix}, {@code random}.
 */
package org.nnlab.preprocessing;
