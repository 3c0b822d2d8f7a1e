/**
 * The update rules, cs231n's {@code optim.py} in Java: {@link org.nnlab.optimizers.Sgd},
 * {@link org.nnlab.optimizers.Momentum}, {@link org.nnlab.optimizers.Nesterov} and
 * {@link org.nnlab.optimizers.Adam}, each an {@link org.nnlab.optimizers.Optimizer} that moves the
 * parameters against their gradients and keeps its own state (a velocity, moment estimates) for
 * checkpoints. {@link org.nnlab.optimizers.OptimizerSettings} names the rule and its momentum.
 *
 * <p>May use: {@code layers}, {@code matrix}.
 */
package org.nnlab.optimizers;
