package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A diverged run without NaN is stopped after the epoch that shows it; a run that learns, even slowly, is not. */
class DivergenceWatchTest {

    private static EpochResult epoch(int epoch, double loss, double trainAccuracy, double rate) {
        return new EpochResult(epoch, rate, loss, trainAccuracy, loss, trainAccuracy, 1, 1000);
    }

    @Test
    void chanceIsTheShareOfTheMostCommonLabel() {
        DivergenceWatch watch = DivergenceWatch.forLabels(new int[] {0, 1, 1, 2, 1, 3, 4, 5, 6, 7}, 10);
        watch.epochFinished(epoch(1, 2.0, 0.315, 0.1)); // 30% + 1 point counts as chance, 31.5% does not
        TrainingDivergedException atChance = assertThrows(TrainingDivergedException.class,
                () -> DivergenceWatch.forLabels(new int[] {0, 1, 1, 2, 1, 3, 4, 5, 6, 7}, 10)
                        .epochFinished(epoch(1, 2.0, 0.30, 0.1)));
        assertEquals(1, atChance.epoch());
    }

    @Test
    void aRunCollapsedToChanceStopsAfterItsFirstEpochNamingItAndTheRate() {
        // nnlab train --epochs 2 --hidden 32 --lr 50 on MNIST: loss 42.36, train 9.91% in epoch 1.
        DivergenceWatch watch = new DivergenceWatch(0.1124);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> watch.epochFinished(epoch(1, 42.3633, 0.0991, 50)));
        assertEquals("training diverged in epoch 1: its training accuracy 9.91% is at chance (always answering the"
                + " most common class scores 11.24%). The learning rate 50.0 is probably too large; try a smaller one"
                + " (--lr), or inputs scaled to 0..1 (--scaling unit) if they are raw.", e.getMessage());
    }

    @Test
    void aLossFarAboveTheFirstEpochsStopsTheRun() {
        DivergenceWatch watch = new DivergenceWatch(0.1124);
        watch.epochFinished(epoch(1, 0.5, 0.85, 5));
        watch.epochFinished(epoch(2, 4.9, 0.60, 5));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> watch.epochFinished(epoch(3, 5.1, 0.60, 5)));
        assertEquals(3, e.epoch());
        assertEquals(true, e.getMessage().startsWith("training diverged in epoch 3: its training loss 5.100 is more"
                + " than 10× the first epoch's (0.5000)"), e.getMessage());
    }

    @Test
    void aResumedRunIsComparedWithTheRunsFirstEpochNotItsFirstResumedOne() {
        List<EpochResult> checkpointed = List.of(epoch(1, 0.5, 0.85, 5), epoch(2, 0.4, 0.88, 5));
        DivergenceWatch resumed = new DivergenceWatch(0.1124).resumedAfter(checkpointed);

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> resumed.epochFinished(epoch(3, 5.1, 0.60, 5)));

        assertEquals(3, e.epoch());
        assertTrue(e.getMessage().startsWith("training diverged in epoch 3: its training loss 5.100 is more than 10×"
                + " the first epoch's (0.5000)"), e.getMessage());
        // Without the checkpoint's history, the blown-up epoch 3 would itself have become the reference.
        new DivergenceWatch(0.1124).epochFinished(epoch(3, 5.1, 0.60, 5));
    }

    @Test
    void aResumedRunThatLearnsIsNotStopped() {
        DivergenceWatch resumed = new DivergenceWatch(0.1124)
                .resumedAfter(List.of(epoch(1, 2.2, 0.13, 0.01), epoch(2, 1.9, 0.40, 0.01)));
        resumed.epochFinished(epoch(3, 0.9, 0.75, 0.01));
        resumed.epochFinished(epoch(4, 0.3, 0.92, 0.01));
        resumed.epochFinished(epoch(5, 2.5, 0.70, 0.01)); // worse, but not 10× epoch 1's 2.2
    }

    @Test
    void aCheckpointWithoutItsFirstEpochFallsBackToTheFirstResumedEpoch() {
        DivergenceWatch noHistory = new DivergenceWatch(0.1124).resumedAfter(List.of());
        noHistory.epochFinished(epoch(3, 0.4, 0.90, 5));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> noHistory.epochFinished(epoch(4, 4.5, 0.60, 5)));
        assertTrue(e.getMessage().contains("10× the first epoch's (0.4000)"), e.getMessage());

        DivergenceWatch fromEpoch2 = new DivergenceWatch(0.1124).resumedAfter(List.of(epoch(2, 0.01, 0.99, 5)));
        fromEpoch2.epochFinished(epoch(3, 0.2, 0.97, 5)); // 20× epoch 2's loss, but epoch 2 is not the run's first
    }

    @Test
    void aRunThatLearnsIsNotStopped() {
        DivergenceWatch watch = new DivergenceWatch(0.1124);
        watch.epochFinished(epoch(1, 2.2, 0.13, 0.01)); // slow, but above chance
        watch.epochFinished(epoch(2, 1.9, 0.40, 0.01));
        watch.epochFinished(epoch(3, 0.3, 0.92, 0.01));
    }
}
