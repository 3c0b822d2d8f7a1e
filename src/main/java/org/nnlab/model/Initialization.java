package org.nnlab.model;

import java.util.Locale;
import java.util.Random;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/**
 * How a weight matrix W (fanIn×fanOut) starts: zero-mean Gaussian entries with a standard
 * deviation that is either fixed or scaled to the layer's size. Biases start at zero, unless
 * {@code biasesLikeWeights}: then they are drawn from the same distribution as their layer's
 * weights, as the code of reports 000 (N(0, 0.1²)) and 001 (He) does.
 *
 * <ul>
 *   <li>He: std = √(2 / fanIn), which keeps the variance of ReLU activations steady from layer
 *       to layer (report 001).</li>
 *   <li>Xavier/Glorot: std = √(2 / (fanIn + fanOut)), the same idea for tanh and sigmoid.</li>
 *   <li>Gaussian: a fixed std, e.g. 0.01 (report 003) or 1e-3 (report 004).</li>
 * </ul>
 */
public record Initialization(Scheme scheme, double fixedStd, boolean biasesLikeWeights) {

    public enum Scheme { HE, XAVIER, GAUSSIAN }

    public static final Initialization HE = new Initialization(Scheme.HE, 0);
    public static final Initialization XAVIER = new Initialization(Scheme.XAVIER, 0);

    /** Weights from the scheme, biases zero. */
    public Initialization(Scheme scheme, double fixedStd) {
        this(scheme, fixedStd, false);
    }

    /** The same weights, with biases drawn like them (true) or zero (false). */
    public Initialization withBiasesLikeWeights(boolean likeWeights) {
        return new Initialization(scheme, fixedStd, likeWeights);
    }

    public static Initialization gaussian(double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("a Gaussian initialisation needs a positive std, got " + std);
        }
        return new Initialization(Scheme.GAUSSIAN, std);
    }

    /** The std used for a fanIn×fanOut weight matrix. */
    public double std(int fanIn, int fanOut) {
        return switch (scheme) {
            case HE -> Math.sqrt(2.0 / fanIn);
            case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
            case GAUSSIAN -> fixedStd;
        };
    }

    /** A new fanIn×fanOut weight matrix drawn from this scheme. */
    public Matrix weights(Precision precision, int fanIn, int fanOut, Random random) {
        double std = std(fanIn, fanOut);
        Matrix w = Matrix.zeros(precision, fanIn, fanOut);
        for (int i = 0; i < w.size(); i++) {
            w.setFlat(i, std * random.nextGaussian());
        }
        return w;
    }

    /** A new 1×fanOut bias row for a layer with fanIn inputs: zeros, or drawn like the weights. */
    public Matrix biases(Precision precision, int fanIn, int fanOut, Random random) {
        Matrix b = Matrix.zeros(precision, 1, fanOut);
        if (biasesLikeWeights) {
            double std = std(fanIn, fanOut);
            for (int i = 0; i < b.size(); i++) {
                b.setFlat(i, std * random.nextGaussian());
            }
        }
        return b;
    }

    /** Parses "he", "xavier" or "gaussian:STD", e.g. "gaussian:0.01" (biases zero). */
    public static Initialization parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("he")) {
            return HE;
        }
        if (t.equals("xavier") || t.equals("glorot")) {
            return XAVIER;
        }
        if (t.startsWith("gaussian:")) {
            try {
                return gaussian(Double.parseDouble(t.substring("gaussian:".length())));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("unknown initialisation '" + text
                + "', expected he, xavier or gaussian:STD (e.g. gaussian:0.01)");
    }

    /** The weights' scheme in the form {@link #parse} reads, e.g. "gaussian:0.01". */
    public String weightsSpec() {
        return scheme == Scheme.GAUSSIAN ? "gaussian:" + fixedStd : scheme.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return weightsSpec() + (biasesLikeWeights ? " (biases too)" : "");
    }
}
