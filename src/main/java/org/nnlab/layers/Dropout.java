package org.nnlab.layers;

import java.util.function.LongSupplier;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;

/**
 * Inverted dropout (Srivastava et al., 2014; cs231n's {@code dropout_forward}): in training, each
 * unit of each example is kept with probability 1 − p and otherwise set to 0, and the kept ones
 * are divided by 1 − p, so that every unit's expected value is what it was. At evaluation the
 * layer passes its input through unchanged, and the network needs no rescaling at test time.
 *
 * <pre>
 *   training:    Mₙⱼ = [uₙⱼ ≥ p] / (1 − p),  uₙⱼ uniform in [0, 1)      (M: N×D, a new mask per forward pass)
 *   forward:     A  = X ⊙ M
 *   backward:    dX = dA ⊙ M                                           (the mask is a constant of the pass)
 *   evaluation:  A  = X,  dX = dA
 * </pre>
 *
 * The mask's random numbers come from whatever {@link #drawMasksFrom} gave it, in training the
 * run's own generator, so the same seed drops the same units. A gradient check needs the same
 * function on every evaluation of f: {@link #holdMask} makes forward reuse the last mask.
 */
public class Dropout implements Layer {
    /** 2⁻³²: a 32-bit integer times this is uniform in [0, 1). */
    private static final double TWO_TO_MINUS_32 = 0x1.0p-32;

    private enum Mode { OFF, DRAW, HOLD }

    private final double rate;
    private Mode mode = Mode.OFF;
    private LongSupplier randomBits;
    private Matrix mask;
    private Matrix output;
    private Matrix inputGradient;

    /** A layer that drops each unit with probability {@code rate} = p in training. */
    public Dropout(double rate) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("a dropout rate must be in (0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** Training: every forward pass draws a new mask from {@code bits} (uniform 64-bit numbers). */
    public void drawMasksFrom(LongSupplier bits) {
        randomBits = bits;
        mode = Mode.DRAW;
    }

    /**
     * In training, every forward pass from now on reuses the mask of the last one, e.g. while a
     * gradient check evaluates f; a layer that is off stays off.
     */
    public void holdMask() {
        if (mode == Mode.OFF) {
            return;
        }
        if (mask == null) {
            throw new IllegalStateException("no mask to hold: run a forward pass in training first");
        }
        mode = Mode.HOLD;
    }

    /** Evaluation: the layer is the identity. */
    public void turnOff() {
        mode = Mode.OFF;
        randomBits = null;
    }

    @Override
    // tag::forward[]
    public Matrix forward(Matrix x) {
        if (mode == Mode.OFF) {
            return x;
        }
        if (mode == Mode.DRAW) {
            drawMask(x);
        } else if (!mask.hasShape(x.rows(), x.cols())) {
            throw new IllegalStateException("the held dropout mask is " + mask.shape() + " but the input is " + x.shape());
        }
        output = Matrix.reuse(output, x.precision(), x.rows(), x.cols());
        MatrixOps.zip(x, mask, (value, keep) -> value * keep, output);
        return output;
    }

    /** Mₙⱼ = 1/(1 − p) with probability 1 − p, else 0: two 32-bit uniforms from each 64-bit draw. */
    private void drawMask(Matrix x) {
        mask = Matrix.reuse(mask, x.precision(), x.rows(), x.cols());
        double kept = 1 / (1 - rate);
        for (int i = 0; i < mask.size(); i += 2) {
            long bits = randomBits.getAsLong();
            mask.setFlat(i, (bits >>> 32) * TWO_TO_MINUS_32 >= rate ? kept : 0);
            if (i + 1 < mask.size()) {
                mask.setFlat(i + 1, (bits & 0xFFFF_FFFFL) * TWO_TO_MINUS_32 >= rate ? kept : 0);
            }
        }
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward(Matrix dout) {
        if (mode == Mode.OFF) {
            return dout;
        }
        inputGradient = Matrix.reuse(inputGradient, dout.precision(), dout.rows(), dout.cols());
        MatrixOps.zip(dout, mask, (gradient, keep) -> gradient * keep, inputGradient);
        return inputGradient;
    }
    // end::backward[]

    /** p, the probability that a unit is dropped in training. */
    public double rate() {
        return rate;
    }

    /** The mask of the last forward pass in training (N×D, entries 0 or 1/(1 − p)); null before one. */
    public Matrix mask() {
        return mask;
    }

    @Override
    public String describe() {
        return "Dropout p=" + rate;
    }
}
