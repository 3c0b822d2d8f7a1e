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

    @Test
    void seedsPicksSomeOfAPresetsSeeds() {
        org.nnlab.reproduce.Preset two = Presets.named("simard").variant("elastic").withSeeds(java.util.List.of(2L));
        assertEquals(java.util.List.of(2L), two.comparisons().get(0).seeds());
        assertEquals(Presets.named("simard").variant("elastic").comparisons().get(0).corrected(),
                two.comparisons().get(0).corrected(), "the same run, one seed of it");
        CommandLineTest.Run none = CommandLineTest.run("reproduce", "simard", "--seeds", "7");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no row of simard runs seeds [7]; its seeds are [1, 2, 3]"), none.err());
        CommandLineTest.Run bad = CommandLineTest.run("reproduce", "simard", "--seeds", "one");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--seeds must be a list of seeds such as 1,3, got 'one'"), bad.err());
    }
}
