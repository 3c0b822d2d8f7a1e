package org.nnlab.preprocessing;

import java.util.Arrays;
import java.util.Locale;

/**
 * How raw pixel bytes 0..255 become network inputs. {@link Preprocessing} applies a scaling,
 * together with the per-pixel statistics that {@link #STANDARDIZE} needs.
 */
public enum InputScaling {
    /** x / 255, into [0, 1]: nnlab's default (reports 000, 002, 003). */
    UNIT("unit"),
    /** 0.01 + 0.99·x / 255, into [0.01, 1], so that no input is exactly 0 (report 001). */
    OFFSET_UNIT("offset-unit"),
    /** x itself, 0..255, unscaled (report 004's code). */
    RAW("raw"),
    /** (x − μⱼ) / σⱼ per pixel j, with μ and σ measured on the training split only. */
    STANDARDIZE("standardize");

    private final String cliName;

    InputScaling(String cliName) {
        this.cliName = cliName;
    }

    /** The input value of a pixel 0..255, for every scaling but {@link #STANDARDIZE}. */
    // tag::scale[]
    double scale(int pixel) {
        return switch (this) {
            case UNIT -> pixel / 255.0;
            case OFFSET_UNIT -> 0.01 + 0.99 * pixel / 255.0;
            case RAW -> pixel;
            case STANDARDIZE -> throw new IllegalStateException("standardisation needs per-pixel statistics;"
                    + " use Preprocessing.fit");
        };
    }
    // end::scale[]

    public String cliName() {
        return cliName;
    }

    public static InputScaling parse(String name) {
        for (InputScaling s : values()) {
            if (s.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown input scaling '" + name + "', expected one of "
                + Arrays.stream(values()).map(InputScaling::cliName).toList());
    }
}
