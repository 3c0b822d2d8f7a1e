package org.nnlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrapping the setup and caption lines under a heading. */
class TitleBlockTest {
    private static final String SETUP = "m.npz: mnist, network 784-512-10 relu, softmax-ce; SGD lr 0.5 ×0.9 after each epoch,"
            + " batch 64 (shuffle, update per batch, gradient mean), 1 epochs, seed 1";

    @Test
    void wrappedLinesFitKeepEveryWordInOrderAndLeaveNoWordAlone() {
        double width = 720;
        List<String> lines = TitleBlock.wrap(SETUP, TitleBlock.SETUP_SIZE, width);
        assertEquals(SETUP, String.join(" ", lines), "the words, in order");
        double widest = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        for (String line : lines) {
            double w = TextMetrics.width(line, TitleBlock.SETUP_SIZE, false);
            assertTrue(w <= width, "'" + line + "' is " + w + " wide, more than " + width);
            widest = Math.max(widest, w);
            narrowest = Math.min(narrowest, w);
        }
        // Greedy wrapping left "seed 1" alone on a third line; balanced, no line is under half the widest.
        assertTrue(lines.stream().noneMatch(line -> line.split(" ").length <= 2), lines.toString());
        assertTrue(narrowest > widest / 2, lines.toString());
    }

    @Test
    void textThatFitsStaysOnOneLine() {
        assertEquals(List.of("seed 1"), TitleBlock.wrap("  seed 1 ", TitleBlock.SETUP_SIZE, 720));
        assertEquals(List.of(), TitleBlock.wrap(" ", TitleBlock.SETUP_SIZE, 720));
    }
}
