package org.nnlab.training;

import java.util.Arrays;
import java.util.Locale;

/** How raw pixel bytes 0..255 become network inputs. */
public enum InputScaling {
    /** x / 255, into [0, 1]: nnlab's default. */
    UNIT("unit");

    private final String cliName;

    InputScaling(String cliName) {
        this.cliName = cliName;
    }

    /** The input value for a pixel 0..255. */
    // tag::scale[]
    public double scale(int pixel) {
        return pixel / 255.0;
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
