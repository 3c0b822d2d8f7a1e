package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnlab.gradcheck.ElementCheck.Verdict;
import org.nnlab.gradcheck.GradientChecker.Coverage;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Relu;
import org.nnlab.layers.Sigmoid;
import org.nnlab.layers.Tanh;
import org.nnlab.losses.BinaryCrossEntropy;
import org.nnlab.losses.MeanSquaredError;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;

/** Non-differentiable points within h are reported as kinks and excluded; smooth points are not. */
class KinkTest {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    @Test
    void reluInputsAtOrNearZeroAreKinks() {
        // 0 exactly, ±1e-9 (far inside h ≈ 6e-6), and ordinary inputs on both sides
        Matrix z = Matrix.of(Precision.FLOAT64, new double[] {0, 1e-9, 0.5, -0.5}, new double[] {-1e-9, 2, -3, 0.25});
        GradientReport report = CHECKER.checkLayer(new Relu(), z);
        TensorCheck x = report.tensor("X");
        assertEquals(3, x.kinks(), report.format());
        for (int[] at : new int[][] {{0, 0}, {0, 1}, {1, 0}}) {
            ElementCheck e = x.element(at[0], at[1]);
            assertEquals(Verdict.KINK, e.verdict(), e.toString());
            // Compared, it would have failed: finite differences straddle the kink.
            assertTrue(CHECKER.tolerances(Precision.FLOAT64).exceededBy(e.relativeError(), e.absoluteError()), e.toString());
        }
        assertEquals(5, x.compared().size());
        assertTrue(x.compared().stream().allMatch(e -> e.verdict() == Verdict.PASS), report.format());
        assertTrue(report.passed(), report.format());
        assertTrue(report.summaryLine().contains("3 kinks excluded"), report.summaryLine());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("note: kinks are elements within h")), report.format());
        assertTrue(report.table().contains("| X      | 2×4   |     8/8 |     3 |"), report.table());
    }

    @Test
    void reluInputsJustBeyondTheStepAreNotKinks() {
        double h = Difference.FIVE_POINT.defaultStep(Precision.FLOAT64);
        Matrix z = Matrix.of(Precision.FLOAT64, new double[] {1.5 * h, -1.5 * h, 1e-2, -1e-2});
        GradientReport report = CHECKER.checkLayer(new Relu(), z);
        assertEquals(0, report.kinks(), report.format());
        assertTrue(report.passed(), report.format());
    }

    /**
     * Strong curvature is not a kink. At x = 1 the one-sided slopes of x² differ by 2h ≈ 1.2e-5,
     * far past the 1e-7 tolerance, which is why the detector does not compare them; its slope jump
     * is only round-off.
     */
    @Test
    void curvatureIsNotMistakenForAKink() {
        Matrix x = Matrix.of(Precision.FLOAT64, new double[] {1, -2, 0.5});
        Matrix twoX = x.zerosLike(1, 3);
        MatrixOps.map(x, v -> 2 * v, twoX);
        ScalarFunction sumOfSquares = () -> MatrixOps.dot(x, x);
        double h = Difference.CENTRAL.defaultStep(Precision.FLOAT64);
        double forward = (Math.pow(1 + h, 2) - 1) / h;
        double backward = (1 - Math.pow(1 - h, 2)) / h;
        assertTrue(Tolerances.relativeError(forward, backward) > 1e-6, "the one-sided slopes disagree");

        TensorCheck check = CHECKER.checkTensor("x", x, twoX, sumOfSquares, Coverage.SAMPLED);
        assertEquals(0, check.kinks());
        assertTrue(check.passed());
        assertTrue(check.element(0, 0).slopeJump() < 1e-8, "slope jump " + check.element(0, 0).slopeJump());

        // exp(5x) is far more curved (f''' = 125·e^(5x)); still smooth
        Matrix y = Matrix.of(Precision.FLOAT64, new double[] {0.3, -0.4, 0.1});
        Matrix derivative = y.zerosLike(1, 3);
        MatrixOps.map(y, v -> 5 * Math.exp(5 * v), derivative);
        TensorCheck exp = CHECKER.checkTensor("y", y, derivative, () -> {
            double sum = 0;
            for (int i = 0; i < y.size(); i++) {
                sum += Math.exp(5 * y.getFlat(i));
            }
            return sum;
        }, Coverage.SAMPLED);
        assertEquals(0, exp.kinks());
        assertTrue(exp.passed());
    }

    @Test
    void theStencilsSlopeJumpMeasuresTheKink() {
        double h = 1e-3;
        double[] offsets = {-h, -h / 2, 0, h / 2, h};
        // f = 3·max(x − t, 0) sampled with the kink at t = 0, t = h/3 and t = 0.9h
        for (double t : new double[] {0, h / 3, 0.9 * h}) {
            double[] values = new double[5];
            for (int k = 0; k < 5; k++) {
                values[k] = 3 * Math.max(offsets[k] - t, 0);
            }
            Stencil stencil = new Stencil(offsets, values);
            double centralError = Math.abs(stencil.centralDifference() - 0); // the slope at 0 is 0 for t ≥ 0
            assertTrue(stencil.slopeJump() >= centralError - 1e-12,
                    "t = " + t + ": jump " + stencil.slopeJump() + " must bound the error " + centralError);
            assertTrue(stencil.slopeJump() > 0);
        }
        // and a parabola has none
        double[] parabola = new double[5];
        for (int k = 0; k < 5; k++) {
            parabola[k] = 7 * offsets[k] * offsets[k] + 2 * offsets[k] + 1;
        }
        assertEquals(0, new Stencil(offsets, parabola).slopeJump(), 1e-9);
    }

    /** A hidden ReLU unit whose pre-activation is exactly 0 for one example. */
    @Test
    void aKinkInsideANetworkIsReportedOnTheTensorsThatReachIt() {
        NetworkSpec spec = new NetworkSpec(5, 4, 3, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(Activation.RELU), 0.01);
        NetworkGradientCheck check = NetworkGradientCheck.create(spec, 3, Precision.FLOAT64, 9);
        Network network = check.network();
        int example = 1;
        int unit = 2;
        // b1[unit] = −(X·W1)[example][unit] makes Z1[example][unit] = 0: every parameter that feeds it straddles the kink.
        Matrix x = check.x();
        Matrix w1 = network.parameter("W1").value();
        double dot = 0;
        for (int i = 0; i < x.cols(); i++) {
            dot += x.get(example, i) * w1.get(i, unit);
        }
        network.parameter("b1").value().set(0, unit, -dot);

        GradientReport report = check.run(CHECKER);
        assertEquals(List.of("(0, " + unit + ")"), kinkPositions(report.tensor("b1")));
        assertTrue(report.tensor("X").kinks() > 0 && report.tensor("W1").kinks() > 0, report.format());
        assertTrue(report.tensor("X").elements().stream().filter(e -> e.verdict() == Verdict.KINK)
                .allMatch(e -> e.row() == example), "only the example's inputs reach the kink\n" + report.format());
        assertTrue(report.tensor("W1").elements().stream().filter(e -> e.verdict() == Verdict.KINK)
                .allMatch(e -> e.col() == unit), "only the unit's weights reach the kink\n" + report.format());
        // W2 and b2 act after the ReLU: moving them does not move Z1.
        assertEquals(0, report.tensor("W2").kinks() + report.tensor("b2").kinks(), report.format());
        assertTrue(report.passed(), report.format());
    }

    /**
     * The five-point check gets its kinks from the layers: the ReLU input of example 1, unit 2 is
     * put at t = 0, h/3 or −h/3, which b1's element (0, 2) moves one for one, so every one of its
     * stencils straddles 0. The same element at t = ±1.5h straddles nothing and is compared.
     */
    @ParameterizedTest(name = "Z1 = {0}·h")
    @ValueSource(doubles = {0, 1.0 / 3, -1.0 / 3, 1.5, -1.5})
    void aReluPreActivationWithinTheStepOfZeroIsAKinkOfExactlyTheElementsThatMoveIt(double timesH) {
        double h = CHECKER.step(Difference.FIVE_POINT, Precision.FLOAT64);
        NetworkSpec spec = new NetworkSpec(5, 4, 3, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(Activation.RELU), 0.01);
        NetworkGradientCheck check = NetworkGradientCheck.create(spec, 3, Precision.FLOAT64, 9);
        Network network = check.network();
        int example = 1;
        int unit = 2;
        Matrix x = check.x();
        Matrix w1 = network.parameter("W1").value();
        double dot = 0;
        for (int i = 0; i < x.cols(); i++) {
            dot += x.get(example, i) * w1.get(i, unit);
        }
        network.parameter("b1").value().set(0, unit, timesH * h - dot);

        GradientReport report = check.run(CHECKER);
        Verdict expected = Math.abs(timesH) < 1 ? Verdict.KINK : Verdict.PASS;
        assertEquals(expected, report.tensor("b1").element(0, unit).verdict(), report.format());
        if (expected == Verdict.KINK) {
            // X's row 1 moves Z1[1][2] by W1[i][2] per unit: a kink wherever that carries it across 0.
            for (ElementCheck e : report.tensor("X").elements()) {
                if (e.row() == example && Math.abs(w1.get(e.col(), unit)) * h > Math.abs(timesH * h) * 1.01) {
                    assertEquals(Verdict.KINK, e.verdict(), "X" + e.position() + "\n" + report.format());
                }
            }
        }
        assertEquals(0, report.tensor("W2").kinks() + report.tensor("b2").kinks(), "W2, b2 act after the ReLU");
        assertTrue(report.passed(), report.format());
    }

    /** A network of sigmoids and tanhs has no kink to report, whatever its output and loss. */
    @Test
    void aSmoothNetworkNeverReportsAKink() {
        for (Activation activation : List.of(Activation.SIGMOID, Activation.TANH)) {
            for (OutputLoss outputLoss : OutputLoss.values()) {
                for (long seed = 1; seed <= 3; seed++) {
                    NetworkSpec spec = new NetworkSpec(6, 5, 3, activation, outputLoss,
                            NetworkSpec.defaultInitialization(activation), 0.01);
                    GradientReport report = NetworkGradientCheck.create(spec, 4, Precision.FLOAT64, seed).run(CHECKER);
                    assertEquals(0, report.kinks(), report.format());
                    assertTrue(report.passed(), report.format());
                }
            }
        }
    }

    /**
     * Through a sigmoid, an output at the clamp ε = 1e-7 of binary cross-entropy: its logit sits
     * h/3 above logit(ε), so the stencil's left half is clamped. Its own input element is the kink.
     */
    @Test
    void anOutputAtTheClampOfBinaryCrossEntropyIsAKink() {
        double h = CHECKER.step(Difference.FIVE_POINT, Precision.FLOAT64);
        double epsilon = 1e-7;
        Matrix z = MatrixFixtures.gaussian(3, 4, 21);
        z.set(1, 2, Math.log(epsilon / (1 - epsilon)) + h / 3);
        Matrix targets = MatrixFixtures.zerosAndOnes(3, 4, 22);
        targets.set(1, 2, 1);
        GradientReport report = CHECKER.checkStack(List.of(new Sigmoid()), new BinaryCrossEntropy(), z, targets);
        assertEquals(List.of("(1, 2)"), kinkPositions(report.tensor("X")), report.format());
        assertTrue(report.passed(), report.format());

        // and the upper clamp, 1 − ε, checked on the probabilities themselves
        Matrix predictions = Matrix.of(Precision.FLOAT64, new double[] {0.4, 1 - epsilon - h / 3}, new double[] {0.7, 0.2});
        GradientReport loss = CHECKER.checkLoss(new BinaryCrossEntropy(), predictions,
                Matrix.of(Precision.FLOAT64, new double[] {1, 0}, new double[] {0, 1}));
        assertEquals(List.of("(0, 1)"), kinkPositions(loss.tensor("predictions")), loss.format());
        assertTrue(loss.passed(), loss.format());
    }

    /** What the layers report: one bit per ReLU input, two per binary cross-entropy prediction. */
    @Test
    void theKinkSidesOfReluAndBinaryCrossEntropy() {
        Relu relu = new Relu();
        relu.forward(Matrix.of(Precision.FLOAT64, new double[] {-1, 0, 2e-300, 3}));
        assertEquals(BitSet.valueOf(new long[] {0b1100}), relu.kinkSides());

        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        bce.forward(Matrix.of(Precision.FLOAT64, new double[] {1e-8, 1e-7, 0.5, 1 - 1e-8}),
                Matrix.of(Precision.FLOAT64, new double[] {1, 1, 0, 0}));
        BitSet expected = new BitSet();
        expected.set(0); // 1e-8 < ε
        expected.set(7); // 1 − 1e-8 > 1 − ε
        assertEquals(expected, bce.kinkSides());
    }

    /** Layers that do not implement Kinked are smooth to the five-point check, which never looks at slopes. */
    @Test
    void withoutKinkedLayersTheFivePointCheckHasNoKinks() {
        Matrix z = MatrixFixtures.gaussian(3, 4, 23);
        GradientReport report = CHECKER.checkStack(List.of(new Tanh()), new MeanSquaredError(), z,
                MatrixFixtures.gaussian(3, 4, 24));
        assertEquals(Difference.FIVE_POINT, report.difference());
        assertTrue(report.tensor("X").elements().stream().allMatch(e -> Double.isNaN(e.slopeJump())));
        assertEquals(0, report.kinks());
        assertTrue(report.passed(), report.format());
    }

    private static List<String> kinkPositions(TensorCheck t) {
        return t.elements().stream().filter(e -> e.verdict() == Verdict.KINK).map(ElementCheck::position).toList();
    }

    /** The clamp of binary cross-entropy at ε = 1e-7 is a kink too (a min and a max). */
    @Test
    void theClampOfBinaryCrossEntropyIsAKink() {
        Matrix predictions = Matrix.of(Precision.FLOAT64, new double[] {1e-7, 0.3}, new double[] {0.6, 0.8});
        Matrix targets = Matrix.of(Precision.FLOAT64, new double[] {1, 0}, new double[] {1, 1});
        GradientReport report = CHECKER.checkLoss(new BinaryCrossEntropy(), predictions, targets);
        assertEquals(List.of("(0, 0)"), kinkPositions(report.tensor("predictions")));
        assertTrue(report.passed(), report.format());
    }

    /** Nothing left to compare is not a pass. */
    @Test
    void aTensorOfKinksOnlyIsNotAPass() {
        GradientReport report = CHECKER.checkLayer(new Relu(), Matrix.zeros(Precision.FLOAT64, 2, 3));
        assertEquals(6, report.kinks());
        assertEquals(TensorCheck.Status.NOTHING_COMPARED, report.tensor("X").status());
        assertFalse(report.passed());
        assertTrue(report.summaryLine().startsWith("FAIL: 1 of 1 tensors fail: X (every checked element is a kink)"),
                report.summaryLine());
        assertTrue(report.table().contains("none compared"), report.table());
    }
}
