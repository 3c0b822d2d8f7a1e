package org.nnlab.serve;

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
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;

/** Small untrained models and made-up test sets, for tests of the server that need no real data. */
final class SmallModels {
    private SmallModels() {
    }

    /** A 784-H-10 ReLU/softmax network drawn from {@code seed}, with L2 strength λ. */
    static SavedModel random(int hidden, double l2, long seed) {
        NetworkSpec spec = new NetworkSpec(784, hidden, 10, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, l2);
        Network network = Network.create(spec, Precision.FLOAT32, new Random(seed));
        return new SavedModel(network, Task.TEN_CLASSES, Preprocessing.of(InputScaling.UNIT), 28, 28, null, Map.of());
    }

    /** {@code count} 28×28 images of random strokes (random levels in a random rectangle), labelled 0..9 in turn. */
    static LabeledImages images(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int top = random.nextInt(20);
            int left = random.nextInt(20);
            int bottom = top + 1 + random.nextInt(27 - top);
            int right = left + 1 + random.nextInt(27 - left);
            for (int r = top; r <= bottom; r++) {
                for (int c = left; c <= right; c++) {
                    pixels[i * 784 + r * 28 + c] = (byte) random.nextInt(256);
                }
            }
            labels[i] = (byte) (i % 10);
        }
        return new LabeledImages(count, 28, 28, pixels, labels);
    }

    static ServedModel served(int hidden, double l2, long seed) {
        return ServedModel.of(random(hidden, l2, seed), "a random " + hidden + "-unit model", images(100, seed), "made-up test set");
    }
}
