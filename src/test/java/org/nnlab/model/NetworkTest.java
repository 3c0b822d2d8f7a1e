package org.nnlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;

class NetworkTest {

    private static Network network(double l2, Precision precision) {
        NetworkSpec spec = new NetworkSpec(5, 4, 3, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.XAVIER, l2);
        return Network.create(spec, precision, new Random(1));
    }

    /**
     * lossAndGradientsAboveHidden turns W2's weight and input gradients off for one backward pass
     * (the caller computes them): the next full pass must compute them again, as a fresh network's.
     */
    @Test
    void theLayersAboveHiddenLeaveTheNextFullPassWhole() {
        NetworkSpec spec = new NetworkSpec(5, 4, 3, Activation.RELU, OutputLoss.SIGMOID_MSE, Initialization.HE, 0);
        Network used = Network.create(spec, Precision.FLOAT32, new Random(1));
        Network fresh = Network.create(spec, Precision.FLOAT32, new Random(1));
        Matrix x = Matrix.zeros(Precision.FLOAT32, 2, 5);
        x.fill(0.5f);
        Matrix y = Matrix.of(Precision.FLOAT32, new double[] {1, 0, 0}, new double[] {0, 0, 1});
        Matrix hidden = Matrix.zeros(Precision.FLOAT32, 2, 4);
        hidden.fill(0.25f);
        used.lossAndGradientsAboveHidden(hidden, y);
        assertEquals(2, used.outputLayerGradient().rows());
        assertEquals(fresh.lossAndGradients(x, y, true), used.lossAndGradients(x, y, true));
        for (String name : List.of("W1", "b1", "W2", "b2")) {
            assertArrayEquals(fresh.parameter(name).gradient().floats(), used.parameter(name).gradient().floats(), "d" + name);
        }
        assertArrayEquals(fresh.inputGradient().floats(), used.inputGradient().floats(), "dX");
    }

    @Test
    void theLayersAboveHiddenRefuseOtherNetworks() {
        Network sigmoidHidden = network(0, Precision.FLOAT32);
        Matrix hidden = Matrix.zeros(Precision.FLOAT32, 1, 4);
        Matrix y = Matrix.zeros(Precision.FLOAT32, 1, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sigmoidHidden.lossAndGradientsAboveHidden(hidden, y));
        assertTrue(e.getMessage().startsWith("lossAndGradientsAboveHidden needs Linear, ReLU, Linear; this network is Linear 5→4, "),
                e.getMessage());
        assertThrows(IllegalStateException.class, sigmoidHidden::secondWeights);
        IllegalStateException early = assertThrows(IllegalStateException.class, network(0, Precision.FLOAT32)::outputLayerGradient);
        assertEquals("no output layer gradient yet: call lossAndGradientsAboveHidden first", early.getMessage());
    }

    @Test
    void parametersAreNamedLikeTheMath() {
        List<String> names = network(0, Precision.FLOAT32).parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("W1", "b1", "W2", "b2"), names);
    }

    @Test
    void l2AddsHalfLambdaTimesSquaredWeightsButNotBiases() {
        Network plain = network(0, Precision.FLOAT64);
        Network decayed = network(0.1, Precision.FLOAT64);
        plain.parameter("b1").value().fill(3); // biases must not count
        decayed.parameter("b1").value().fill(3);
        Matrix x = Matrix.zeros(Precision.FLOAT64, 2, 5);
        x.fill(0.5);
        Matrix y = Matrix.of(Precision.FLOAT64, new double[] {1, 0, 0}, new double[] {0, 0, 1});
        double squares = MatrixOps.dot(plain.parameter("W1").value(), plain.parameter("W1").value())
                + MatrixOps.dot(plain.parameter("W2").value(), plain.parameter("W2").value());
        assertEquals(plain.loss(x, y) + 0.05 * squares, decayed.loss(x, y), 1e-12);

        plain.lossAndGradients(x, y);
        decayed.lossAndGradients(x, y);
        Matrix w2 = plain.parameter("W2").value();
        Matrix expected = plain.parameter("W2").gradient().copy();
        MatrixOps.addScaled(0.1, w2, expected);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.getFlat(i), decayed.parameter("W2").gradient().getFlat(i), 1e-12);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(plain.parameter("b1").gradient().getFlat(i), decayed.parameter("b1").gradient().getFlat(i), 1e-15);
        }
    }

    /**
     * Network.forward runs a Linear layer followed by a ReLU as one fused bias-and-ReLU pass. The
     * outputs and every gradient (which depend on what the layers kept for backward) must be the
     * very bits that the layers give when each runs its own forward, one after another. The
     * biases are not zero, or a fused pass that skipped them would go unnoticed.
     */
    @Test
    void theFusedBiasAndReluGiveTheBitsOfTheLayersOneByOne() {
        for (Precision precision : Precision.values()) {
            NetworkSpec spec = new NetworkSpec(37, 45, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                    Initialization.HE.withBiasesLikeWeights(true), 0);
            Network network = Network.create(spec, precision, new Random(7));
            Matrix x = Matrix.zeros(precision, 9, 37);
            Matrix y = Matrix.zeros(precision, 9, 10);
            Random random = new Random(8);
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, random.nextGaussian());
            }
            for (int r = 0; r < 9; r++) {
                y.set(r, random.nextInt(10), 1);
            }
            network.lossAndGradients(x, y); // the fused path
            Matrix fusedOutputs = network.forward(x).copy();
            List<Matrix> fusedGradients = network.parameters().stream().map(p -> p.gradient().copy()).toList();

            Matrix activations = x;
            for (org.nnlab.layers.Layer layer : network.layers()) {
                activations = layer.forward(activations);
            }
            assertBitsEqual(activations, fusedOutputs, precision + " outputs");
            network.lossFunction().forward(activations, y);
            Matrix gradient = network.lossFunction().backward();
            for (int i = network.layers().size() - 1; i >= 0; i--) {
                gradient = network.layers().get(i).backward(gradient);
            }
            for (int p = 0; p < fusedGradients.size(); p++) {
                Parameter parameter = network.parameters().get(p);
                assertBitsEqual(parameter.gradient(), fusedGradients.get(p), precision + " d" + parameter.name());
            }
            assertNotEquals(0.0, MatrixOps.dot(network.parameter("b1").value(), network.parameter("b1").value()));
        }
    }

    /**
     * Training skips the first layer's dX: the parameters' gradients must be the same bits with and
     * without it, and dL/dX must be there only when asked for (a gradient check of X needs it).
     */
    @Test
    void parameterGradientsDoNotDependOnWhetherDxIsComputed() {
        Network network = network(0.01, Precision.FLOAT64);
        Matrix x = Matrix.of(Precision.FLOAT64, new double[] {0.5, -1, 2, 0, 0.25}, new double[] {1, 1, -0.5, 3, -2});
        Matrix y = Matrix.of(Precision.FLOAT64, new double[] {0, 1, 0}, new double[] {0, 0, 1});

        network.lossAndGradients(x, y, true);
        List<Matrix> withDx = network.parameters().stream().map(p -> p.gradient().copy()).toList();
        Matrix dx = network.inputGradient().copy();
        network.lossAndGradients(x, y);

        for (int p = 0; p < withDx.size(); p++) {
            assertBitsEqual(withDx.get(p), network.parameters().get(p).gradient(), "d" + network.parameters().get(p).name());
        }
        assertEquals(2, dx.rows());
        assertEquals(5, dx.cols());
        assertNotEquals(0.0, MatrixOps.dot(dx, dx), "dL/dX of a network with non-zero weights is not zero");
        IllegalStateException notComputed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                network::inputGradient);
        assertEquals(true, notComputed.getMessage().contains("lossAndGradients(x, targets, true)"));
    }

    private static void assertBitsEqual(Matrix expected, Matrix actual, String what) {
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToLongBits(expected.getFlat(i)), Double.doubleToLongBits(actual.getFlat(i)),
                    what + " element " + i);
        }
    }

    @Test
    void withPrecisionCopiesTheParameters() {
        Network single = network(0, Precision.FLOAT32);
        Network twin = single.withPrecision(Precision.FLOAT64);
        assertEquals(Precision.FLOAT64, twin.parameter("W1").value().precision());
        for (int p = 0; p < 4; p++) {
            Matrix a = single.parameters().get(p).value();
            Matrix b = twin.parameters().get(p).value();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.getFlat(i), b.getFlat(i), 0);
            }
        }
        assertNotEquals(0, twin.parameter("W1").value().getFlat(0));
    }

    @Test
    void withoutAHiddenLayerTheNetworkIsOneLinearLayer() {
        NetworkSpec spec = new NetworkSpec(4, 0, 1, Activation.RELU, OutputLoss.SIGMOID_BCE, Initialization.XAVIER, 0);
        Network neuron = Network.create(spec, Precision.FLOAT32, new Random(2));
        assertEquals(List.of("W1", "b1"), neuron.parameters().stream().map(Parameter::name).toList());
        assertEquals("4-1 sigmoid-bce", spec.describe());
    }
}
