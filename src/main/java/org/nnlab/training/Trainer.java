package org.nnlab.training;

import org.nnlab.evaluation.Evaluation;
import org.nnlab.model.Network;
import org.nnlab.model.TargetEncoding;
import org.nnlab.optimizers.Optimizer;
import org.nnlab.preprocessing.Examples;
import org.nnlab.preprocessing.InputScaling;
import org.nnlab.preprocessing.Preprocessing;
import org.nnlab.random.SplitMix64;

/**
 * Trains a network epoch by epoch, in the manner of cs231n's {@code Solver}: each epoch draws its
 * minibatches, steps the optimiser on each, measures the validation set, and hands the state to the
 * listener (which may write a checkpoint); at the end the best-validation parameters are put back
 * if the configuration asks for it.
 *
 * <p>Everything random comes from one {@link SplitMix64} seeded from the configuration, and
 * everything else a later epoch depends on is in the {@link TrainingState}, so the same seed gives
 * the same numbers, and a run resumed from a checkpoint ends with the same parameters, bit for bit,
 * as the run that was never interrupted. Dropout masks are drawn from that generator too;
 * augmentation has a stream of its own (see {@link BatchAugmenter}).
 */
public final class Trainer {
    private final TrainingConfig config;
    private final Preprocessing preprocessing;

    /** A trainer for inputs that need no augmentation (or are scaled x/255, or not at all). */
    public Trainer(TrainingConfig config) {
        this(config, Preprocessing.of(InputScaling.UNIT));
    }

    /**
     * A trainer for inputs scaled by {@code preprocessing}, which augmentation needs to turn them
     * back into grey levels (and blank paper into its input value).
     */
    public Trainer(TrainingConfig config, Preprocessing preprocessing) {
        this.config = config;
        this.preprocessing = preprocessing;
    }

    /** A run from the first epoch. */
    public History train(Network network, Examples train, Examples validation, TrainingListener listener) {
        return resume(network, train, validation, listener, TrainingState.start(config));
    }

    /** Continues a run from a saved state; {@code network} must hold the parameters saved with it. */
    public History resume(Network network, Examples train, Examples validation, TrainingListener listener,
                          TrainingState state) {
        TargetEncoding encoding = network.spec().targets();
        SplitMix64 generator = new SplitMix64(state.generatorState());
        Optimizer optimizer = config.optimizer().create();
        optimizer.restore(state.optimizerState());
        BestWeights best = new BestWeights();
        best.restore(state.bestEpoch(), state.bestAccuracy(), state.bestWeights());
        History history = new History();
        state.history().forEach(history::add);
        if (listener.wantsDiagnostics()) {
            // cs231n's sanity checks: the loss before training, then each epoch's last update and dead units.
            listener = new DiagnosticsProbe(network, validation, listener);
            if (state.epochsDone() == 0) {
                listener.untrainedLoss(Evaluation.of(network, validation, encoding).loss());
            }
        }
        BatchAugmenter augmenter = config.augmentation().isOn()
                ? new BatchAugmenter(config.augmentation(), preprocessing, train.features(), config.seed()) : null;
        EpochRunner runner = new EpochRunner(new TrainingStep(network, train, config, optimizer, augmenter, listener.wantsDiagnostics()), augmenter,
                network, generator, listener);

        // tag::epochs[]
        for (int epoch = state.epochsDone() + 1; epoch <= config.epochs(); epoch++) {
            if (config.stopping().shouldStop(history.epochs())) {
                break;
            }
            double learningRate = config.schedule().rate(config.learningRate(), epoch, history.epochs());
            MinibatchSampling.EpochPlan plan = config.sampling().plan(train.size(), config.batchSize(), generator);
            long start = System.nanoTime();
            Evaluation.Score trainScore = runner.run(epoch, plan, learningRate);
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation.Score validationScore = Evaluation.of(network, validation, encoding);
            EpochResult result = new EpochResult(epoch, learningRate, trainScore.loss(), trainScore.accuracy(),
                    validationScore.loss(), validationScore.accuracy(), seconds, plan.examples() / seconds);
            history.add(result);
            best.offer(result, network);
            listener.epochFinished(result);
            listener.checkpoint(network, new TrainingState(epoch, history.epochs(), generator.state(),
                    optimizer.state(), best.epoch(), best.accuracy(), best.values()));
        }
        // end::epochs[]
        if (config.keepBest() && best.epoch() > 0) {
            best.restoreInto(network);
            history.keptEpoch(best.epoch());
        }
        return history;
    }

    /** One epoch's optimisation steps over a planned sequence of minibatches. */
    private final class EpochRunner {
        private final TrainingStep step;
        private final BatchAugmenter augmenter;
        private final Network network;
        private final SplitMix64 generator;
        private final TrainingListener listener;

        EpochRunner(TrainingStep step, BatchAugmenter augmenter, Network network, SplitMix64 generator,
                    TrainingListener listener) {
            this.step = step;
            this.augmenter = augmenter;
            this.network = network;
            this.generator = generator;
            this.listener = listener;
        }

        /** The epoch's steps with dropout on (masks from the run's generator) and its images augmented, if asked. */
        Evaluation.Score run(int epoch, MinibatchSampling.EpochPlan plan, double learningRate) {
            if (augmenter != null) {
                augmenter.startEpoch(epoch);
            }
            network.startTraining(generator::nextLong);
            step.startEpoch();
            try {
                return runSteps(epoch, plan, learningRate);
            } finally {
                step.finishEpoch();
                network.stopTraining();
            }
        }

        /** Trains on every batch of the plan; returns the loss and accuracy seen along the way. */
        // tag::minibatch[]
        Evaluation.Score runSteps(int epoch, MinibatchSampling.EpochPlan plan, double learningRate) {
            double lossSum = 0;
            int correct = 0;
            int batches = plan.batchCount();
            for (int batch = 0; batch < batches; batch++) {
                int from = plan.start(batch);
                int count = plan.size(batch);
                boolean perExample = config.updates() == UpdateGranularity.PER_EXAMPLE;
                for (int example = 0; example < (perExample ? count : 1); example++) {
                    double batchLoss = perExample
                            ? step.computeGradients(plan.order(), from + example, 1)
                            : step.computeGradients(plan.order(), from, count);
                    if (!Double.isFinite(batchLoss)) {
                        throw new TrainingDivergedException(epoch, batch + 1, batchLoss, learningRate);
                    }
                    step.update(learningRate);
                    lossSum += batchLoss;
                    correct += step.correct();
                }
                listener.batchFinished(epoch, batch + 1, batches);
            }
            return new Evaluation.Score(lossSum / plan.examples(), (double) correct / plan.examples());
        }
        // end::minibatch[]
    }
}
