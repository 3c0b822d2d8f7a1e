package org.nnlab.reproduce;

/** Which accuracy of a finished run a report's claim is about. */
public enum Metric {
    TEST("test accuracy"),
    VALIDATION("validation accuracy"),
    TRAIN("train accuracy");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
