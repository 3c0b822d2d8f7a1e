package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Relu;
import org.nnlab.layers.Sigmoid;
import org.nnlab.layers.Softmax;
import org.nnlab.layers.Tanh;
import org.nnlab.losses.BinaryCrossEntropy;
import org.nnlab.losses.MeanSquaredError;
import org.nnlab.losses.SoftmaxCrossEntropy;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;

/**
 * For arbitrary shapes (batch 1..17, features 1..33) and seeds: every layer and loss passes the
 * float64 gradient check, and the identities the backward passes are derived from hold.
 */
class GradientCheckProperties {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    enum ActivationLayer {
        RELU(Relu::new), SIGMOID(Sigmoid::new), TANH(Tanh::new), SOFTMAX(Softmax::new);

        final Supplier<Layer> factory;

        ActivationLayer(Supplier<Layer> factory) {
            this.factory = factory;
        }
    }

    enum LossKind { MSE, BCE, SOFTMAX_CE }

    private static void assertPassed(GradientReport report) {
        assertTrue(report.passed(), report.format());
        for (TensorCheck t : report.tensors()) {
            assertEquals(t.size(), t.checked(), t.name());
        }
    }

    // ---- every layer and loss passes the check ----

    @Property(tries = 40)
    void linearPasses(@ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int inputs,
                      @ForAll @IntRange(min = 1, max = 33) int outputs, @ForAll long seed) {
        Linear linear = new Linear("W", MatrixFixtures.gaussian(inputs, outputs, seed), "b",
                MatrixFixtures.gaussian(1, outputs, seed + 1));
        assertPassed(CHECKER.withSeed(seed).checkLayer(linear, MatrixFixtures.gaussian(batch, inputs, seed + 2)));
    }

    @Property(tries = 50)
    void everyActivationLayerPasses(@ForAll ActivationLayer kind, @ForAll @IntRange(min = 1, max = 17) int batch,
                                    @ForAll @IntRange(min = 1, max = 33) int features, @ForAll long seed) {
        Matrix z = MatrixFixtures.gaussian(Precision.FLOAT64, batch, features, 2, seed);
        GradientReport report = CHECKER.withSeed(seed).checkLayer(kind.factory.get(), z);
        assertPassed(report);
        // ReLU's kinks are excluded, but only where an input really is within h of 0.
        double h = CHECKER.step(Difference.FIVE_POINT, Precision.FLOAT64);
        for (ElementCheck e : report.tensor("X").elements()) {
            if (e.verdict() == ElementCheck.Verdict.KINK) {
                assertTrue(kind == ActivationLayer.RELU && Math.abs(z.get(e.row(), e.col())) < h, e.toString());
            }
        }
    }

    @Property(tries = 50)
    void everyLossPasses(@ForAll LossKind kind, @ForAll @IntRange(min = 1, max = 17) int batch,
                         @ForAll @IntRange(min = 1, max = 33) int features, @ForAll long seed) {
        GradientReport report = switch (kind) {
            case MSE -> CHECKER.checkLoss(new MeanSquaredError(), MatrixFixtures.gaussian(batch, features, seed),
                    MatrixFixtures.gaussian(batch, features, seed + 1));
            case BCE -> CHECKER.checkLoss(new BinaryCrossEntropy(), MatrixFixtures.uniform(batch, features, 0.02, 0.98, seed),
                    MatrixFixtures.zerosAndOnes(batch, features, seed + 1));
            case SOFTMAX_CE -> CHECKER.checkLoss(new SoftmaxCrossEntropy(),
                    MatrixFixtures.gaussian(Precision.FLOAT64, batch, features, 3, seed), MatrixFixtures.oneHot(batch, features, seed + 1));
        };
        assertPassed(report);
        assertEquals(0, report.kinks(), report.format());
    }

    // ---- invariants ----

    @Property(tries = 40)
    void softmaxRowsSumToOneAndIgnoreAConstantAddedToARow(
            @ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int features,
            @ForAll long seed, @ForAll @DoubleRange(min = -100, max = 100) double shift) {
        Matrix z = MatrixFixtures.gaussian(Precision.FLOAT64, batch, features, 5, seed);
        Matrix p = new Softmax().forward(z).copy();
        Matrix shifted = z.copy();
        MatrixOps.map(shifted, v -> v + shift, shifted);
        Matrix q = new Softmax().forward(shifted);
        for (int n = 0; n < batch; n++) {
            double sum = 0;
            for (int j = 0; j < features; j++) {
                sum += p.get(n, j);
                assertEquals(p.get(n, j), q.get(n, j), 1e-12, "softmax(z + c) = softmax(z)");
            }
            assertEquals(1, sum, 1e-12);
        }
    }

    @Property(tries = 40)
    void crossEntropyIsNonNegativeAndMinusLogOfTheTrueClass(
            @ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int classes,
            @ForAll long seed) {
        Matrix scores = MatrixFixtures.gaussian(Precision.FLOAT64, batch, classes, 3, seed);
        Matrix targets = MatrixFixtures.oneHot(batch, classes, seed + 1);
        double loss = new SoftmaxCrossEntropy().forward(scores, targets);
        Matrix p = new Softmax().forward(scores);
        double meanMinusLog = 0;
        for (int n = 0; n < batch; n++) {
            for (int j = 0; j < classes; j++) {
                if (targets.get(n, j) == 1) {
                    meanMinusLog -= Math.log(p.get(n, j)) / batch;
                }
            }
        }
        assertTrue(loss >= 0, "loss " + loss);
        assertEquals(meanMinusLog, loss, 1e-12 * Math.max(1, meanMinusLog));
    }

    @Property(tries = 40)
    void mseIsZeroExactlyWhenPredictionEqualsTarget(
            @ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int features,
            @ForAll long seed, @ForAll @DoubleRange(min = 1e-6, max = 10) @Scale(8) double change) {
        Matrix targets = MatrixFixtures.gaussian(batch, features, seed);
        MeanSquaredError mse = new MeanSquaredError();
        assertEquals(0.0, mse.forward(targets.copy(), targets), 0);
        Matrix predictions = targets.copy();
        int i = new Random(seed).nextInt(predictions.size());
        predictions.setFlat(i, predictions.getFlat(i) + change);
        assertTrue(mse.forward(predictions, targets) > 0, "one element off by " + change);
    }

    @Property(tries = 40)
    void reluPassesTheGradientWhereItsInputIsPositiveAndNothingWhereNegative(
            @ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int features,
            @ForAll long seed) {
        Matrix z = MatrixFixtures.gaussian(batch, features, seed);
        Matrix dout = MatrixFixtures.gaussian(batch, features, seed + 1);
        Relu relu = new Relu();
        relu.forward(z);
        Matrix dz = relu.backward(dout);
        for (int i = 0; i < z.size(); i++) {
            if (z.getFlat(i) < 0) {
                assertEquals(0.0, dz.getFlat(i), 0);
            } else if (z.getFlat(i) > 0) {
                assertEquals(dout.getFlat(i), dz.getFlat(i), 0);
            }
        }
    }

    /** σ'(x) = σ(x)(1 − σ(x)): the layer's backward says so, and so do central differences of σ. */
    @Property(tries = 40)
    void sigmoidDerivativeIsSTimesOneMinusS(
            @ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int features,
            @ForAll long seed) {
        Matrix z = MatrixFixtures.gaussian(Precision.FLOAT64, batch, features, 4, seed);
        Sigmoid sigmoid = new Sigmoid();
        Matrix s = sigmoid.forward(z).copy();
        Matrix ones = z.zerosLike(batch, features);
        ones.fill(1);
        Matrix backward = sigmoid.backward(ones);
        for (int i = 0; i < z.size(); i++) {
            double expected = s.getFlat(i) * (1 - s.getFlat(i));
            assertEquals(1 / (1 + Math.exp(-z.getFlat(i))), s.getFlat(i), 1e-15);
            assertEquals(expected, backward.getFlat(i), 1e-16);
            assertEquals(expected, numericalDerivative(new Sigmoid(), z.getFlat(i)), 1e-9);
        }
    }

    /** tanh'(x) = 1 − tanh²(x): the layer's backward says so, and so do central differences of tanh. */
    @Property(tries = 40)
    void tanhDerivativeIsOneMinusTSquared(
            @ForAll @IntRange(min = 1, max = 17) int batch, @ForAll @IntRange(min = 1, max = 33) int features,
            @ForAll long seed) {
        Matrix z = MatrixFixtures.gaussian(Precision.FLOAT64, batch, features, 2, seed);
        Tanh tanh = new Tanh();
        Matrix t = tanh.forward(z).copy();
        Matrix ones = z.zerosLike(batch, features);
        ones.fill(1);
        Matrix backward = tanh.backward(ones);
        for (int i = 0; i < z.size(); i++) {
            double expected = 1 - t.getFlat(i) * t.getFlat(i);
            assertEquals(expected, backward.getFlat(i), 1e-16);
            assertEquals(expected, numericalDerivative(new Tanh(), z.getFlat(i)), 1e-9);
        }
    }

    /**
     * The derivative of an element-wise layer at z by central differences of the layer on a 1×1
     * input. (One element at a time: differentiating a sum over the whole batch would add the
     * round-off of that large sum, ε·|Σ|/h, to every derivative.)
     */
    private static double numericalDerivative(Layer layer, double z) {
        Matrix point = Matrix.of(Precision.FLOAT64, new double[] {z});
        return CHECKER.numericalGradient(point, () -> layer.forward(point).get(0, 0)).get(0, 0);
    }
}
