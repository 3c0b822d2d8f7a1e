package org.nnlab.training;

/** The loss became NaN or infinite: the weights have blown up and training cannot continue. */
public class TrainingDivergedException extends RuntimeException {
    private final int epoch;

    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate) {
        super("training diverged in epoch " + epoch + " (minibatch " + batch + "): the loss became " + loss
                + ". The learning rate " + learningRate + " is probably too large; try a smaller one (--lr).");
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
