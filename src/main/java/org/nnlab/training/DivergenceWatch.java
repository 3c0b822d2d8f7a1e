package org.nnlab.training;

import java.util.List;
import java.util.Locale;

/**
 * Stops a run that has diverged without any NaN: after each epoch, a training loss far above the
 * first epoch's ({@value #FAR_ABOVE}×), or a training accuracy no better than always answering the
 * most common class, means the weights have blown up or saturated, and the model is not worth
 * saving. The NaN case is caught inside the epoch by the {@link Trainer} itself.
 *
 * <p>A listener, not part of the {@link Trainer}, so that {@code nnlab reproduce} can leave it out:
 * its presets reproduce the reports' collapses on purpose (report 000's lr ≥ 1/4 stays at chance).
 */
public final class DivergenceWatch implements TrainingListener {
    /** How many times the first epoch's loss counts as "far above" it. */
    static final double FAR_ABOVE = 10;
    /** Percentage points above the most common class's share that still count as chance. */
    static final double CHANCE_MARGIN = 0.01;

    private final double chanceAccuracy;
    /** The run's first epoch's training loss; NaN until that epoch has been seen. */
    private double firstLoss = Double.NaN;

    /** @param chanceAccuracy the accuracy of always answering the most common class of the training labels */
    public DivergenceWatch(double chanceAccuracy) {
        this.chanceAccuracy = chanceAccuracy;
    }

    /**
     * This watch, for a run resumed after {@code earlierEpochs} (its checkpoint's history): the loss
     * is compared with the run's first epoch, not with the first epoch this process trains, so a
     * run that blows up in the epoch after a {@code --resume} is still caught.
     */
    public DivergenceWatch resumedAfter(List<EpochResult> earlierEpochs) {
        if (!earlierEpochs.isEmpty() && earlierEpochs.get(0).epoch() == 1) {
            firstLoss = earlierEpochs.get(0).trainLoss();
        }
        // Otherwise (a checkpoint whose history lacks the first epoch; nnlab writes none, but one may be
        // edited by hand) the first resumed epoch stands in as the reference, as before the history was used.
        return this;
    }

    /** The share of the most common label: what a network that learned nothing scores at best. */
    public static DivergenceWatch forLabels(int[] labels, int classes) {
        int[] counts = new int[classes];
        int most = 0;
        for (int label : labels) {
            most = Math.max(most, ++counts[label]);
        }
        return new DivergenceWatch(labels.length == 0 ? 0 : (double) most / labels.length);
    }

    @Override
    public void epochFinished(EpochResult result) {
        if (Double.isNaN(firstLoss)) {
            firstLoss = result.trainLoss();
        } else if (result.trainLoss() > FAR_ABOVE * firstLoss) {
            throw diverged(result, String.format(Locale.ROOT, "its training loss %.4g is more than %.0f× the first"
                    + " epoch's (%.4g)", result.trainLoss(), FAR_ABOVE, firstLoss));
        }
        if (result.trainAccuracy() <= chanceAccuracy + CHANCE_MARGIN) {
            throw diverged(result, String.format(Locale.ROOT, "its training accuracy %.2f%% is at chance (always"
                    + " answering the most common class scores %.2f%%)", 100 * result.trainAccuracy(), 100 * chanceAccuracy));
        }
    }

    private static TrainingDivergedException diverged(EpochResult result, String why) {
        return new TrainingDivergedException(result.epoch(), "training diverged in epoch " + result.epoch() + ": " + why
                + String.format(Locale.ROOT, ". The learning rate %s is probably too large; try a smaller one (--lr),"
                        + " or inputs scaled to 0..1 (--scaling unit) if they are raw.", String.valueOf((float) result.learningRate())));
    }
}
