package org.nnlab.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.Task;

/**
 * The predicted class and its confidence for each kind of output, on networks without a hidden
 * layer whose outputs are set by their biases (W1 = 0), or by the one input (W1 = 1, bias 0).
 */
class PredictionsTest {

    private static Network network(int inputs, int outputs, OutputLoss head, double... biases) {
        NetworkSpec spec = new NetworkSpec(inputs, 0, outputs, Activation.RELU, head, Initialization.XAVIER, 0);
        Network network = Network.create(spec, Precision.FLOAT64, new Random(1));
        network.parameter("W1").value().copyFrom(Matrix.zeros(Precision.FLOAT64, inputs, outputs));
        for (int c = 0; c < outputs; c++) {
            network.parameter("b1").value().set(0, c, biases[c]);
        }
        return network;
    }

    private static Examples examples(Matrix inputs, int classes) {
        return new Examples(inputs, new int[inputs.rows()], classes);
    }

    @Test
    void aSoftmaxOfRawScoresGivesTheProbabilityOfTheClassPredicted() {
        // Scores ln 1, ln 2, ln 5: probabilities 1/8, 2/8, 5/8.
        Network network = network(2, 3, OutputLoss.SOFTMAX_CROSS_ENTROPY, 0, Math.log(2), Math.log(5));
        Predictions p = Predictions.of(network, examples(Matrix.zeros(Precision.FLOAT64, 2, 2), 3));
        assertArrayEquals(new int[] {2, 2}, p.classes());
        assertEquals(5.0 / 8, p.confidences()[0], 1e-12);
    }

    @Test
    void independentSigmoidsGiveTheOutputOfTheClassPredictedAsItIs() {
        Network network = network(2, 3, OutputLoss.SIGMOID_MSE, 0, 1, -1);
        Predictions p = Predictions.of(network, examples(Matrix.zeros(Precision.FLOAT64, 1, 2), 3));
        assertEquals(1, p.classes()[0]);
        assertEquals(1 / (1 + Math.exp(-1)), p.confidences()[0], 1e-12);
    }

    @Test
    void aTanhOutputIsMappedFromMinusOneToOneOntoZeroToOne() {
        Network network = network(2, 3, OutputLoss.TANH_MSE, 0, atanh(0.6), atanh(-0.2));
        Predictions p = Predictions.of(network, examples(Matrix.zeros(Precision.FLOAT64, 1, 2), 3));
        assertEquals(1, p.classes()[0]);
        assertEquals((0.6 + 1) / 2, p.confidences()[0], 1e-12);
    }

    @Test
    void aYesNoOutputIsTheProbabilityOfYesOrOneMinusItForNo() {
        // One input x, W1 = 1, bias 0: the output is σ(x). 2,500 examples: more than one chunk.
        Network network = network(1, 1, OutputLoss.SIGMOID_BCE, 0);
        network.parameter("W1").value().set(0, 0, 1);
        int n = 2500;
        Matrix x = Matrix.zeros(Precision.FLOAT64, n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, (i - 1250.5) / 200);
        }
        Predictions p = Predictions.of(network, examples(x, 2));
        for (int i = 0; i < n; i++) {
            double yes = 1 / (1 + Math.exp(-x.get(i, 0)));
            assertEquals(yes >= 0.5 ? 1 : 0, p.classes()[i], "example " + i);
            assertEquals(Math.max(yes, 1 - yes), p.confidences()[i], 1e-12, "example " + i);
            assertTrue(p.confidences()[i] >= 0.5, "a yes/no prediction is at least a coin toss sure");
        }
    }

    @Test
    void theCaptionSaysWhatTheConfidenceIs() {
        NetworkSpec softmax = new NetworkSpec(4, 0, 10, Activation.RELU, OutputLoss.SOFTMAX_MSE, Initialization.XAVIER, 0);
        NetworkSpec tanh = new NetworkSpec(4, 0, 10, Activation.RELU, OutputLoss.TANH_MSE, Initialization.XAVIER, 0);
        NetworkSpec yesNo = new NetworkSpec(4, 0, 1, Activation.RELU, OutputLoss.SIGMOID_BCE, Initialization.XAVIER, 0);
        assertTrue(Predictions.describeConfidence(softmax, Task.TEN_CLASSES).contains("softmax probability"));
        assertEquals("Confidence: the predicted class's tanh output mapped to [0, 1] as (a + 1)/2; the outputs are"
                + " independent scores, not probabilities summing to 1.", Predictions.describeConfidence(tanh, Task.TEN_CLASSES));
        assertEquals("Confidence: the single output read as the probability that the image is a 5, or 1 minus it for rest.",
                Predictions.describeConfidence(yesNo, Task.digitVersusRest(5)));
    }

    private static double atanh(double y) {
        return 0.5 * Math.log((1 + y) / (1 - y));
    }
}
