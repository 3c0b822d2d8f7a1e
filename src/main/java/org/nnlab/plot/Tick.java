package org.nnlab.plot;

/**
 * A labelled position on an axis.
 *
 * @param value where the tick is, in data units
 * @param label what it says
 */
public record Tick(double value, String label) {
}
