package org.nnlab.preprocessing;

import org.nnlab.data.LabeledImages;

/**
 * An {@link InputScaling} made ready to apply: for {@link InputScaling#STANDARDIZE}, with the
 * per-pixel mean μ and standard deviation σ of the training split, which a saved model stores so
 * that evaluation and prediction scale their inputs exactly as training did.
 *
 * <p>μ and σ are rounded to float32 when they are measured, so that the values used in training
 * and the values saved in a model file are the same numbers. A pixel that never varies in the
 * training split (σ = 0, e.g. MNIST's corners) carries no information: it becomes 0, whatever value
 * a later image has there.
 *
 * @param scaling the scaling
 * @param mean    μⱼ per pixel (STANDARDIZE only, else null)
 * @param std     σⱼ per pixel (STANDARDIZE only, else null)
 */
public record Preprocessing(InputScaling scaling, float[] mean, float[] std) {

    public Preprocessing {
        if ((scaling == InputScaling.STANDARDIZE) != (mean != null && std != null)) {
            throw new IllegalArgumentException(scaling == InputScaling.STANDARDIZE
                    ? "standardisation needs a per-pixel mean and std"
                    : scaling.cliName() + " scaling takes no per-pixel statistics");
        }
        if (mean != null && mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must have one value per pixel, got "
                    + mean.length + " and " + std.length);
        }
    }

    /** A scaling that needs no statistics. */
    public static Preprocessing of(InputScaling scaling) {
        return new Preprocessing(scaling, null, null);
    }

    /** The scaling, with its statistics measured on {@code training} when it needs them. */
    public static Preprocessing fit(InputScaling scaling, LabeledImages training) {
        if (scaling != InputScaling.STANDARDIZE) {
            return of(scaling);
        }
        int pixels = training.pixelsPerImage();
        double[] sum = new double[pixels];
        double[] sumOfSquares = new double[pixels];
        for (int i = 0; i < training.count(); i++) {
            for (int j = 0; j < pixels; j++) {
                int x = training.pixel(i, j);
                sum[j] += x;
                sumOfSquares[j] += (double) x * x;
            }
        }
        float[] mean = new float[pixels];
        float[] std = new float[pixels];
        for (int j = 0; j < pixels; j++) {
            double mu = sum[j] / training.count();
            mean[j] = (float) mu;
            std[j] = (float) Math.sqrt(Math.max(0, sumOfSquares[j] / training.count() - mu * mu));
        }
        return new Preprocessing(scaling, mean, std);
    }

    /** The input value of pixel {@code index} when its byte is {@code pixel}. */
    public double apply(int pixel, int index) {
        if (scaling != InputScaling.STANDARDIZE) {
            return scaling.scale(pixel);
        }
        return std[index] > 0 ? (pixel - mean[index]) / (double) std[index] : 0;
    }

    /** How many pixels this preprocessing was fitted to, or -1 when it works for any image size. */
    public int pixels() {
        return mean == null ? -1 : mean.length;
    }
}
