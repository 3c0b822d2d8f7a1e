package org.nnlab.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.nnlab.data.LabeledImages;
import org.nnlab.layers.Activation;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.preprocessing.Task;
import org.nnlab.testing.ChildProcess;
import org.nnlab.testing.Requirements;

/**
 * docs/examples/npz_accuracy.py, the book's numpy-only scorer of a saved model, counts the same
 * correct test images as nnlab does, for each hidden activation and input scaling. Needs python3
 * with numpy ({@link Requirements#numpy}: skipped where it is missing, failed under CI).
 */
class NpzAccuracyScriptTest {
    private static final Path SCRIPT = Path.of("docs", "examples", "npz_accuracy.py");
    private static final int COUNT = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"relu, unit", "tanh, standardize", "sigmoid, offset-unit", "relu, raw"})
    void theScriptCountsWhatNnlabCounts(String activation, String scaling) throws Exception {
        Requirements.numpy();
        LabeledImages images = randomImages(new Random(activation.hashCode() + scaling.hashCode()));
        writeIdx(images);
        Preprocessing preprocessing = Preprocessing.fit(InputScaling.parse(scaling), images);
        Activation hidden = Activation.parse(activation);
        NetworkSpec spec = new NetworkSpec(784, 16, 10, hidden, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                NetworkSpec.defaultInitialization(hidden), 0).withDropout(0.3, 0.1);
        Network network = Network.create(spec, Precision.FLOAT32, new Random(3));
        for (Parameter p : network.parameters()) { // biases too, so that every term of the forward pass counts
            if (!p.decays()) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().setFlat(i, 0.3 * (i % 7 - 3));
                }
            }
        }
        Path model = dir.resolve("model.npz");
        ModelFile.save(model, new SavedModel(network, Task.TEN_CLASSES, preprocessing, 28, 28, null, Map.of()));
        double accuracy = Evaluation.of(network, Examples.from(images, preprocessing, Task.TEN_CLASSES)).accuracy();
        long nnlabCorrect = Math.round(accuracy * COUNT);

        String printed = ChildProcess.run(Duration.ofSeconds(60), "python3", SCRIPT.toString(), model.toString(), dir.toString())
                .requireSuccess();
        Matcher m = Pattern.compile("numpy: (\\d+) of (\\d+) test images correct").matcher(printed);
        assertTrue(m.find(), printed);
        assertEquals(COUNT, Integer.parseInt(m.group(2)));
        assertEquals(nnlabCorrect, Long.parseLong(m.group(1)), printed);
        assertTrue(nnlabCorrect > 0 && nnlabCorrect < COUNT, "a model that gets some right and some wrong: " + nnlabCorrect);
    }

    /** Pixels mostly blank with random strokes, random labels: like MNIST in format, not in content. */
    private static LabeledImages randomImages(Random random) {
        byte[] pixels = new byte[COUNT * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0);
        }
        byte[] labels = new byte[COUNT];
        for (int i = 0; i < COUNT; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        return new LabeledImages(COUNT, 28, 28, pixels, labels);
    }

    private void writeIdx(LabeledImages images) throws IOException {
        ByteBuffer pixels = ByteBuffer.allocate(16 + images.pixels().length).putInt(0x00000803).putInt(images.count())
                .putInt(28).putInt(28).put(images.pixels());
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), pixels.array());
        ByteBuffer labels = ByteBuffer.allocate(8 + images.count()).putInt(0x00000801).putInt(images.count());
        for (int i = 0; i < images.count(); i++) {
            labels.put((byte) images.label(i));
        }
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels.array());
    }
}
