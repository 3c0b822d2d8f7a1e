package org.nnlab.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListingTest {

    @Test
    void commandsAndTheirOutputsReadBackAsWritten() {
        String text = "$ ./nnlab gradcheck --batch 2\ngradient check: …\n\nPASS\n$ cat grades.csv\nsubmission,total\n";
        Listing listing = Listing.parse("x.console", text);
        assertEquals(2, listing.steps().size());
        assertEquals("./nnlab gradcheck --batch 2", listing.steps().get(0).command());
        assertEquals(List.of("gradient check: …", "", "PASS"), listing.steps().get(0).output());
        assertEquals(List.of("submission,total"), listing.steps().get(1).output());
        assertEquals(text, listing.format());
    }

    @Test
    void newOutputsKeepTheCommands() {
        Listing listing = Listing.parse("x.console", "$ ./nnlab a\nold\n");
        assertEquals("$ ./nnlab a\nnew\n", listing.withOutputs(List.of(List.of("new", ""))).format());
    }

    @Test
    void aListingMustStartWithACommand() {
        assertThrows(IllegalArgumentException.class, () -> Listing.parse("x.console", "output without a command\n"));
        assertThrows(IllegalArgumentException.class, () -> Listing.parse("x.console", "\n"));
    }

    @Test
    void shellWordsHonourQuotes() {
        assertEquals(List.of("./nnlab", "plot", "--title", "a run; seed 1", "--out", "x y"),
                ShellWords.split("./nnlab plot --title 'a run; seed 1' --out \"x y\""));
    }
}
