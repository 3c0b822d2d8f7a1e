package org.nnlab.training;

import java.util.Random;
import org.nnlab.matrix.Matrix;
import org.nnlab.model.Network;
import org.nnlab.model.TargetEncoding;

/**
 * Minibatch stochastic gradient descent. Each epoch shuffles the training set with a generator
 * seeded once per run, so the same seed gives the same sequence of minibatches and the same
 * history; trains on each minibatch in turn; then measures the validation set and decays the
 * learning rate.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final Sgd optimizer = new Sgd();

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    public History train(Network network, Examples train, Examples validation, TrainingListener listener) {
        TargetEncoding encoding = network.spec().outputLoss().defaultTargets();
        // A generator of its own, so that shuffling does not depend on how many numbers the
        // weight initialisation drew from another one.
        Random shuffling = new Random(config.seed());
        int[] order = Shuffle.identity(train.size());
        History history = new History();
        double learningRate = config.learningRate();
        // tag::epochs[]
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            Shuffle.inPlace(order, shuffling);
            long start = System.nanoTime();
            Evaluation.Score trainScore = trainOneEpoch(network, train, order, encoding, epoch, learningRate, listener);
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation.Score validationScore = Evaluation.of(network, validation, encoding);
            EpochResult result = new EpochResult(epoch, learningRate, trainScore.loss(), trainScore.accuracy(),
                    validationScore.loss(), validationScore.accuracy(), seconds, train.size() / seconds);
            history.add(result);
            listener.epochFinished(result);
            learningRate *= config.learningRateDecay();
        }
        // end::epochs[]
        return history;
    }

    private Evaluation.Score trainOneEpoch(Network network, Examples train, int[] order, TargetEncoding encoding,
                                           int epoch, double learningRate, TrainingListener listener) {
        int batchCount = (train.size() + config.batchSize() - 1) / config.batchSize();
        int[] labels = new int[config.batchSize()];
        Matrix x = null;
        Matrix targets = null;
        double lossSum = 0;
        int correct = 0;
        // tag::minibatch[]
        for (int batch = 0; batch < batchCount; batch++) {
            int from = batch * config.batchSize();
            int count = Math.min(config.batchSize(), train.size() - from);
            x = Matrix.reuse(x, network.precision(), count, train.features());
            targets = Matrix.reuse(targets, network.precision(), count, network.spec().outputs());
            train.gather(order, from, count, x, labels);
            Evaluation.encodeTargets(encoding, labels, targets);

            double loss = network.lossAndGradients(x, targets);
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(epoch, batch + 1, loss, learningRate);
            }
            optimizer.update(network.parameters(), learningRate);

            lossSum += loss * count;
            correct += Evaluation.countCorrect(network, labels, count);
            listener.batchFinished(epoch, batch + 1, batchCount);
        }
        // end::minibatch[]
        return new Evaluation.Score(lossSum / train.size(), (double) correct / train.size());
    }
}
