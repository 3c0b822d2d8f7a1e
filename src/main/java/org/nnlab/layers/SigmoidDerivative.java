package org.nnlab.layers;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where the sigmoid's backward pass evaluates σ'. With A = σ(Z):
 *
 * <ul>
 *   <li>{@link #AT_INPUT}: σ'(Z) = A(1 − A), the derivative. nnlab's default.</li>
 *   <li>{@link #AT_OUTPUT}: σ'(A) = σ(A)(1 − σ(A)), the derivative evaluated at the layer's output
 *       instead of its input: report 000's code stores each layer's output and passes it to
 *       {@code derivative_sigmoid}, which applies σ again. Since A lies in (0, 1), this factor stays
 *       between 0.197 and 0.25 and never vanishes, so its sigmoid + MSE output learns like a
 *       cross-entropy one.</li>
 * </ul>
 */
public enum SigmoidDerivative {
    AT_INPUT("input"),
    AT_OUTPUT("output");

    private final String cliName;

    SigmoidDerivative(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static SigmoidDerivative parse(String name) {
        for (SigmoidDerivative d : values()) {
            if (d.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown sigmoid derivative '" + name + "', expected one of "
                + Arrays.stream(values()).map(SigmoidDerivative::cliName).toList());
    }
}
