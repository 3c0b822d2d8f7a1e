package org.nnlab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.layers.Parameter;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.MatrixOps;
import org.nnlab.model.Network;
import org.nnlab.model.TargetEncoding;
import org.nnlab.preprocessing.Examples;

/**
 * The gradient of one minibatch, left in every parameter's {@link Parameter#gradient()}, reduced
 * as the {@link GradientReduction} says; W1's is left out when plain SGD steps W1 without it
 * (TrainingStep's class comment).
 *
 * <p>A batch larger than {@value #CHUNK_ROWS} rows (full-batch gradient descent over 60,000
 * images) is processed in chunks: chunk c of n_c rows contributes its mean gradient with weight
 * n_c/N, which adds up to exactly the mean over the whole batch, while memory holds only one chunk's
 * activations.
 */
final class BatchGradient {
    static final int CHUNK_ROWS = 2000;

    private final Network network;
    private final Examples examples;
    private final TargetEncoding encoding;
    private final GradientReduction reduction;
    /** Distorts each gathered batch; null when the run has no augmentation. */
    private final BatchAugmenter augmenter;
    /**
     * Whether W1's gradient is left out of a batch that fits one chunk, for plain SGD to step W1
     * from X and dZ1 directly (see TrainingStep). Only with the mean reduction, whose
     * factor 1 leaves the gradients as the network computes them.
     */
    private final boolean leavesOutFirstWeights;
    private boolean firstWeightGradientLeftOut;
    /**
     * The hidden units shared out among the kernel threads, for epochs whose batches leave W1's
     * gradient out (see HiddenUnitParts); null when the step or the network does not allow it.
     */
    private final HiddenUnitParts hiddenUnitParts;
    /** How many parts this epoch's batches share the hidden units out in; 0: none, the network runs whole. */
    private int partsThisEpoch;
    /** Whether the last batch ran its hidden layer in parts, so that W1's step must too. */
    private boolean lastPassInParts;
    /**
     * The next batch, gathered by another kernel thread during this one's step when the hidden
     * units are shared out; null when they never are.
     */
    private final BatchAhead ahead;
    private int batchesGatheredAhead;
    private int[] labels = new int[CHUNK_ROWS];
    private final List<Matrix> sums = new ArrayList<>();
    private final Scaling scaling = new Scaling();
    private Matrix x;
    private Matrix targets;
    // What the forward passes of the last batch saw. Fields, not a returned record, so that a
    // training step allocates nothing.
    private double lossSum;
    private int correct;

    BatchGradient(Network network, Examples examples, TargetEncoding encoding, GradientReduction reduction) {
        this(network, examples, encoding, reduction, null, false);
    }

    BatchGradient(Network network, Examples examples, TargetEncoding encoding, GradientReduction reduction,
                  BatchAugmenter augmenter, boolean leavesOutFirstWeights) {
        this(network, examples, encoding, reduction, augmenter, leavesOutFirstWeights, false);
    }

    /**
     * As above; {@code mayShareHiddenUnits}: epochs may run the hidden layer in parts, one per
     * kernel thread ({@link #startEpoch}), which only batches that leave W1's gradient out can do.
     */
    BatchGradient(Network network, Examples examples, TargetEncoding encoding, GradientReduction reduction,
                  BatchAugmenter augmenter, boolean leavesOutFirstWeights, boolean mayShareHiddenUnits) {
        if (leavesOutFirstWeights && reduction != GradientReduction.MEAN) {
            throw new IllegalArgumentException("W1's gradient can be left out only with the mean reduction, not " + reduction.cliName());
        }
        this.network = network;
        this.examples = examples;
        this.encoding = encoding;
        this.reduction = reduction;
        this.augmenter = augmenter;
        this.leavesOutFirstWeights = leavesOutFirstWeights;
        this.hiddenUnitParts = leavesOutFirstWeights && mayShareHiddenUnits ? HiddenUnitParts.forNetwork(network) : null;
        this.ahead = hiddenUnitParts == null ? null : new BatchAhead(examples, network.precision());
    }

    /**
     * Before an epoch's batches: with more than one kernel thread, the hidden units' parts take W1
     * over (see HiddenUnitParts) until {@link #finishEpoch}.
     */
    void startEpoch() {
        finishEpoch();
        int parts = hiddenUnitParts == null ? 0 : hiddenUnitParts.partsNow();
        partsThisEpoch = parts > 1 ? parts : 0;
    }

    /** Whether the hidden units' parts hold W1 now, after a batch of an epoch that shares them out. */
    boolean sharesHiddenUnits() {
        return hiddenUnitParts != null && hiddenUnitParts.holdsW1();
    }

    /** After an epoch's batches (also after a failed one): W1 back in the network, up to date. */
    void finishEpoch() {
        partsThisEpoch = 0;
        returnW1IfHeld();
    }

    private void returnW1IfHeld() {
        if (hiddenUnitParts != null && hiddenUnitParts.holdsW1()) {
            hiddenUnitParts.returnW1();
        }
    }

    /**
     * Fills the gradients for the batch of examples order[from], …, order[from + count − 1];
     * {@link #lossSum()} and {@link #correct()} then describe that batch.
     */
    void compute(int[] order, int from, int count) {
        double factor = reduction.factor(count);
        firstWeightGradientLeftOut = false;
        if (count <= CHUNK_ROWS) {
            firstWeightGradientLeftOut = leavesOutFirstWeights;
            lossSum = forwardAndBackward(order, from, count, leavesOutFirstWeights);
            correct = Evaluation.countCorrect(network, labels, count);
            if (factor != 1) {
                scaling.factor = factor;
                List<Parameter> parameters = network.parameters();
                for (int i = 0; i < parameters.size(); i++) {
                    Matrix gradient = parameters.get(i).gradient();
                    MatrixOps.map(gradient, scaling, gradient);
                }
            }
            return;
        }
        List<Parameter> parameters = network.parameters();
        zeroSums(parameters);
        double chunkLossSums = 0;
        int chunkCorrect = 0;
        for (int start = from; start < from + count; start += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, from + count - start);
            chunkLossSums += forwardAndBackward(order, start, rows, false);
            chunkCorrect += Evaluation.countCorrect(network, labels, rows);
            double weight = factor * rows / count;
            for (int i = 0; i < parameters.size(); i++) {
                MatrixOps.addScaled(weight, parameters.get(i).gradient(), sums.get(i));
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).gradient().copyFrom(sums.get(i));
        }
        lossSum = chunkLossSums;
        correct = chunkCorrect;
    }

    /** The loss of the last batch, summed over its examples (its mean times its size). */
    double lossSum() {
        return lossSum;
    }

    /** How many examples of the last batch the network classified correctly. */
    int correct() {
        return correct;
    }

    /** How many batches so far were gathered ahead, during the step before theirs (see BatchAhead). */
    int batchesGatheredAhead() {
        return batchesGatheredAhead;
    }

    /** Whether batches that fit one chunk leave W1's gradient out. */
    boolean leavesOutFirstWeights() {
        return leavesOutFirstWeights;
    }

    /**
     * The parts that computed the last batch's hidden layer, for TrainingStep to step W1 with them,
     * or null when the last batch ran through the network whole.
     */
    HiddenUnitParts hiddenUnitPartsOfLastPass() {
        return lastPassInParts ? hiddenUnitParts : null;
    }

    /** Whether the last batch left W1's gradient out, for TrainingStep to step W1 without it. */
    boolean firstWeightGradientLeftOut() {
        return firstWeightGradientLeftOut;
    }

    /**
     * One chunk through the network: its mean gradient in the parameters (W1's left out when
     * {@code withoutFirstWeights}), its summed loss returned.
     */
    private double forwardAndBackward(int[] order, int from, int rows, boolean withoutFirstWeights) {
        targets = Matrix.reuse(targets, network.precision(), rows, network.spec().outputs());
        takeBatch(order, from, rows);
        if (augmenter != null) {
            augmenter.distort(x, rows, from);
        }
        Evaluation.encodeTargets(encoding, labels, targets);
        // In an epoch whose hidden units are shared out among the kernel threads, the parts hold W1
        // (HiddenUnitParts): the same numbers, each thread's part of W1 staying in its own cache.
        // A batch that needs dW1 (a chunk of a larger one) gives W1 back to the network first.
        lastPassInParts = withoutFirstWeights && partsThisEpoch > 0;
        if (lastPassInParts && !hiddenUnitParts.holdsW1()) {
            hiddenUnitParts.takeW1(partsThisEpoch);
        } else if (!lastPassInParts) {
            returnW1IfHeld();
        }
        double loss = lastPassInParts ? hiddenUnitParts.lossAndGradientsExceptFirstWeights(x, targets, nextSliceGather(order, from, rows))
                : withoutFirstWeights ? network.lossAndGradientsExceptFirstWeights(x, targets)
                : network.lossAndGradients(x, targets);
        return loss * rows;
    }

    /** Examples order[from], …, order[from + rows − 1] into x and labels: gathered ahead if they were, else now. */
    private void takeBatch(int[] order, int from, int rows) {
        if (ahead == null || !ahead.holds(order, from, rows)) {
            x = Matrix.reuse(x, network.precision(), rows, examples.features());
            examples.gather(order, from, rows, x, labels);
            return;
        }
        Matrix spareInputs = x;
        int[] spareLabels = labels;
        x = ahead.inputs();
        labels = ahead.labels();
        ahead.tradeBuffers(spareInputs, spareLabels);
        batchesGatheredAhead++;
    }

    /** The gather of the slice of the order after this batch, for a kernel thread to run during the step; null when the order ends here. */
    private Runnable nextSliceGather(int[] order, int from, int rows) {
        return ahead != null && ahead.planNextSlice(order, from, rows) ? ahead : null;
    }

    private void zeroSums(List<Parameter> parameters) {
        if (sums.isEmpty()) {
            for (Parameter p : parameters) {
                sums.add(p.gradient().zerosLike(p.gradient().rows(), p.gradient().cols()));
            }
        }
        for (Matrix sum : sums) {
            sum.fill(0);
        }
    }

    /**
     * g ↦ factor·g, for the reduction's factor. One object, reused: a lambda capturing the factor
     * would be a new object on every batch.
     */
    private static final class Scaling implements DoubleUnaryOperator {
        double factor;

        @Override
        public double applyAsDouble(double g) {
            return g * factor;
        }
    }
}
