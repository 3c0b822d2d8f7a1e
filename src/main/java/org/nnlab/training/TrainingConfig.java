package org.nnlab.training;

/**
 * How to train: minibatch SGD for a number of epochs, the learning rate multiplied by
 * {@code learningRateDecay} after each epoch, minibatches reshuffled every epoch from a generator
 * seeded with {@code seed}.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double learningRateDecay, long seed) {

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
        if (!(learningRateDecay > 0) || learningRateDecay > 1) {
            throw new IllegalArgumentException("the learning-rate decay must be in (0, 1], got " + learningRateDecay);
        }
    }
}
