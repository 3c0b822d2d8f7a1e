package org.nnlab.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnlab.gradcheck.GradientChecker.Coverage;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;

/** Whole two-layer networks, float32-created and checked in float64 through the same layers. */
class NetworkGradientTest {

    private static final GradientChecker CHECKER = GradientChecker.standard();

    private static NetworkSpec spec(Activation activation, OutputLoss outputLoss, double l2) {
        return new NetworkSpec(7, 6, 4, activation, outputLoss, NetworkSpec.defaultInitialization(activation), l2);
    }

    static Stream<Arguments> everyActivationWithEveryOutputAndLoss() {
        return Stream.of(Activation.values())
                .flatMap(a -> Stream.of(OutputLoss.values()).map(o -> Arguments.of(a, o)));
    }

    /** The input and every parameter of each hidden activation × output/loss network, with L2. */
    @ParameterizedTest(name = "{0} hidden, {1}")
    @MethodSource("everyActivationWithEveryOutputAndLoss")
    void inputAndEveryParameterPass(Activation activation, OutputLoss outputLoss) {
        NetworkGradientCheck check = NetworkGradientCheck.create(spec(activation, outputLoss, 0.01), 5, Precision.FLOAT64, 3);
        assertEquals(Precision.FLOAT64, check.network().precision());
        GradientReport report = check.run(CHECKER);
        assertTrue(report.passed(), report.format());
        assertEquals(List.of("X", "W1", "b1", "W2", "b2"), report.tensors().stream().map(TensorCheck::name).toList());
        for (TensorCheck t : report.tensors()) {
            assertEquals(t.size(), t.checked(), t.name());
        }
        assertEquals(Tolerances.FLOAT64, report.tolerances());
        assertTrue(report.warnings().isEmpty());
    }

    /** Report 002's single neuron: no hidden layer, one sigmoid output. */
    @Test
    void aNetworkWithoutHiddenLayer() {
        NetworkSpec neuron = new NetworkSpec(6, 0, 1, Activation.RELU, OutputLoss.SIGMOID_BCE,
                NetworkSpec.defaultInitialization(Activation.RELU), 0.1);
        GradientReport report = NetworkGradientCheck.create(neuron, 5, Precision.FLOAT64, 4).run(CHECKER);
        assertTrue(report.passed(), report.format());
        assertEquals(List.of("X", "W1", "b1"), report.tensors().stream().map(TensorCheck::name).toList());
    }

    /** The penalty (λ/2)·Σ‖W‖² alone: its gradient λ·W, on weights only. */
    @Test
    void l2PenaltyGradient() {
        double lambda = 0.3;
        Network network = NetworkGradientCheck.create(spec(Activation.TANH, OutputLoss.SOFTMAX_MSE, lambda), 3,
                Precision.FLOAT64, 5).network();
        for (String name : List.of("W1", "W2")) {
            Matrix w = network.parameter(name).value();
            Matrix lambdaW = w.zerosLike(w.rows(), w.cols());
            MatrixOps.addScaled(lambda, w, lambdaW);
            TensorCheck check = CHECKER.checkTensor(name, w, lambdaW, network::regularizationLoss, Coverage.SAMPLED);
            assertTrue(check.passed() && check.maxRelativeError() <= 1e-7, name + ": " + check.maxRelativeError());
        }
        Matrix b1 = network.parameter("b1").value();
        TensorCheck bias = CHECKER.checkTensor("b1", b1, b1.zerosLike(b1.rows(), b1.cols()), network::regularizationLoss,
                Coverage.EVERY_ELEMENT);
        assertTrue(bias.passed(), "biases are not penalised");
    }

    /** A strong penalty, so that the L2 part of each weight gradient dominates the data part. */
    @Test
    void networkWithStrongL2() {
        GradientReport report = NetworkGradientCheck.create(spec(Activation.SIGMOID, OutputLoss.SIGMOID_MSE, 2.0), 5,
                Precision.FLOAT64, 6).run(CHECKER);
        assertTrue(report.passed(), report.format());
    }

    /** float32, as trained: passes the documented looser tolerances, and says it is only float32. */
    @Test
    void float32NetworkCheckWarns() {
        GradientReport report = NetworkGradientCheck.create(spec(Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY, 0.01), 5,
                Precision.FLOAT32, 7).run(CHECKER);
        assertEquals(Precision.FLOAT32, report.precision());
        assertEquals(Tolerances.FLOAT32, report.tolerances());
        assertTrue(report.passed(), report.format());
        assertEquals(1, report.warnings().size());
        assertTrue(report.warnings().get(0).contains("float32"), report.warnings().get(0));
        assertTrue(report.format().contains(report.warnings().get(0)));
    }

    @Test
    void theFloat64NetworkHasTheFloat32NetworksValues() {
        NetworkSpec spec = spec(Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, 0);
        Network single = NetworkGradientCheck.create(spec, 4, Precision.FLOAT32, 8).network();
        Network twin = NetworkGradientCheck.create(spec, 4, Precision.FLOAT64, 8).network();
        for (int p = 0; p < single.parameters().size(); p++) {
            Matrix a = single.parameters().get(p).value();
            Matrix b = twin.parameters().get(p).value();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.getFlat(i), b.getFlat(i), 0);
            }
        }
        assertTrue(single.parameter("b1").value().getFlat(0) != 0, "biases are drawn, not left at 0");
    }
}
