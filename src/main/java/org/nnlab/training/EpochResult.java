package org.nnlab.training;

/**
 * What one epoch did. The training loss and accuracy are averaged over the epoch's minibatches as
 * they were trained (so they lag the end-of-epoch weights a little); validation figures are
 * measured after the epoch.
 */
public record EpochResult(int epoch, double learningRate, double trainLoss, double trainAccuracy,
                          double validationLoss, double validationAccuracy, double seconds, double imagesPerSecond) {
}
