package org.nnlab.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnlab.data.LabeledImages;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;

/**
 * The numbers the page shows, against the equations they claim to be: the forward pass equals the
 * network's own, and each gradient of the backprop view is what (4.9)–(4.15) say it is.
 */
class PassesTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void theForwardPassLayerByLayerEqualsTheNetworksForwardBitForBit() {
        ServedModel model = SmallModels.served(48, 0, 3);
        Network network = model.weights().withPrecision(model.weights().precision());
        for (int i = 0; i < 20; i++) {
            Matrix x = model.input(model.testImage(i));
            ForwardPass pass = model.forward(model.testImage(i));
            Matrix scores = network.forward(x).copy();
            Matrix probabilities = scores.copy();
            MatrixOps.rowSoftmax(scores, probabilities);
            assertArrayEquals(scores.floats(), pass.z2().floats(), "Z2 of image " + i);
            assertArrayEquals(probabilities.floats(), pass.outputs().floats(), "P of image " + i);
            assertEquals(network.predictedClass(0), pass.predicted());
        }
    }

    @Test
    void everyGradientOfTheBackpropViewIsWhatItsEquationSays() {
        for (double l2 : new double[] {0, 0.01}) {
            ServedModel model = SmallModels.served(40, l2, 5);
            Network weights = model.weights();
            Matrix w1 = weights.parameter("W1").value();
            Matrix w2 = weights.parameter("W2").value();
            LabeledImages images = model.testImages();
            for (int i = 0; i < 10; i++) {
                int label = images.label(i);
                BackwardPass pass = model.backward(model.testImage(i), label);
                Matrix x = model.input(model.testImage(i));
                ForwardPass f = pass.forward();
                int hidden = w1.cols();
                for (int c = 0; c < 10; c++) {
                    double y = c == label ? 1 : 0;
                    assertEquals(f.outputs().get(0, c) - y, pass.dZ2().get(0, c), TOLERANCE, "(4.9) dZ2 = P − Y");
                    assertEquals(pass.dZ2().get(0, c), pass.db2().get(0, c), TOLERANCE, "(4.11) db2 = dZ2");
                    for (int j = 0; j < hidden; j++) {
                        assertEquals(f.a1().get(0, j) * pass.dZ2().get(0, c) + l2 * w2.get(j, c), pass.dW2().get(j, c), TOLERANCE,
                                "(4.10) dW2 = A1ᵀ·dZ2 + λW2");
                    }
                }
                for (int j = 0; j < hidden; j++) {
                    double dA1 = 0;
                    for (int c = 0; c < 10; c++) {
                        dA1 += pass.dZ2().get(0, c) * w2.get(j, c);
                    }
                    assertEquals(dA1, pass.dA1().get(0, j), TOLERANCE, "(4.12) dA1 = dZ2·W2ᵀ");
                    double relu = f.z1().get(0, j) > 0 ? 1 : 0;
                    assertEquals(pass.dA1().get(0, j) * relu, pass.dZ1().get(0, j), TOLERANCE, "(4.13) dZ1 = dA1 ⊙ relu'(Z1)");
                    assertEquals(pass.dZ1().get(0, j), pass.db1().get(0, j), TOLERANCE, "(4.15) db1 = dZ1");
                    for (int p = 0; p < 784; p += 13) {
                        assertEquals(x.get(0, p) * pass.dZ1().get(0, j) + l2 * w1.get(p, j), pass.dW1().get(p, j), TOLERANCE,
                                "(4.14) dW1 = Xᵀ·dZ1 + λW1");
                    }
                }
                double expectedLoss = -Math.log(f.outputs().get(0, label)) + l2 / 2 * (MatrixOps.dot(w1, w1) + MatrixOps.dot(w2, w2));
                assertEquals(expectedLoss, pass.loss(), 1e-4 * expectedLoss, "L = −log P_y + (λ/2)(‖W1‖² + ‖W2‖²)");
            }
        }
    }

    @Test
    void anSgdStepMovesEveryParameterAgainstItsGradientAndLeavesTheServedModelAsItWas() {
        ServedModel model = SmallModels.served(32, 0, 9);
        byte[] image = model.testImage(4);
        ForwardPass before = model.forward(image);
        BackwardPass gradients = model.backward(image, 2);
        SgdStep step = model.step(image, 2, 0.5);

        // The step by hand: θ − η·dθ for every parameter, then forward.
        Network stepped = model.weights().withPrecision(model.weights().precision());
        MatrixOps.addScaled(-0.5, gradients.dW1(), stepped.parameter("W1").value());
        MatrixOps.addScaled(-0.5, gradients.db1(), stepped.parameter("b1").value());
        MatrixOps.addScaled(-0.5, gradients.dW2(), stepped.parameter("W2").value());
        MatrixOps.addScaled(-0.5, gradients.db2(), stepped.parameter("b2").value());
        Matrix after = ForwardPass.of(stepped, model.input(image)).outputs();
        assertArrayEquals(after.floats(), step.after().outputs().floats());
        assertArrayEquals(before.outputs().floats(), step.before().outputs().floats());
        assertTrue(step.after().outputs().get(0, 2) > step.before().outputs().get(0, 2), "the label's probability rose");
        assertTrue(step.after().loss() < step.before().loss(), "the loss fell");
        for (int copy = 0; copy < 2 * ServedModel.COPIES; copy++) {
            assertArrayEquals(before.outputs().floats(), model.forward(image).outputs().floats(), "after the step, every copy is as before");
        }
    }
}
