package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;

class DiagnosticsTest {
    private final Examples data = SyntheticProblems.blobs(300, 6, 3, 11);
    private final Examples.Split split = data.split(60, 12);

    /** Records what the trainer reports, and the weights itself, to check the probe against. */
    private static final class Recorder implements TrainingListener {
        final Network network;
        final List<EpochDiagnostics> diagnosed = new ArrayList<>();
        final List<Double> untrained = new ArrayList<>();
        final List<Double> expectedRatios = new ArrayList<>();
        final List<Double> stepNorms = new ArrayList<>();
        final List<Double> rateTimesGradient = new ArrayList<>();
        private final double rate;
        private List<Matrix> before = List.of();

        Recorder(Network network, double rate) {
            this.network = network;
            this.rate = rate;
        }

        @Override
        public boolean wantsDiagnostics() {
            return true;
        }

        @Override
        public void batchFinished(int epoch, int done, int total) {
            List<Parameter> weights = network.parameters().stream().filter(Parameter::decays).toList();
            if (done == total - 1) {
                before = weights.stream().map(w -> w.value().copy()).toList();
            } else if (done == total) {
                for (int i = 0; i < weights.size(); i++) {
                    Matrix change = weights.get(i).value().copy();
                    MatrixOps.addScaled(-1, before.get(i), change);
                    expectedRatios.add(norm(change) / norm(before.get(i)));
                    stepNorms.add(norm(change));
                    rateTimesGradient.add(rate * norm(weights.get(i).gradient()));
                }
            }
        }

        @Override
        public void untrainedLoss(double validationLoss) {
            untrained.add(validationLoss);
        }

        @Override
        public void diagnosed(EpochDiagnostics diagnostics) {
            diagnosed.add(diagnostics);
        }
    }

    private static double norm(Matrix m) {
        return Math.sqrt(MatrixOps.dot(m, m));
    }

    private static NetworkSpec spec(Activation activation, Initialization init) {
        return new NetworkSpec(6, 10, 3, activation, OutputLoss.SOFTMAX_CROSS_ENTROPY, init, 0);
    }

    @Test
    void theUpdateRatioIsTheLastMinibatchsChangeOverTheWeightsAndSgdMovesByRateTimesGradient() {
        TrainingConfig config = TrainingConfig.sgd(3, 32, 0.1, 1.0, 5);
        Network network = Network.create(spec(Activation.RELU, Initialization.HE), Precision.FLOAT32, new Random(5));
        Recorder recorder = new Recorder(network, 0.1);
        new Trainer(config).train(network, split.train(), split.validation(), recorder);

        assertEquals(3, recorder.diagnosed.size());
        for (int e = 0; e < 3; e++) {
            List<EpochDiagnostics.WeightChange> weights = recorder.diagnosed.get(e).weights();
            assertEquals(List.of("W1", "W2"), weights.stream().map(EpochDiagnostics.WeightChange::name).toList());
            for (int w = 0; w < 2; w++) {
                int i = 2 * e + w;
                assertEquals(recorder.expectedRatios.get(i), weights.get(w).updateToWeight(), 1e-12);
                assertTrue(weights.get(w).updateToWeight() > 0);
                // Plain SGD without L2: ‖ΔW‖ = η‖dW‖, up to float32 rounding of the weights.
                assertEquals(recorder.rateTimesGradient.get(i), recorder.stepNorms.get(i), 1e-5 * recorder.stepNorms.get(i) + 1e-7);
                assertEquals(recorder.rateTimesGradient.get(i) / 0.1, weights.get(w).gradientNorm(), 1e-12);
            }
        }
    }

    @Test
    void diagnosticsChangeNothingInTheRun() {
        TrainingConfig config = TrainingConfig.sgd(3, 32, 0.1, 0.9, 7);
        NetworkSpec spec = spec(Activation.RELU, Initialization.HE);
        Network quiet = Network.create(spec, Precision.FLOAT32, new Random(7));
        Network probed = Network.create(spec, Precision.FLOAT32, new Random(7));
        List<EpochResult> without = new Trainer(config).train(quiet, split.train(), split.validation(), TrainingListener.SILENT).epochs();
        List<EpochResult> with = new Trainer(config).train(probed, split.train(), split.validation(), new Recorder(probed, 0.1)).epochs();
        for (int e = 0; e < without.size(); e++) {
            assertEquals(without.get(e).trainLoss(), with.get(e).trainLoss(), 0);
            assertEquals(without.get(e).validationLoss(), with.get(e).validationLoss(), 0);
        }
        for (int p = 0; p < quiet.parameters().size(); p++) {
            Matrix a = quiet.parameters().get(p).value();
            Matrix b = probed.parameters().get(p).value();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.getFlat(i), b.getFlat(i), 0);
            }
        }
    }

    @Test
    void aUnitWhoseBiasKeepsItNegativeIsCountedDeadAndOnlyReluLayersCount() {
        TrainingConfig config = TrainingConfig.sgd(1, 32, 0.1, 1.0, 3);
        Network network = Network.create(spec(Activation.RELU, Initialization.HE), Precision.FLOAT32, new Random(3));
        network.parameter("b1").value().set(0, 4, -1e6);
        Recorder recorder = new Recorder(network, 0.1);
        new Trainer(config).train(network, split.train(), split.validation(), recorder);
        EpochDiagnostics d = recorder.diagnosed.get(0);
        assertEquals(10, d.hiddenUnits());
        assertTrue(d.deadUnits() >= 1 && d.deadUnits() < 10, "unit 5 at least is dead: " + d.deadUnits());

        Network tanh = Network.create(spec(Activation.TANH, Initialization.XAVIER), Precision.FLOAT32, new Random(3));
        Recorder tanhRecorder = new Recorder(tanh, 0.1);
        new Trainer(config).train(tanh, split.train(), split.validation(), tanhRecorder);
        assertEquals(-1, tanhRecorder.diagnosed.get(0).deadUnits());
    }

    @Test
    void anUntrainedNetworkWithTinyWeightsScoresLnCBeforeTheFirstEpoch() {
        TrainingConfig config = TrainingConfig.sgd(1, 32, 0.1, 1.0, 3);
        Network network = Network.create(spec(Activation.RELU, Initialization.gaussian(1e-4)), Precision.FLOAT32, new Random(3));
        Recorder recorder = new Recorder(network, 0.1);
        new Trainer(config).train(network, split.train(), split.validation(), recorder);
        assertEquals(1, recorder.untrained.size());
        assertEquals(Math.log(3), recorder.untrained.get(0), 1e-4);
    }
}
