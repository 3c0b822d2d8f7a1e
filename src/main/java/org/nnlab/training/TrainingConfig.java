package org.nnlab.training;

import org.nnlab.optimizers.OptimizerSettings;

/**
 * How to train. The defaults (see {@link Builder}) are nnlab's own choices; the other values of
 * {@code sampling}, {@code updates}, {@code reduction}, {@code weightShrink} and
 * {@code freezeBiases} exist to run the five reports as their code really ran.
 *
 * @param epochs        passes over the training set (at most; early stopping may end sooner)
 * @param batchSize     B, examples per minibatch; B ≥ N is full-batch gradient descent
 * @param learningRate  η₀, the base learning rate
 * @param schedule      the learning rate of each epoch
 * @param optimizer     the update rule
 * @param sampling      how minibatches are drawn
 * @param updates       one update per minibatch, or one per example (reports 001, 003)
 * @param reduction     mean or sum of the per-example gradients (report 000 sums)
 * @param weightShrink  W ← W − λ·W after each update, outside the learning rate (reports 000, 003)
 * @param freezeBiases  biases are never updated (report 000's code)
 * @param stopping      early stopping on validation accuracy
 * @param keepBest      end with the parameters of the best validation epoch (report 004's Solver)
 * @param seed          seeds the generator that draws minibatches
 * @param subset        train on the first {@code subset} examples of the training set only (0: on all of
 *                      them), cs231n's check that a network can learn a handful by heart
 * @param diagnostics   also measure, after every epoch, what the book's sanity checks read: gradient
 *                      norms, update-to-weight ratios, dead ReLU units (nothing the training uses)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule schedule,
                             OptimizerSettings optimizer, MinibatchSampling sampling, UpdateGranularity updates,
                             GradientReduction reduction, WeightShrink weightShrink, boolean freezeBiases,
                             EarlyStopping stopping, boolean keepBest, long seed, int subset,
                             boolean diagnostics) {

    public TrainingConfig {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        if (subset < 0) {
            throw new IllegalArgumentException("the subset must be 0 (all) or more training examples, got " + subset);
        }
    }

    /** Minibatch SGD with a learning rate multiplied by {@code decay} after each epoch. */
    public static TrainingConfig sgd(int epochs, int batchSize, double learningRate, double decay, long seed) {
        return builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .schedule(new LearningRateSchedule.PerEpoch(decay)).seed(seed).build();
    }

    /** A builder holding nnlab's defaults, those of {@code nnlab train}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change a few settings. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).schedule(schedule)
                .optimizer(optimizer).sampling(sampling).updates(updates).reduction(reduction)
                .weightShrink(weightShrink).freezeBiases(freezeBiases).stopping(stopping).keepBest(keepBest).seed(seed)
                .subset(subset).diagnostics(diagnostics);
    }

    /**
     * Builds a {@link TrainingConfig}; every setting starts at nnlab's default, which is also the
     * default of its flag on the command line (the flags read them from here).
     */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private double learningRate = 0.5;
        private LearningRateSchedule schedule = new LearningRateSchedule.PerEpoch(0.9);
        private OptimizerSettings optimizer = OptimizerSettings.SGD;
        private MinibatchSampling sampling = MinibatchSampling.SHUFFLED_EPOCHS;
        private UpdateGranularity updates = UpdateGranularity.PER_BATCH;
        private GradientReduction reduction = GradientReduction.MEAN;
        private WeightShrink weightShrink = WeightShrink.NONE;
        private boolean freezeBiases;
        private EarlyStopping stopping = EarlyStopping.NEVER;
        private boolean keepBest;
        private long seed = 1;
        private int subset;
        private boolean diagnostics;

        private Builder() {
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder schedule(LearningRateSchedule value) {
            schedule = value;
            return this;
        }

        public Builder optimizer(OptimizerSettings value) {
            optimizer = value;
            return this;
        }

        /** The update rule, keeping the momentum set so far. */
        public Builder optimizer(OptimizerSettings.Kind kind) {
            optimizer = new OptimizerSettings(kind, optimizer.momentum());
            return this;
        }

        /** The momentum μ of momentum and Nesterov, keeping the rule set so far. */
        public Builder momentum(double mu) {
            optimizer = new OptimizerSettings(optimizer.kind(), mu);
            return this;
        }

        public Builder sampling(MinibatchSampling value) {
            sampling = value;
            return this;
        }

        public Builder updates(UpdateGranularity value) {
            updates = value;
            return this;
        }

        public Builder reduction(GradientReduction value) {
            reduction = value;
            return this;
        }

        public Builder weightShrink(WeightShrink value) {
            weightShrink = value;
            return this;
        }

        public Builder freezeBiases(boolean value) {
            freezeBiases = value;
            return this;
        }

        public Builder stopping(EarlyStopping value) {
            stopping = value;
            return this;
        }

        /** Early stopping after {@code epochs} epochs without a better validation accuracy (0: never). */
        public Builder patience(int epochs) {
            stopping = new EarlyStopping(epochs);
            return this;
        }

        public Builder keepBest(boolean value) {
            keepBest = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Trains on the first {@code examples} training examples only; 0, the default, on all of them. */
        public Builder subset(int examples) {
            subset = examples;
            return this;
        }

        public Builder diagnostics(boolean value) {
            diagnostics = value;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, schedule, optimizer, sampling, updates,
                    reduction, weightShrink, freezeBiases, stopping, keepBest, seed, subset, diagnostics);
        }
    }
}
