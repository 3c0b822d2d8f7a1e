package org.nnlab.plot;

import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nnlab.training.EpochResult;
import org.nnlab.training.History;

/** The learning curves of a run, training and validation per epoch: one chart of the loss, one of the accuracy. */
public final class TrainingCurves {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    /** Blue and vermillion from Okabe and Ito's palette, told apart by readers with colour-blindness too. */
    static final Color TRAIN = new Color(0x0072B2);
    static final Color VALIDATION = new Color(0xD55E00);
    // The training figures are running means over the epoch's minibatches as the weights changed
    // (EpochResult), so they lag the end-of-epoch validation figures; the legend says so.
    private static final String TRAIN_NAME = "training (mean over the epoch, as it trained)";
    private static final String VALIDATION_NAME = "validation (after the epoch)";

    private TrainingCurves() {
    }

    /** Training and validation loss per epoch; {@code setup} (the run's settings) goes under the heading. */
    public static LineChart loss(History history, String setup) {
        return chart(history, setup, "Loss per epoch", "loss (mean per image, with the L2 term)",
                EpochResult::trainLoss, EpochResult::validationLoss, 1);
    }

    /** Training and validation accuracy per epoch, in percent. */
    public static LineChart accuracy(History history, String setup) {
        return chart(history, setup, "Accuracy per epoch", "accuracy (% of images classified correctly)",
                EpochResult::trainAccuracy, EpochResult::validationAccuracy, 100);
    }

    private static LineChart chart(History history, String setup, String heading, String yLabel,
                                   ToDoubleFunction<EpochResult> train, ToDoubleFunction<EpochResult> validation,
                                   double factor) {
        List<EpochResult> epochs = history.epochs();
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("the history has no epochs to plot");
        }
        double[] xs = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        double[] trainValues = epochs.stream().mapToDouble(e -> factor * train.applyAsDouble(e)).toArray();
        double[] validationValues = epochs.stream().mapToDouble(e -> factor * validation.applyAsDouble(e)).toArray();
        return new LineChart(WIDTH, HEIGHT, new TitleBlock(heading, setup, null), "epoch", yLabel,
                LineChart.XAxis.WHOLE_NUMBERS, List.of(
                        Series.line(TRAIN_NAME, xs, trainValues, TRAIN, false),
                        Series.line(VALIDATION_NAME, xs, validationValues, VALIDATION, true)));
    }
}
