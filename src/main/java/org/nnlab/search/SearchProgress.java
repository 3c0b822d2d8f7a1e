package org.nnlab.search;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per finished run: which run, its accuracies and time, how many of the search's runs
 * are done, the time elapsed, and an estimate of the time left (the runs left at the pace of this
 * session's finished runs, so a resumed search estimates from its own pace).
 */
public final class SearchProgress {
    private final PrintStream out;
    private final int total;
    private final int doneBefore;
    private final long start = System.nanoTime();
    private int doneNow;

    /** {@code doneBefore}: runs an earlier, interrupted session finished. */
    public SearchProgress(PrintStream out, int total, int doneBefore) {
        this.out = out;
        this.total = total;
        this.doneBefore = doneBefore;
    }

    public void finished(RunResult r, Configuration c) {
        doneNow++;
        int done = doneBefore + doneNow;
        double elapsed = elapsedSeconds();
        double left = (total - done) * elapsed / doneNow;
        String width = "%" + Integer.toString(total).length() + "d";
        String accuracies = r.isDiverged() ? "diverged in epoch " + r.epochsTrained()
                : String.format(Locale.ROOT, "train %6.2f%%  val %6.2f%%  test %6.2f%%  (epoch %d)", 100 * r.trainAccuracy(),
                100 * r.validationAccuracy(), 100 * r.testAccuracy(), r.keptEpoch());
        out.printf(Locale.ROOT, "[" + width + "/%d] config " + width + " seed %d  %s: %s  %.1f s | elapsed %s, about %s left%n",
                done, total, c.number(), r.seed(), c.values().isEmpty() ? "(fixed options)" : c.describe(), accuracies,
                r.seconds(), duration(elapsed), duration(left));
        out.flush();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** "0:42", "12:05", "1:02:03". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
