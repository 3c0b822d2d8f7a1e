package org.nnlab.plot;

/**
 * One setting of a hyperparameter sweep: the value tried, the validation accuracy reached (a
 * fraction, 0..1), and its standard deviation over seeds (NaN or 0 when there was one seed).
 */
public record SweepPoint(double value, double accuracy, double std) {

    public static SweepPoint of(double value, double accuracy) {
        return new SweepPoint(value, accuracy, Double.NaN);
    }
}
