package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.gradcheck.GradientChecker.Coverage;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Parameter;
import org.nnlab.layers.Tanh;
import org.nnlab.losses.MeanSquaredError;
import org.nnlab.losses.SoftmaxCrossEntropy;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;

/**
 * The checker can fail: each test plants one classic backward-pass mistake, through a test-only
 * subclass of a real layer or loss (or, for L2, a test-only gradient function), and asserts that
 * the check fails on exactly the tensors the mistake reaches while every other tensor passes.
 */
class PlantedMistakeTest {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    // tag::mse-without-mean[]
    /** MSE whose backward forgets to divide by the batch size N: returns A − Y instead of (A − Y)/N. */
    static class MseWithoutMean extends MeanSquaredError {
        @Override
        public Matrix backward() {
            Matrix gradient = super.backward();
            MatrixOps.map(gradient, g -> g * gradient.rows(), gradient);
            return gradient;
        }
    }
    // end::mse-without-mean[]

    // tag::transposed-weight-gradient[]
    /** A linear layer whose weight gradient comes out transposed: (Xᵀ·dZ)ᵀ. Needs a square W. */
    static class LinearWithTransposedWeightGradient extends Linear {
        LinearWithTransposedWeightGradient(String weightsName, Matrix weights, String biasName, Matrix bias) {
            super(weightsName, weights, biasName, bias);
        }

        @Override
        public Matrix backward(Matrix dout) {
            Matrix inputGradient = super.backward(dout);
            Matrix dw = weights().gradient();
            for (int r = 0; r < dw.rows(); r++) {
                for (int c = r + 1; c < dw.cols(); c++) {
                    double swap = dw.get(r, c);
                    dw.set(r, c, dw.get(c, r));
                    dw.set(c, r, swap);
                }
            }
            return inputGradient;
        }
    }
    // end::transposed-weight-gradient[]

    // tag::tanh-sign-error[]
    /** tanh whose backward has the wrong sign: dZ = dA ⊙ (t² − 1). */
    static class TanhWithSignError extends Tanh {
        @Override
        public Matrix backward(Matrix dout) {
            Matrix inputGradient = super.backward(dout);
            MatrixOps.map(inputGradient, g -> -g, inputGradient);
            return inputGradient;
        }
    }
    // end::tanh-sign-error[]

    private static Linear linear(int number, int fanIn, int fanOut, long seed) {
        return new Linear("W" + number, MatrixFixtures.gaussian(Precision.FLOAT64, fanIn, fanOut, 0.5, seed),
                "b" + number, MatrixFixtures.gaussian(Precision.FLOAT64, 1, fanOut, 0.1, seed + 1));
    }

    private static void assertFailsExactly(GradientReport report, List<String> failing, List<String> passing) {
        assertEquals(failing, report.failedTensors().stream().map(TensorCheck::name).toList(), report.format());
        for (String name : passing) {
            assertTrue(report.tensor(name).passed(), name + " should still pass\n" + report.format());
        }
        assertFalse(report.passed());
        assertTrue(report.summaryLine().startsWith("FAIL: " + failing.size() + " of "), report.summaryLine());
    }

    // ---- a missing 1/N ----

    @Test
    void missingOneOverNFailsTheLossGradientByAFactorOfN() {
        int batch = 4;
        GradientReport report = CHECKER.checkLoss(new MseWithoutMean(), MatrixFixtures.gaussian(batch, 3, 1),
                MatrixFixtures.gaussian(batch, 3, 2));
        assertFailsExactly(report, List.of("predictions"), List.of());
        TensorCheck predictions = report.tensor("predictions");
        assertEquals(predictions.checked(), predictions.failures().size(), "every element is N times too large");
        ElementCheck worst = predictions.worst();
        assertEquals(batch, worst.analytic() / worst.numeric(), 1e-6);
    }

    @Test
    void missingOneOverNInTheLossReachesEveryTensorBeforeIt() {
        int batch = 4;
        List<Layer> layers = List.of(linear(1, 3, 2, 3));
        GradientReport report = CHECKER.checkStack(layers, new MseWithoutMean(), MatrixFixtures.gaussian(batch, 3, 5),
                MatrixFixtures.gaussian(batch, 2, 6));
        assertFailsExactly(report, List.of("X", "W1", "b1"), List.of());
        for (TensorCheck t : report.tensors()) {
            assertEquals(batch, t.worst().analytic() / t.worst().numeric(), 1e-6, t.name());
        }
    }

    /** With a batch of one, N = 1 and the mistake is invisible: check with batches larger than 1. */
    @Test
    void missingOneOverNHidesInABatchOfOne() {
        GradientReport report = CHECKER.checkLoss(new MseWithoutMean(), MatrixFixtures.gaussian(1, 3, 7),
                MatrixFixtures.gaussian(1, 3, 8));
        assertTrue(report.passed(), report.format());
    }

    // ---- a transposed gradient ----

    @Test
    void aTransposedWeightGradientFailsThatWeightOnly() {
        List<Layer> layers = List.of(
                new LinearWithTransposedWeightGradient("W1", MatrixFixtures.gaussian(Precision.FLOAT64, 4, 4, 0.5, 9),
                        "b1", MatrixFixtures.gaussian(Precision.FLOAT64, 1, 4, 0.1, 10)),
                new Tanh(),
                linear(2, 4, 3, 11));
        GradientReport report = CHECKER.checkStack(layers, new SoftmaxCrossEntropy(), MatrixFixtures.gaussian(5, 4, 13),
                MatrixFixtures.oneHot(5, 3, 14));
        assertFailsExactly(report, List.of("W1"), List.of("X", "b1", "W2", "b2"));
        // A transpose leaves the diagonal in place: exactly the off-diagonal elements fail.
        TensorCheck w1 = report.tensor("W1");
        assertEquals(12, w1.failures().size(), report.format());
        assertTrue(w1.failures().stream().allMatch(e -> e.row() != e.col()));
        // and the report shows the swap: the worst element's analytic value is the numeric value of its mirror
        ElementCheck worst = w1.worst();
        assertEquals(w1.element(worst.col(), worst.row()).numeric(), worst.analytic(), 1e-9);
    }

    // ---- a dropped L2 term ----

    /**
     * A test-only backward pass that forgets the L2 term: the gradients of a twin network with the
     * same parameters and λ = 0, compared against the loss of the network with λ.
     */
    @Test
    void aDroppedL2TermFailsTheWeightsButNotTheBiasesOrTheInput() {
        double lambda = 0.1;
        NetworkSpec spec = new NetworkSpec(5, 4, 3, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(Activation.SIGMOID), lambda);
        NetworkGradientCheck check = NetworkGradientCheck.create(spec, 4, Precision.FLOAT64, 15);
        Network network = check.network();
        Network withoutL2 = Network.create(new NetworkSpec(5, 4, 3, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(Activation.SIGMOID), 0), Precision.FLOAT64, new Random(0));
        for (int p = 0; p < network.parameters().size(); p++) {
            withoutL2.parameters().get(p).value().copyFrom(network.parameters().get(p).value());
        }
        withoutL2.lossAndGradients(check.x(), check.targets(), true);

        ScalarFunction lossWithL2 = () -> network.loss(check.x(), check.targets());
        List<TensorCheck> tensors = new ArrayList<>();
        tensors.add(CHECKER.checkTensor("X", check.x(), withoutL2.inputGradient().copy(), lossWithL2, Coverage.SAMPLED));
        for (int p = 0; p < network.parameters().size(); p++) {
            Parameter parameter = network.parameters().get(p);
            tensors.add(CHECKER.checkTensor(parameter.name(), parameter.value(),
                    withoutL2.parameters().get(p).gradient().copy(), lossWithL2, Coverage.SAMPLED));
        }
        GradientReport report = new GradientReport("network without its L2 gradient", Precision.FLOAT64,
                Difference.CENTRAL, CHECKER.step(Difference.CENTRAL, Precision.FLOAT64), Tolerances.FLOAT64, tensors,
                List.of());

        assertFailsExactly(report, List.of("W1", "W2"), List.of("X", "b1", "b2"));
        // What is missing is λ·W, element by element.
        TensorCheck w2 = report.tensor("W2");
        ElementCheck worst = w2.worst();
        double w = network.parameter("W2").value().get(worst.row(), worst.col());
        assertEquals(lambda * w, worst.numeric() - worst.analytic(), 1e-8);
    }

    /** The control: the real Network, which keeps its L2 term, passes the same check. */
    @Test
    void theRealNetworkKeepsItsL2Term() {
        NetworkSpec spec = new NetworkSpec(5, 4, 3, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(Activation.SIGMOID), 0.1);
        GradientReport report = NetworkGradientCheck.create(spec, 4, Precision.FLOAT64, 15).run(CHECKER);
        assertTrue(report.passed(), report.format());
    }

    // ---- a sign error ----

    @Test
    void aSignErrorInTheHiddenActivationFailsEverythingBeforeItAndNothingAfter() {
        List<Layer> layers = List.of(linear(1, 5, 4, 16), new TanhWithSignError(), linear(2, 4, 3, 18), new Tanh());
        Matrix targets = MatrixFixtures.oneHot(6, 3, 20);
        MatrixOps.map(targets, y -> 2 * y - 1, targets); // ±1, as tanh + MSE is trained
        GradientReport report = CHECKER.checkStack(layers, new MeanSquaredError(), MatrixFixtures.gaussian(6, 5, 21), targets);
        assertFailsExactly(report, List.of("X", "W1", "b1"), List.of("W2", "b2"));
        // every compared element of b1 has the opposite sign
        for (ElementCheck e : report.tensor("b1").compared()) {
            assertEquals(-e.numeric(), e.analytic(), 1e-9 + 1e-6 * Math.abs(e.numeric()), e.toString());
        }
    }

    /** The same mistake is caught in float32 too, under the looser float32 tolerances. */
    @Test
    void aSignErrorIsCaughtInFloat32() {
        List<Layer> layers = List.of(
                new Linear("W1", MatrixFixtures.gaussian(Precision.FLOAT32, 5, 4, 0.5, 22), "b1",
                        MatrixFixtures.gaussian(Precision.FLOAT32, 1, 4, 0.1, 23)),
                new TanhWithSignError());
        GradientReport report = CHECKER.checkStack(layers, new MeanSquaredError(),
                MatrixFixtures.gaussian(Precision.FLOAT32, 6, 5, 1, 24), MatrixFixtures.gaussian(Precision.FLOAT32, 6, 4, 1, 25));
        assertFailsExactly(report, List.of("X", "W1", "b1"), List.of());
        assertEquals(Tolerances.FLOAT32, report.tolerances());
    }
}
