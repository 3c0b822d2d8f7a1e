package org.nnlab.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nnlab.data.LabeledImages;

class PreprocessingTest {
    /** Three 1×2 images: pixel 0 varies (0, 51, 255), pixel 1 is always 7. */
    private static final LabeledImages TRAIN = new LabeledImages(3, 1, 2,
            new byte[] {0, 7, 51, 7, (byte) 255, 7}, new byte[] {0, 1, 2});

    @Test
    void fixedScalingsMapPixelsAsTheReportsDid() {
        assertEquals(1.0, Preprocessing.of(InputScaling.UNIT).apply(255, 0), 0);
        assertEquals(0.2, Preprocessing.of(InputScaling.UNIT).apply(51, 0), 1e-15);
        assertEquals(0.01, Preprocessing.of(InputScaling.OFFSET_UNIT).apply(0, 0), 1e-15);
        assertEquals(1.0, Preprocessing.of(InputScaling.OFFSET_UNIT).apply(255, 0), 1e-15);
        assertEquals(51.0, Preprocessing.of(InputScaling.RAW).apply(51, 0), 0);
    }

    @Test
    void standardisationUsesTheTrainingImagesStatisticsAndZeroesConstantPixels() {
        Preprocessing p = Preprocessing.fit(InputScaling.STANDARDIZE, TRAIN);
        double mean = (0 + 51 + 255) / 3.0;
        double std = Math.sqrt((mean * mean + (51 - mean) * (51 - mean) + (255 - mean) * (255 - mean)) / 3);
        assertEquals((float) mean, p.mean()[0], 0);
        assertEquals(std, p.std()[0], 1e-4);
        assertEquals((200 - p.mean()[0]) / (double) p.std()[0], p.apply(200, 0), 1e-12);
        assertEquals(0, p.std()[1], 0);
        assertEquals(0, p.apply(200, 1), 0, "a pixel constant in training carries no information");
    }

    @Test
    void examplesApplyThePreprocessingAndTheTask() {
        Examples examples = Examples.from(TRAIN, Preprocessing.of(InputScaling.UNIT), Task.digitVersusRest(2));
        assertEquals(0.2, examples.inputs().get(1, 0), 1e-7);
        assertEquals(2, examples.classes());
        assertEquals(0, examples.labels()[0]);
        assertEquals(1, examples.labels()[2]);
    }

    @Test
    void tasksReadBackFromTheirNames() {
        assertEquals(Task.TEN_CLASSES, Task.parse("digits"));
        assertEquals(Task.digitVersusRest(5), Task.parse(Task.digitVersusRest(5).spec()));
        assertEquals(1, Task.parse("0-vs-rest").outputs());
        assertThrows(IllegalArgumentException.class, () -> Task.parse("11-vs-rest"));
    }
}
