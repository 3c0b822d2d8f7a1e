package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Dropout;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.random.SplitMix64;

/**
 * Dropout's backward pass against differences of its forward pass, with the mask held fixed; and
 * what goes wrong when the mask is not held, or when the backward pass forgets the 1/(1 − p).
 */
class DropoutGradientTest {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** A layer in training whose next forward passes all reuse one mask, drawn now. */
    private static Dropout heldDropout(double rate, Matrix x, long seed) {
        Dropout dropout = new Dropout(rate);
        dropout.drawMasksFrom(new SplitMix64(seed)::nextLong);
        dropout.forward(x);
        dropout.holdMask();
        return dropout;
    }

    private static int zeros(Matrix m) {
        int count = 0;
        for (int i = 0; i < m.size(); i++) {
            count += m.getFlat(i) == 0 ? 1 : 0;
        }
        return count;
    }

    @Test
    void theLayerPassesWithItsMaskHeld() {
        Matrix x = MatrixFixtures.gaussian(6, 8, 1);
        Dropout dropout = heldDropout(0.5, x, 2);
        assertTrue(zeros(dropout.mask()) > 0 && zeros(dropout.mask()) < x.size(), "the mask drops some units, not all");
        LayerAndLossGradientTest.assertSmoothPass(CHECKER.checkLayer(dropout, x), "X");
    }

    @Test
    void withANewMaskForEveryEvaluationTheCheckFails() {
        // f must be one function: if every forward pass draws a new mask, f(x + h) and f(x − h)
        // drop different units, and their difference says nothing about the gradient.
        Matrix x = MatrixFixtures.gaussian(6, 8, 3);
        Dropout dropout = new Dropout(0.5);
        dropout.drawMasksFrom(new SplitMix64(4)::nextLong);
        GradientReport report = CHECKER.checkLayer(dropout, x);
        assertFalse(report.passed(), report.format());
    }

    /** Backward without the 1/(1 − p): dX = dA ⊙ [kept] instead of dA ⊙ M. */
    static class DropoutWithoutRescaling extends Dropout {
        DropoutWithoutRescaling(double rate) {
            super(rate);
        }

        @Override
        public Matrix backward(Matrix dout) {
            Matrix dx = super.backward(dout);
            for (int i = 0; i < dx.size(); i++) {
                dx.setFlat(i, dx.getFlat(i) * (1 - rate()));
            }
            return dx;
        }
    }

    @Test
    void aBackwardPassThatForgetsTheRescalingFails() {
        Matrix x = MatrixFixtures.gaussian(6, 8, 5);
        Dropout dropout = new DropoutWithoutRescaling(0.5);
        dropout.drawMasksFrom(new SplitMix64(6)::nextLong);
        dropout.forward(x);
        dropout.holdMask();
        GradientReport report = CHECKER.checkLayer(dropout, x);
        assertFalse(report.passed(), report.format());
        ElementCheck worst = report.tensor("X").worst();
        assertEquals(0.5, worst.analytic() / worst.numeric(), 1e-6, "every kept unit's gradient is (1 − p) times too small");
    }

    @ParameterizedTest(name = "{0} hidden")
    @EnumSource(Activation.class)
    void wholeNetworksWithDropoutOnTheHiddenUnitsAndTheInputsPass(Activation activation) {
        NetworkSpec spec = new NetworkSpec(9, 12, 4, activation, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(activation), 0.01).withDropout(0.5, 0.2);
        NetworkGradientCheck check = NetworkGradientCheck.create(spec, 6, Precision.FLOAT64, 7);
        GradientReport report = check.run(CHECKER);
        assertTrue(report.passed(), report.format());
        assertEquals(List.of("X", "W1", "b1", "W2", "b2"), report.tensors().stream().map(TensorCheck::name).toList());
        List<Dropout> dropouts = check.network().layers().stream().filter(Dropout.class::isInstance)
                .map(Dropout.class::cast).toList();
        assertEquals(2, dropouts.size(), "input dropout and hidden dropout");
        for (Dropout d : dropouts) {
            assertTrue(zeros(d.mask()) > 0, d.describe() + " dropped units during the check");
        }
    }
}
