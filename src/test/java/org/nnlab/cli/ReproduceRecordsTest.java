package org.nnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnlab.experiment.Experiment;
import org.nnlab.reproduce.Presets;

/** nnlab reproduce's records (issue #14): --variant, --list, and the Fashion-MNIST baseline being nnlab train's defaults. */
class ReproduceRecordsTest {

    @Test
    void theFashionBaselineIsWhatTrainRunsByDefaultOnFashionMnist() {
        Flags flags = ExperimentFlags.declare(new Flags("train"));
        flags.parse(new String[] {"--dataset", "fashion-mnist"});
        Experiment defaults = ExperimentFlags.from(flags);
        assertEquals(defaults, Presets.named("fashion").comparisons().get(0).faithful());
    }

    @Test
    void listNamesTheVariants() {
        CommandLineTest.Run run = CommandLineTest.run("reproduce", "--list");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("(--variant none|affine|elastic)"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("fashion ")), run.out());
    }

    @Test
    void anUnknownVariantOrAVariantOfAPresetWithoutThemIsOneLine() {
        CommandLineTest.Run unknown = CommandLineTest.run("reproduce", "simard", "--variant", "rotated");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown variant 'rotated' of simard, expected one of [none, affine, elastic]"),
                unknown.err());
        CommandLineTest.Run none = CommandLineTest.run("reproduce", "yao", "--variant", "elastic");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("preset yao has no variants"), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());
    }
}
