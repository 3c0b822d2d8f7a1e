package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Relu;
import org.nnlab.layers.Sigmoid;
import org.nnlab.layers.Softmax;
import org.nnlab.layers.Tanh;
import org.nnlab.losses.BinaryCrossEntropy;
import org.nnlab.losses.Loss;
import org.nnlab.losses.MeanSquaredError;
import org.nnlab.losses.SoftmaxCrossEntropy;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.OutputLoss;
import org.nnlab.model.TargetEncoding;

/**
 * Every layer, every loss and every output activation with its loss, checked in float64 against
 * central differences with the float64 tolerances (relative 1e-7, absolute 1e-8).
 */
class LayerAndLossGradientTest {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    /**
     * Passed, every tensor checked in full, no kinks, and, beyond the pass rule, a relative error
     * within 1e-7 on every element whose gradient is not near zero. (Near zero the relative error
     * is round-off over a tiny number: about 3e-11 / |gradient|, which is why the pass rule also
     * asks for an absolute error above 1e-8 before it fails an element.)
     */
    static void assertSmoothPass(GradientReport report, String... tensorNames) {
        assertTrue(report.passed(), report.format());
        assertEquals(List.of(tensorNames), report.tensors().stream().map(TensorCheck::name).toList());
        for (TensorCheck t : report.tensors()) {
            assertEquals(t.size(), t.checked(), t.name() + " checked in full");
            assertEquals(0, t.kinks(), t.name() + " has no kinks\n" + report.format());
            for (ElementCheck e : t.elements()) {
                if (Math.abs(e.analytic()) + Math.abs(e.numeric()) >= 1e-3) {
                    assertTrue(e.relativeError() <= 1e-7, t.name() + " " + e + " relative error " + e.relativeError());
                }
            }
        }
    }

    @Test
    void linearInputWeightsAndBias() {
        Linear linear = new Linear("W", MatrixFixtures.gaussian(5, 4, 1), "b", MatrixFixtures.gaussian(1, 4, 2));
        assertSmoothPass(CHECKER.checkLayer(linear, MatrixFixtures.gaussian(3, 5, 3)), "X", "W", "b");
    }

    @Test
    void relu() {
        // Inputs drawn away from 0, so that no element is within h of the kink (KinkTest covers those).
        Matrix z = MatrixFixtures.gaussian(4, 6, 4);
        for (int i = 0; i < z.size(); i++) {
            z.setFlat(i, z.getFlat(i) + Math.copySign(0.1, z.getFlat(i)));
        }
        assertSmoothPass(CHECKER.checkLayer(new Relu(), z), "X");
    }

    @Test
    void sigmoid() {
        assertSmoothPass(CHECKER.checkLayer(new Sigmoid(), MatrixFixtures.gaussian(Precision.FLOAT64, 4, 6, 3, 5)), "X");
    }

    @Test
    void tanh() {
        assertSmoothPass(CHECKER.checkLayer(new Tanh(), MatrixFixtures.gaussian(Precision.FLOAT64, 4, 6, 2, 6)), "X");
    }

    @Test
    void softmax() {
        assertSmoothPass(CHECKER.checkLayer(new Softmax(), MatrixFixtures.gaussian(Precision.FLOAT64, 4, 6, 2, 7)), "X");
    }

    @Test
    void meanSquaredError() {
        assertSmoothPass(CHECKER.checkLoss(new MeanSquaredError(), MatrixFixtures.gaussian(5, 3, 8),
                MatrixFixtures.gaussian(5, 3, 9)), "predictions");
    }

    @Test
    void binaryCrossEntropy() {
        // Probabilities well inside the clamp [1e-7, 1 − 1e-7].
        assertSmoothPass(CHECKER.checkLoss(new BinaryCrossEntropy(), MatrixFixtures.uniform(5, 3, 0.05, 0.95, 10),
                MatrixFixtures.zerosAndOnes(5, 3, 11)), "predictions");
    }

    @Test
    void softmaxCrossEntropy() {
        assertSmoothPass(CHECKER.checkLoss(new SoftmaxCrossEntropy(), MatrixFixtures.gaussian(Precision.FLOAT64, 5, 4, 2, 12),
                MatrixFixtures.oneHot(5, 4, 13)), "predictions");
    }

    /**
     * The output activations with the losses they feed, as the reports pair them: sigmoid + MSE,
     * softmax + MSE, sigmoid + BCE, softmax + cross-entropy (fused) and tanh + MSE with ±1 targets.
     */
    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void everyOutputActivationWithItsLoss(OutputLoss outputLoss) {
        int batch = 5;
        int classes = 4;
        Matrix z = MatrixFixtures.gaussian(Precision.FLOAT64, batch, classes, 2, 14);
        Matrix targets = targets(outputLoss.defaultTargets(), batch, classes);
        List<Layer> layers = new ArrayList<>();
        if (outputLoss.newActivation() != null) {
            layers.add(outputLoss.newActivation());
        }
        Loss loss = outputLoss.newLoss();
        assertSmoothPass(CHECKER.checkStack(layers, loss, z, targets), "X");
    }

    @Test
    void tanhWithMseIsCheckedAgainstPlusMinusOneTargets() {
        Matrix targets = targets(OutputLoss.TANH_MSE.defaultTargets(), 5, 4);
        for (int i = 0; i < targets.size(); i++) {
            assertTrue(targets.getFlat(i) == 1 || targets.getFlat(i) == -1, "target " + targets.getFlat(i));
        }
    }

    /** Class n mod C for row n, in the output's own encoding. */
    private static Matrix targets(TargetEncoding encoding, int batch, int classes) {
        Matrix targets = Matrix.zeros(Precision.FLOAT64, batch, classes);
        for (int n = 0; n < batch; n++) {
            encoding.encode(n % classes, targets, n);
        }
        return targets;
    }

    @Test
    void layersAssembledByHandWithALoss() {
        List<Layer> layers = List.of(
                new Linear("W1", MatrixFixtures.gaussian(Precision.FLOAT64, 6, 5, 0.5, 15), "b1", MatrixFixtures.gaussian(1, 5, 16)),
                new Tanh(),
                new Linear("W2", MatrixFixtures.gaussian(Precision.FLOAT64, 5, 3, 0.5, 17), "b2", MatrixFixtures.gaussian(1, 3, 18)),
                new Sigmoid());
        GradientReport report = CHECKER.checkStack(layers, new MeanSquaredError(), MatrixFixtures.gaussian(4, 6, 19),
                MatrixFixtures.zerosAndOnes(4, 3, 20));
        assertSmoothPass(report, "X", "W1", "b1", "W2", "b2");
        assertTrue(report.title().startsWith("Linear 6→5 → Tanh → Linear 5→3 → Sigmoid → MSE"), report.title());
    }
}
