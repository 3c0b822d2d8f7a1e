package org.nnlab.images;

import java.util.Map;
import java.util.Random;
import org.nnlab.data.LabeledImages;
import org.nnlab.persistence.SavedModel;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.testing.Requirements;
import org.nnlab.training.Trainer;
import org.nnlab.training.TrainingConfig;
import org.nnlab.training.TrainingListener;

/**
 * Test images of the real MNIST one by one, and a small network trained on it once per test JVM.
 * The files come from {@link Requirements#mnist}: without them a test is skipped on a developer's
 * machine, but fails under CI ({@code CI=true}).
 */
public final class MnistFixture {
    private static Network trained;

    private MnistFixture() {
    }

    /** The test image {@code index} alone. */
    public static byte[] testImage(int index) {
        LabeledImages test = Requirements.mnist().test();
        byte[] pixels = new byte[test.pixelsPerImage()];
        System.arraycopy(test.pixels(), index * pixels.length, pixels, 0, pixels.length);
        return pixels;
    }

    /** 784-128-10 ReLU/softmax, two epochs of SGD on the first 50,000 training images (about 97% on the test set). */
    public static synchronized Network trainedNetwork() {
        if (trained == null) {
            NetworkSpec spec = new NetworkSpec(784, 128, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, Initialization.HE, 0);
            Network network = Network.create(spec, Precision.FLOAT32, new Random(1));
            Examples train = Examples.from(Requirements.mnist().train().subset(range(0, 50_000)), InputScaling.UNIT);
            Examples validation = Examples.from(Requirements.mnist().train().subset(range(50_000, 51_000)), InputScaling.UNIT);
            new Trainer(TrainingConfig.sgd(2, 64, 0.5, 0.9, 1)).train(network, train, validation, TrainingListener.SILENT);
            trained = network;
        }
        return trained;
    }

    /** The trained network as a model file would hold it: ten digits, unit-scaled 28×28 inputs. */
    public static SavedModel trainedModel() {
        return new SavedModel(trainedNetwork(), Task.TEN_CLASSES, Preprocessing.of(InputScaling.UNIT), 28, 28, null, Map.of());
    }

    private static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return indices;
    }
}
