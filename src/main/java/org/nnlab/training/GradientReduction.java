package org.nnlab.training;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the per-example gradients of a minibatch of N are combined into the one gradient the
 * optimiser applies.
 *
 * <ul>
 *   <li>{@link #MEAN}: their average, the gradient of the mean loss. nnlab's losses are means, so
 *       this is what the network computes, and a learning rate means the same at every batch size.</li>
 *   <li>{@link #SUM}: their sum, N times the mean. Report 000's code averaged its loss but summed
 *       its gradients over batches of 40, so every step was 40 times the one its learning rate
 *       suggests. With an L2 penalty in the loss, the penalty's gradient is multiplied by N as
 *       well (the gradient of Σₙ [Lₙ + (λ/2)‖W‖²]).</li>
 * </ul>
 */
public enum GradientReduction {
    MEAN("mean"),
    SUM("sum");

    private final String cliName;

    GradientReduction(String cliName) {
        this.cliName = cliName;
    }

    /** The factor that turns the mean gradient of a batch of {@code batchSize} into this reduction. */
    public double factor(int batchSize) {
        return this == MEAN ? 1 : batchSize;
    }

    public String cliName() {
        return cliName;
    }

    public static GradientReduction parse(String name) {
        for (GradientReduction r : values()) {
            if (r.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown gradient reduction '" + name + "', expected one of "
                + Arrays.stream(values()).map(GradientReduction::cliName).toList());
    }
}
