/**
 * Randomness that a seed fixes on every JDK: {@link org.nnlab.random.SplitMix64}, a generator
 * whose whole state is one {@code long} (so that a checkpoint can save it), and the Fisher–Yates
 * {@link org.nnlab.random.Shuffle} drawn from it. Splits, minibatch orders and random searches
 * draw from these, so that the same seed gives the same numbers.
 *
 * <p>May use: nothing else in nnlab.
 */
package org.nnlab.random;
