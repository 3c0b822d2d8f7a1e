package org.nnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.preprocessing.Examples;

class ScheduleTest {

    /** A history whose validation accuracies are the given values, epochs 1, 2, ... */
    private static List<EpochResult> history(double... validationAccuracies) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 0; i < validationAccuracies.length; i++) {
            epochs.add(new EpochResult(i + 1, 0, 0, 0, 0, validationAccuracies[i], 1, 1));
        }
        return epochs;
    }

    @Test
    void constantNeverChanges() {
        assertEquals(0.3, new LearningRateSchedule.Constant().rate(0.3, 7, history(0.1, 0.2, 0.1)), 0);
    }

    @Test
    void perEpochMultipliesAfterEveryEpoch() {
        LearningRateSchedule s = new LearningRateSchedule.PerEpoch(0.5);
        assertEquals(0.8, s.rate(0.8, 1, history()), 0);
        assertEquals(0.4, s.rate(0.8, 2, history(0.9)), 0);
        assertEquals(0.1, s.rate(0.8, 4, history(0.9, 0.9, 0.9)), 0);
    }

    @Test
    void stepDecayMultipliesEveryKEpochs() {
        LearningRateSchedule s = new LearningRateSchedule.Step(0.1, 3);
        assertEquals(1.0, s.rate(1.0, 3, history()), 0);
        assertEquals(0.1, s.rate(1.0, 4, history()), 1e-15);
        assertEquals(0.1, s.rate(1.0, 6, history()), 1e-15);
        assertEquals(0.01, s.rate(1.0, 7, history()), 1e-15);
    }

    @Test
    void onDropHalvesAfterEachEpochWhoseValidationAccuracyFell() {
        LearningRateSchedule s = new LearningRateSchedule.OnValidationDrop(0.5);
        List<EpochResult> h = history(0.90, 0.95, 0.94, 0.96, 0.96, 0.93);
        assertEquals(1.0, s.rate(1.0, 1, h.subList(0, 0)), 0);
        assertEquals(1.0, s.rate(1.0, 2, h.subList(0, 1)), 0);
        assertEquals(1.0, s.rate(1.0, 3, h.subList(0, 2)), 0); // 0.90 → 0.95 rose
        assertEquals(0.5, s.rate(1.0, 4, h.subList(0, 3)), 0); // 0.95 → 0.94 fell
        assertEquals(0.5, s.rate(1.0, 6, h.subList(0, 5)), 0); // equal is no drop
        assertEquals(0.25, s.rate(1.0, 7, h), 0);              // 0.96 → 0.93 fell
    }

    @Test
    void specsReadBackAsTheSameSchedule() {
        for (String spec : List.of("constant", "per-epoch:0.95", "step:0.5:10", "on-drop:0.5")) {
            assertEquals(spec, LearningRateSchedule.parse(spec).spec());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step:0.5"));
        assertTrue(e.getMessage().contains("step:γ:K"), e.getMessage());
    }

    @Test
    void trainingUsesTheScheduleRates() {
        Examples data = SyntheticProblems.blobs(100, 4, 2, 3);
        Examples.Split split = data.split(20, 4);
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(10).learningRate(0.2)
                .schedule(new LearningRateSchedule.Step(0.5, 2)).build();
        List<EpochResult> epochs = TrainingRuns.train(TrainingRuns.softmaxSpec(4, 4, 2), split, config).epochs();
        double[] expected = {0.2, 0.2, 0.1, 0.1, 0.05};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], epochs.get(i).learningRate(), 1e-15, "epoch " + (i + 1));
        }
    }
}
