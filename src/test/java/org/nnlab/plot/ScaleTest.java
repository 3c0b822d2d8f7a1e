package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Axes: round-numbered ticks, and log axes for values that span decades. */
class ScaleTest {

    private static List<String> labels(Scale scale) {
        return scale.ticks().stream().map(Tick::label).toList();
    }

    @Test
    void linearTicksAreRoundNumbersCoveringTheData() {
        LinearScale loss = LinearScale.covering(0.03, 0.347, false, 500, 100, 8);
        assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4"), labels(loss));
        assertEquals(500, loss.toPixel(0), 1e-9);
        assertEquals(100, loss.toPixel(0.4), 1e-9);
        assertEquals(300, loss.toPixel(0.2), 1e-9);

        LinearScale accuracy = LinearScale.covering(89.21, 99.3, false, 500, 100, 8);
        assertEquals(List.of("88", "90", "92", "94", "96", "98", "100"), labels(accuracy));
    }

    @Test
    void wholeNumberAxesNeverStepByFractions() {
        assertEquals(List.of("1", "2"), labels(LinearScale.covering(1, 2, true, 0, 800, 8)));
        assertEquals(List.of("0", "10", "20", "30", "40", "50"), labels(LinearScale.covering(1, 50, true, 0, 800, 8)));
        assertEquals(List.of("0", "1", "2"), labels(LinearScale.covering(1, 1, true, 0, 800, 8)), "one epoch: centred");
    }

    @Test
    void logTicksAre125WithinThreeDecadesAndPowersOfTenBeyond() {
        assertEquals(List.of("0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"),
                labels(LogScale.covering(1.0 / 128, 1, false, 0, 700)));
        assertEquals(List.of("50", "100", "200", "500", "1000"), labels(LogScale.covering(50, 1000, false, 0, 700)));
        assertEquals(List.of("1e-7", "1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1"),
                labels(LogScale.covering(1e-7, 1e-1, false, 0, 700)));
    }

    @Test
    void aLogAxisGivesEveryDecadeTheSameLength() {
        LogScale scale = LogScale.covering(1e-7, 1e-1, false, 100, 700);
        double decade = scale.toPixel(1e-6) - scale.toPixel(1e-7);
        assertEquals(100, decade, 1e-9);
        assertEquals(decade, scale.toPixel(1e-1) - scale.toPixel(1e-2), 1e-9);
        assertTrue(Double.isNaN(scale.toPixel(0)), "0 has no place on a log axis without a zero slot");
    }

    @Test
    void zeroGetsASlotBeforeABreak() {
        LogScale scale = LogScale.covering(1e-7, 1e-1, true, 100, 700);
        assertEquals("0", labels(scale).get(0));
        assertEquals(100, scale.toPixel(0), 1e-9);
        double brk = scale.breakPixel();
        assertTrue(scale.toPixel(0) < brk && brk < scale.toPixel(1e-7), "the break lies between 0 and the first decade");
        assertTrue(scale.breaksBetween(0, 1e-7));
        assertFalse(scale.breaksBetween(1e-7, 1e-6));
    }
}
