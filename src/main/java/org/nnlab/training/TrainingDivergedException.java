package org.nnlab.training;

/**
 * The weights have blown up and training cannot continue: the loss became NaN or infinite, or
 * (found by {@link DivergenceWatch}) rose far above its start or fell to chance accuracy.
 */
public class TrainingDivergedException extends RuntimeException {
    private final int epoch;

    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate) {
        super("training diverged in epoch " + epoch + " (minibatch " + batch + "): the loss became " + loss
                + ". The learning rate " + learningRate + " is probably too large; try a smaller one (--lr).");
        this.epoch = epoch;
    }

    /** @param message one line naming the epoch, what went wrong and what to try */
    public TrainingDivergedException(int epoch, String message) {
        super(message);
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
