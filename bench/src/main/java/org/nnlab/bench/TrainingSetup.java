package org.nnlab.bench;

import java.util.Random;
import org.nnlab.kernels.KernelSelection;
import org.nnlab.kernels.Kernels;
import org.nnlab.kernels.VectorKernels;
import org.nnlab.layers.Activation;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Initialization;
import org.nnlab.model.Network;
import org.nnlab.model.NetworkSpec;
import org.nnlab.model.OutputLoss;
import org.nnlab.preprocessing.Examples;

/**
 * What the training benchmarks share: the network they train, 784-512-10 with ReLU and softmax
 * cross-entropy, He initialisation, in float32; and the choice of kernels.
 *
 * <p>A network trains through {@link MatrixOps}, whose kernels are chosen once per JVM from the
 * system properties {@code nnlab.kernels} and {@code nnlab.threads}. JMH runs every parameter
 * combination in a fork of its own, so a benchmark sets the properties in its setup, before
 * anything has touched MatrixOps, and then checks that they took.
 */
final class TrainingSetup {
    static final int INPUTS = 784;
    static final int HIDDEN = 512;
    static final int CLASSES = 10;
    static final int BATCH = 64;

    private TrainingSetup() {
    }

    /** Chooses the kernels for this JVM (zero-skipping on); fails if MatrixOps had already chosen others. */
    static void useKernels(String kernels, int threads) {
        useKernels(kernels, threads, true);
    }

    /**
     * Chooses the kernels for this JVM, with zero-skipping on or off (vector kernels only); fails if
     * MatrixOps had already chosen others.
     */
    static void useKernels(String kernels, int threads, boolean skipZeros) {
        System.setProperty(KernelSelection.PROPERTY, kernels);
        System.setProperty(VectorKernels.THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty(VectorKernels.SPARSE_PROPERTY, Boolean.toString(skipZeros));
        Kernels active = KernelSelection.active();
        int activeThreads = active instanceof VectorKernels vector ? vector.threads() : 1;
        boolean activeSkipping = active instanceof VectorKernels vector && vector.skipsZeros();
        if (!MatrixOps.kernelName().equals(kernels) || activeThreads != threads
                || active instanceof VectorKernels && activeSkipping != skipZeros) {
            throw new IllegalStateException("this JVM already runs the " + MatrixOps.kernelName() + " kernels on "
                    + activeThreads + " thread(s), not " + kernels + " on " + threads + ": run every benchmark"
                    + " in a fork of its own (no -f 0)");
        }
    }

    static Network newNetwork(long seed) {
        return newNetwork(seed, HIDDEN);
    }

    /** The same network with {@code hidden} hidden units. */
    static Network newNetwork(long seed, int hidden) {
        NetworkSpec spec = new NetworkSpec(INPUTS, hidden, CLASSES, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Initialization.HE, 0);
        return Network.create(spec, Precision.FLOAT32, new Random(seed));
    }

    /** {@code count} examples with pixels uniform in [0, 1) and random labels. */
    static Examples randomExamples(int count, long seed) {
        Random random = new Random(seed);
        Matrix inputs = Matrix.zeros(Precision.FLOAT32, count, INPUTS);
        float[] pixels = inputs.floats();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return new Examples(inputs, labels, CLASSES);
    }
}
