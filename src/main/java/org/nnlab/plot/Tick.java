package org.nnlab.plot;

/** A labelled position on an axis. */
record Tick(double value, String label) {
}
