/**
 * The course lab (chapter 9): {@link org.nnlab.lab.LabKit} writes a student's kit, a copy of the
 * project with chosen backward passes stubbed, {@link org.nnlab.lab.LabChecks} checks what the
 * students wrote against finite differences, and {@link org.nnlab.lab.LabGrader} grades their
 * submissions.
 *
 * <p>May use: {@code gradcheck}, {@code layers}, {@code losses}, {@code matrix}.
 */
package org.nnlab.lab;
