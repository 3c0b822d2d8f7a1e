package org.nnlab.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.nnlab.training.EpochDiagnostics;
import org.nnlab.training.EpochResult;
import org.nnlab.training.TrainingListener;

/**
 * Shows training progress: a bar within each epoch (only on a terminal, where it can be redrawn
 * in place) and one line per epoch; with diagnostics, also the untrained loss and a line of
 * {@link EpochDiagnostics} under each epoch's.
 */
final class ProgressPrinter implements TrainingListener {
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final int epochs;
    private final long start = System.nanoTime();
    private int lastPercent = -1;
    /** With diagnostics, C of a softmax output (whose untrained loss should be ln C), or 0; without, −1. */
    private int diagnosedClasses = -1;

    ProgressPrinter(PrintStream out, boolean interactive, int epochs) {
        this.out = out;
        this.interactive = interactive;
        this.epochs = epochs;
    }

    /** Prints diagnostics too; {@code softmaxClasses} is C for a softmax output, 0 for any other. */
    ProgressPrinter withDiagnostics(int softmaxClasses) {
        diagnosedClasses = softmaxClasses;
        return this;
    }

    @Override
    public boolean wantsDiagnostics() {
        return diagnosedClasses >= 0;
    }

    @Override
    public void untrainedLoss(double validationLoss) {
        String expected = diagnosedClasses > 0 ? String.format(Locale.ROOT,
                " (ln %d = %.4f: the loss of outputs that give every class probability 1/%d)",
                diagnosedClasses, Math.log(diagnosedClasses), diagnosedClasses) : "";
        out.printf(Locale.ROOT, "before training: validation loss %.4f%s%n", validationLoss, expected);
    }

    @Override
    public void diagnosed(EpochDiagnostics d) {
        StringBuilder line = new StringBuilder("   ");
        for (EpochDiagnostics.WeightChange w : d.weights()) {
            line.append(String.format(Locale.ROOT, " %s: ‖dW‖ %.2e, ‖ΔW‖/‖W‖ %.1e |", w.name(), w.gradientNorm(),
                    w.updateToWeight()));
        }
        line.append(d.countsDeadUnits() ? " dead ReLU units " + d.deadUnits() + " of " + d.hiddenUnits()
                : " (dead units: no ReLU hidden layer)");
        out.println(line);
    }

    @Override
    public void batchFinished(int epoch, int done, int total) {
        if (!interactive) {
            return;
        }
        int percent = (int) (100L * done / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * BAR_WIDTH / 100;
        out.printf("\repoch %" + width() + "d/%d [%s%s] %3d%%", epoch, epochs,
                "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), percent);
        out.flush();
    }

    @Override
    public void epochFinished(EpochResult r) {
        if (interactive) {
            out.print("\r" + " ".repeat(BAR_WIDTH + 30) + "\r");
        }
        lastPercent = -1;
        out.printf("epoch %" + width() + "d/%d  loss %.4f  train %6.2f%%  val %6.2f%%  lr %.4g  %,8.0f img/s  %5.1f s  (elapsed %.1f s)%n",
                r.epoch(), epochs, r.trainLoss(), 100 * r.trainAccuracy(), 100 * r.validationAccuracy(),
                r.learningRate(), r.imagesPerSecond(), r.seconds(), elapsedSeconds());
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private int width() {
        return String.valueOf(epochs).length();
    }
}
