package org.nnlab.search;

import java.util.List;
import org.nnlab.data.TrainTest;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.evaluation.Evaluation;
import org.nnlab.training.TrainingDivergedException;
import org.nnlab.training.TrainingListener;

/**
 * Trains a search's runs the way {@code nnlab train} trains one: the configuration's experiment
 * with the run's seed, on data split and scaled for that seed ({@link PreparedData}), by
 * {@link ExperimentRunner}. The same options and seed therefore give the same network as
 * {@code nnlab train}, to the bit. The images are shared by all runs and only read.
 */
public final class ExperimentTrainer implements SearchRunner.RunTrainer {
    private final TrainTest images;
    private final List<Experiment> experiments;

    /** {@code experiments.get(i)}: configuration i + 1 (its seed is replaced by each run's). */
    public ExperimentTrainer(TrainTest images, List<Experiment> experiments) {
        this.images = images;
        this.experiments = List.copyOf(experiments);
    }

    /** The experiment of one run: its configuration's, with its seed. */
    public Experiment experiment(int configuration, long seed) {
        return experiments.get(configuration - 1).withSeed(seed);
    }

    /** The data of one run: split and scaled with its seed, as nnlab train does. */
    public PreparedData data(Experiment experiment) {
        return PreparedData.of(experiment, images);
    }

    @Override
    public RunResult train(int configuration, long seed) {
        long start = System.nanoTime();
        Experiment experiment = experiment(configuration, seed);
        PreparedData data = data(experiment);
        try {
            ExperimentRunner.Outcome outcome = ExperimentRunner.run(experiment, data, TrainingListener.SILENT);
            // Train accuracy of the final weights on the whole training set, not the running mean an
            // epoch reports while its weights still change: the figure report 003's Table III gives.
            double train = Evaluation.of(outcome.network(), data.train()).accuracy();
            double validation = Evaluation.of(outcome.network(), data.validation()).accuracy();
            return new RunResult(configuration, seed, train, validation, outcome.test().accuracy(), secondsSince(start),
                    outcome.history().last().epoch(), outcome.history().keptEpoch());
        } catch (TrainingDivergedException e) {
            return RunResult.diverged(configuration, seed, secondsSince(start), e.epoch());
        }
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
