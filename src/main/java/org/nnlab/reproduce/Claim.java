package org.nnlab.reproduce;

/**
 * One number a report states for a setup, as the report gives it (e.g. "98.38%", "> 98%",
 * "88.5 ± 0.1%"), and the metric it is about.
 */
public record Claim(Metric metric, String reported) {

    public static Claim test(String reported) {
        return new Claim(Metric.TEST, reported);
    }

    public static Claim validation(String reported) {
        return new Claim(Metric.VALIDATION, reported);
    }

    public static Claim train(String reported) {
        return new Claim(Metric.TRAIN, reported);
    }
}
