/**
 * The book's build step (run by {@code ./mvnw -Pdocs generate-resources} before Asciidoctor):
 * {@link org.nnlab.book.BookBuild} reruns every console listing the chapters include and fails when
 * one's output changed, {@link org.nnlab.book.BookFigures} draws the figures, and
 * {@link org.nnlab.book.WorkedExample} pushes chapter 4's tiny network through one step with
 * nnlab's own layers. Nothing in nnlab uses this package; it sits above {@code cli}, whose commands
 * it runs.
 *
 * <p>May use: {@code cli}, {@code plot}, {@code gradcheck}, {@code optimizers}, {@code model},
 * {@code layers}, {@code losses}, {@code matrix}, {@code data}.
 */
package org.nnlab.book;
