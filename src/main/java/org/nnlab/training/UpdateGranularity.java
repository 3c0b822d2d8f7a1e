package org.nnlab.training;

import java.util.Arrays;
import java.util.Locale;

/**
 * When the parameters change within a minibatch.
 *
 * <ul>
 *   <li>{@link #PER_BATCH}: one update per minibatch, from the batch's gradient: minibatch SGD.</li>
 *   <li>{@link #PER_EXAMPLE}: one update after every example of the minibatch, in the batch's
 *       order. The batch size then only groups the progress display: this is SGD with batch 1.
 *       Reports 001 and 003 state a batch size, but their code updates like this.</li>
 * </ul>
 */
public enum UpdateGranularity {
    PER_BATCH("batch"),
    PER_EXAMPLE("example");

    private final String cliName;

    UpdateGranularity(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static UpdateGranularity parse(String name) {
        for (UpdateGranularity u : values()) {
            if (u.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown update granularity '" + name + "', expected one of "
                + Arrays.stream(values()).map(UpdateGranularity::cliName).toList());
    }
}
