package org.nnlab.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of the slow tier: it starts several JVMs, trains on the real MNIST or compiles a lab kit.
 * {@code ./nnlab test} leaves these out so that it stays quick enough to run after every change;
 * {@code ./nnlab test --all}, which CI runs, runs them too (the pom's profile {@code all-tests}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {
    /** The JUnit tag, which the pom's {@code tests.excludedGroups} names. */
    String TAG = "slow";
}
