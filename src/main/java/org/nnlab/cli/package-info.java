/**
 * The {@code nnlab} command: {@link org.nnlab.cli.Main} dispatches to one class per command
 * ({@code TrainCommand}, {@code SearchCommand}, ...), which reads its flags, calls the packages that
 * do the work, and prints. Expected failures become one line and an exit status.
 *
 * <p>May use: {@code experiment}, {@code persistence}, {@code search}, {@code reproduce},
 * {@code gradcheck}, {@code lab}, {@code serve}, {@code images}, {@code plot}, {@code training},
 * {@code optimizers}, {@code evaluation}, {@code preprocessing}, {@code data}, {@code model},
 * {@code layers}, {@code losses}, {@code matrix}, {@code formats}, {@code kernels}, {@code random}.
 */
package org.nnlab.cli;
