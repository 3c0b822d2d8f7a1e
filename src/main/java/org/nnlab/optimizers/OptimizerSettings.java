package org.nnlab.optimizers;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which update rule to train with, by the names the command line uses, and its one setting,
 * the momentum μ (used by momentum and Nesterov only).
 */
public record OptimizerSettings(Kind kind, double momentum) {

    public enum Kind {
        SGD("sgd"), MOMENTUM("momentum"), NESTEROV("nesterov"), ADAM("adam");

        private final String cliName;

        Kind(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown optimizer '" + name + "', expected one of "
                    + Arrays.stream(values()).map(Kind::cliName).toList());
        }
    }

    /** cs231n's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final OptimizerSettings SGD = new OptimizerSettings(Kind.SGD, DEFAULT_MOMENTUM);

    public OptimizerSettings {
        Momentum.requireMomentum(momentum);
    }

    public static OptimizerSettings of(Kind kind) {
        return new OptimizerSettings(kind, DEFAULT_MOMENTUM);
    }

    /** A new optimiser with empty state. */
    public Optimizer create() {
        return switch (kind) {
            case SGD -> new Sgd();
            case MOMENTUM -> new Momentum(momentum);
            case NESTEROV -> new Nesterov(momentum);
            case ADAM -> new Adam();
        };
    }
}
