package org.nnlab.training;

import java.util.function.IntConsumer;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.matrix.Precision;
import org.nnlab.model.Network;

/**
 * Plain SGD's steps with the hidden units shared out among the kernel threads: each thread owns a
 * fixed range of units, a part, and computes its columns of every hidden-layer quantity, from
 * X·W1 to W1's update, in its own arrays. Per part, with one thread computing the layers above H:
 *
 * <pre>
 *   in parts:   Z1ₚ = X·W1ₚ + b1ₚ      H[:, p] = Hₚ = max(Z1ₚ, 0)
 *   one thread: the layers above H and the loss, back down to dZ2 and db2  (Network.lossAndGradientsAboveHidden)
 *               meanwhile, another thread: the next batch's gather          (BatchAhead)
 *   in parts:   dW2[p, :] = Hₚᵀ·dZ2    dHₚ = dZ2·W2[p, :]ᵀ
 *               dZ1ₚ = dHₚ ⊙ 1[Z1ₚ &gt; 0]     db1ₚ = Σₙ dZ1ₚ
 *   in parts:   W1ₚ ← W1ₚ − η·Xᵀ·dZ1ₚ           (TrainingStep's update, without dW1)
 * </pre>
 * W2's rows belong to the hidden units as W1's columns do: a part's rows of dW2 and columns of dH
 * need only its own Hₚ, its rows of W2 and the shared dZ2. Only Z2 = H·W2, a sum over all the
 * units, needs every part's H, and with it the loss and dZ2.
 *
 * <p><b>Why parts, in arrays of their own.</b> Sharing out each multiply by itself hands a thread
 * blocks of W1 by columns in X·W1 and by rows in the update, so that about half of W1 (0.8 MB of
 * its 1.6 MB at 784×512) changes cores twice a step. On a 2-vCPU AMD EPYC whose cores passed a
 * cache line back and forth in about 450 ns, two threads trained slower than one that way, probably
 * for that reason. Fixed columns per thread were not enough there. In a test of W1's step alone,
 * two threads stepping the two halves of the rows of one W1 took 1.3–1.6 times as long for each
 * half as one thread did, in two runs of three. With each half in an array of its own, both halves
 * took one thread's time in one run, and one of them took 1.3 times as long in another
 * (bench/README.adoc, session 21). So a part keeps its columns of W1, D×w, in a matrix of its own
 * while an epoch runs: {@link #takeW1} copies them out of the network, {@link #returnW1} back in.
 * Between the two, the network's W1 is out of date.
 *
 * <p><b>Why the bits are those of one thread.</b> Each part's values are computed by the same
 * kernels as on the full width, element by element the same operations (a multiply's element is
 * one chain of multiply-adds over k, whatever C's size: so are the part's rows of dW2 and columns
 * of dH), and the rest of the layers above H run as always. So any number of parts trains the
 * same numbers as the ordinary step ({@code HiddenUnitPartsTest}).
 */
final class HiddenUnitParts implements IntConsumer {
    /**
     * The fewest hidden units a part gets: the width from which the kernels pack a multiply's A and
     * treat C as wide (FloatMatmul.PACK_MIN_COLS), as they do at the full width; narrower parts would
     * also do little work for each hand-off between the threads.
     */
    static final int MIN_UNITS_PER_PART = 64;
    /** Parts start at multiples of this many units (16 floats, the length of a 64-byte cache line). */
    private static final int PART_ALIGNMENT = 16;

    private enum Phase { FORWARD, BACKWARD, DESCENT }

    private final Network network;
    /** W1 and b1, the network's. */
    private final Parameter firstWeights;
    private final Parameter firstBias;
    /** W2, the network's: each part reads its rows and fills its rows of W2's gradient. */
    private final Parameter secondWeights;
    private final int hidden;
    /** The parts of the last {@link #takeW1}, kept for the next one with as many. */
    private Part[] parts = new Part[0];
    /** Whether the parts hold W1: between {@link #takeW1} and {@link #returnW1}. */
    private boolean holding;
    private Matrix x;
    private Matrix h;
    /** dL/dZ2 of the batch: N×classes, from the layers above H. */
    private Matrix dZ2;
    private Phase phase;
    private double learningRate;
    private final AboveHiddenAlongside aboveHidden = new AboveHiddenAlongside();

    /** One thread's units [from, to): its own columns of W1 and of Z1, H, dH, dZ1, b1 and db1, and its own rows of W2 and dW2. */
    private static final class Part {
        final int from;
        final int to;
        final Matrix weights;
        /**
         * For W1's step, as W1's gradient is for the whole layer's: the vector kernels write it only
         * for batches of more than 256 rows (see MatrixOps.addScaledProductTransposeA).
         */
        final Matrix scratch;
        final Matrix bias;
        final Matrix biasGradient;
        final Matrix outputWeights;
        final Matrix outputWeightGradient;
        Matrix z;
        Matrix h;
        Matrix dH;
        Matrix dZ;

        Part(int inputs, int classes, int from, int to) {
            this.from = from;
            this.to = to;
            this.weights = Matrix.zeros(Precision.FLOAT32, inputs, to - from);
            this.scratch = Matrix.zeros(Precision.FLOAT32, inputs, to - from);
            this.bias = Matrix.zeros(Precision.FLOAT32, 1, to - from);
            this.biasGradient = Matrix.zeros(Precision.FLOAT32, 1, to - from);
            this.outputWeights = Matrix.zeros(Precision.FLOAT32, to - from, classes);
            this.outputWeightGradient = Matrix.zeros(Precision.FLOAT32, to - from, classes);
        }

        int width() {
            return to - from;
        }
    }

    private HiddenUnitParts(Network network) {
        this.network = network;
        this.firstWeights = network.firstWeights();
        this.firstBias = network.firstBias();
        this.secondWeights = network.secondWeights();
        this.hidden = firstWeights.value().cols();
    }

    /** Parts for this network's hidden layer, or null unless it is a float32 Linear-ReLU layer wide enough for two parts. */
    static HiddenUnitParts forNetwork(Network network) {
        if (network.precision() != Precision.FLOAT32 || !network.hasPlainReluHiddenLayer()
                || network.firstWeights().value().cols() < 2 * MIN_UNITS_PER_PART) {
            return null;
        }
        return new HiddenUnitParts(network);
    }

    /** How many parts an epoch started now would have: one per kernel thread, each at least MIN_UNITS_PER_PART wide. */
    int partsNow() {
        return Math.min(MatrixOps.parallelism(), hidden / MIN_UNITS_PER_PART);
    }

    /** Whether the parts hold W1: between {@link #takeW1} and {@link #returnW1}. */
    boolean holdsW1() {
        return holding;
    }

    /** Copies W1 into {@code count} parts, which hold it from now on; the network's W1 is out of date until {@link #returnW1}. */
    void takeW1(int count) {
        if (holdsW1()) {
            throw new IllegalStateException("the hidden units' parts already hold W1");
        }
        if (parts.length != count) {
            parts = new Part[count];
            for (int p = 0; p < count; p++) {
                parts[p] = new Part(firstWeights.value().rows(), secondWeights.value().cols(), columnFrom(p, count),
                        columnFrom(p + 1, count));
            }
        }
        for (Part part : parts) {
            copyColumns(firstWeights.value(), part.from, part.weights, 0, part.width());
        }
        holding = true;
    }

    /** Copies each part's columns of W1 back into the network's W1, which is then up to date again. */
    void returnW1() {
        for (Part part : parts) {
            copyColumns(part.weights, 0, firstWeights.value(), part.from, part.width());
        }
        holding = false;
    }

    /** The first unit of part {@code part} of {@code count}: the units split evenly, rounded down to a multiple of PART_ALIGNMENT. */
    private int columnFrom(int part, int count) {
        return part == count ? hidden : (int) ((long) hidden * part / count) / PART_ALIGNMENT * PART_ALIGNMENT;
    }

    /**
     * The forward and backward pass of the batch x in parts, as Network.lossAndGradientsExceptFirstWeights
     * computes them: every gradient but W1's filled, the loss returned. Only while the parts hold W1.
     */
    double lossAndGradientsExceptFirstWeights(Matrix x, Matrix targets) {
        return lossAndGradientsExceptFirstWeights(x, targets, null);
    }

    /**
     * As above, with {@code alongside} (when not null) run at the same time as the layers above H,
     * usually on another kernel thread, which would otherwise wait for them: the gather of the
     * next batch (BatchAhead). It must not touch what the pass uses.
     */
    double lossAndGradientsExceptFirstWeights(Matrix x, Matrix targets, Runnable alongside) {
        if (!holdsW1()) {
            throw new IllegalStateException("the hidden units' parts do not hold W1: call takeW1 first");
        }
        this.x = x;
        h = Matrix.reuse(h, Precision.FLOAT32, x.rows(), hidden);
        run(Phase.FORWARD);
        double loss = alongside == null ? network.lossAndGradientsAboveHidden(h, targets)
                : aboveHidden.run(targets, alongside);
        dZ2 = network.outputLayerGradient();
        run(Phase.BACKWARD);
        return loss;
    }

    /** Plain SGD's step for W1 after {@link #lossAndGradientsExceptFirstWeights}, each part on its thread. */
    void stepW1(double learningRate) {
        this.learningRate = learningRate;
        run(Phase.DESCENT);
    }

    private void run(Phase phase) {
        this.phase = phase;
        MatrixOps.forEachPart(parts.length, this);
    }

    /**
     * Part {@code index} of the current job. The ReLU's mask and the Linear layers' gradients are
     * in blocks of their own, which a student's lab kit deletes (a kit never shares the hidden
     * units out: its plain SGD computes dW1 with the student's backward pass); hence the repeated
     * test of the phase.
     */
    // tag::part[]
    @Override
    public void accept(int index) {
        Part part = parts[index];
        if (phase == Phase.FORWARD) {
            forward(part);
            return;
        }
        if (phase == Phase.BACKWARD) {
            part.dH = Matrix.reuse(part.dH, Precision.FLOAT32, x.rows(), part.width());
            part.dZ = Matrix.reuse(part.dZ, Precision.FLOAT32, x.rows(), part.width());
        }
        // tag::lab-remove-linear[]
        if (phase == Phase.BACKWARD) { // the output layer's backward pass, for this part's units
            copyRows(secondWeights.value(), part.from, part.outputWeights, 0, part.width());
            MatrixOps.multiplyTransposeA(part.h, dZ2, part.outputWeightGradient);
            copyRows(part.outputWeightGradient, 0, secondWeights.gradient(), part.from, part.width());
            MatrixOps.multiplyTransposeB(dZ2, part.outputWeights, part.dH);
        }
        // end::lab-remove-linear[]
        // tag::lab-remove-relu[]
        if (phase == Phase.BACKWARD) {
            MatrixOps.keepWherePositive(part.dH, part.z, part.dZ);
        }
        // end::lab-remove-relu[]
        // tag::lab-remove-linear[]
        if (phase == Phase.BACKWARD) {
            MatrixOps.columnSums(part.dZ, part.biasGradient);
            copyColumns(part.biasGradient, 0, firstBias.gradient(), part.from, part.width());
        } else {
            MatrixOps.addScaledProductTransposeA(-learningRate, x, part.dZ, part.weights, part.scratch);
        }
        // end::lab-remove-linear[]
    }

    /** Z1ₚ = X·W1ₚ + b1ₚ, Hₚ = max(Z1ₚ, 0), Hₚ into its columns of H (for the layers above). */
    private void forward(Part part) {
        part.z = Matrix.reuse(part.z, Precision.FLOAT32, x.rows(), part.width());
        part.h = Matrix.reuse(part.h, Precision.FLOAT32, x.rows(), part.width());
        copyColumns(firstBias.value(), part.from, part.bias, 0, part.width());
        MatrixOps.multiply(x, part.weights, part.z);
        MatrixOps.addRowVectorRelu(part.z, part.bias, part.h);
        copyColumns(part.h, 0, h, part.from, part.width());
    }
    // end::part[]

    /**
     * The job between the forward and the backward one: item 0, the layers above H and the loss;
     * item 1, the work alongside. The calling thread claims items from the front and a worker from
     * the back, so usually each thread gets one; whichever runs an item runs its kernels alone,
     * so the bits are those of one thread.
     */
    private final class AboveHiddenAlongside implements IntConsumer {
        private Matrix targets;
        private Runnable alongside;
        private double loss;

        double run(Matrix targets, Runnable alongside) {
            this.targets = targets;
            this.alongside = alongside;
            try {
                MatrixOps.forEachPart(2, this);
            } finally {
                this.targets = null;
                this.alongside = null;
            }
            return loss;
        }

        @Override
        public void accept(int item) {
            if (item == 0) {
                loss = network.lossAndGradientsAboveHidden(h, targets);
            } else {
                alongside.run();
            }
        }
    }

    /**
     * Copies {@code count} rows of {@code source}, from row {@code sourceFrom}, to {@code target}'s
     * from row {@code targetFrom}: one block of floats, rows being stored one after another.
     */
    private static void copyRows(Matrix source, int sourceFrom, Matrix target, int targetFrom, int count) {
        int cols = source.cols();
        System.arraycopy(source.floats(), sourceFrom * cols, target.floats(), targetFrom * cols, count * cols);
    }

    /** Copies {@code width} columns of every row of {@code source}, from column {@code sourceFrom}, to {@code target}'s from {@code targetFrom}. */
    private static void copyColumns(Matrix source, int sourceFrom, Matrix target, int targetFrom, int width) {
        float[] from = source.floats();
        float[] to = target.floats();
        for (int r = 0; r < source.rows(); r++) {
            System.arraycopy(from, r * source.cols() + sourceFrom, to, r * target.cols() + targetFrom, width);
        }
    }
}
