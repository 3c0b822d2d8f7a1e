package org.nnlab.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.experiment.Experiment;

/** The presets as data: one per report, each row complete, faithful and corrected really different. */
class PresetsTest {

    @Test
    void onePresetPerReportNamedAfterItsAuthorsThenTheRecords() {
        assertEquals(List.of("xu-shi", "qin", "fouchier-yang", "uzel", "yao", "simard", "fashion"),
                Presets.all().stream().map(Preset::name).toList());
        assertEquals(List.of("000_f789414043e62a6a.txt", "001_455d2d35a5c036d5.txt", "002_0d26e65b4a23b115.txt",
                "003_4cfffd77f2ab2534.txt", "004_d686a9e75fc133b4.txt"),
                Presets.all().subList(0, 5).stream().map(Preset::reportFile).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.named("smith"));
        assertTrue(e.getMessage().contains("[xu-shi, qin, fouchier-yang, uzel, yao, simard, fashion]"), e.getMessage());
    }

    @Test
    void simardHasOneVariantPerRowOfThePapersTable() {
        Preset simard = Presets.named("simard");
        assertEquals(List.of("none", "affine", "elastic"), simard.variants());
        assertEquals(List.of("98.40%", "98.90%", "99.30%"),
                simard.comparisons().stream().map(c -> c.claims().get(0).reported()).toList());
        for (String name : simard.variants()) {
            List<Comparison> rows = simard.variant(name).comparisons();
            assertEquals(1, rows.size(), name);
            Comparison row = rows.get(0);
            assertTrue(row.setup().startsWith(name + ": --hidden 800 --activation relu --loss softmax-ce"), row.setup());
            assertTrue(row.setup().contains("--epochs " + row.corrected().training().epochs() + " --keep-best"), row.setup());
            assertFalse(row.setup().contains("--seed"), "a row runs over seeds 1 to 3, so its flags name none: " + row.setup());
            assertEquals(null, row.faithful(), "the paper has no code to be faithful to");
            assertEquals(List.of(1L, 2L, 3L), row.seeds());
            Experiment recipe = row.corrected();
            assertEquals(800, recipe.network().hidden());
            assertEquals("55k/5k", recipe.split().spec(), "chosen on validation images held out of the training set");
            assertTrue(recipe.training().keepBest());
            String kinds = recipe.training().augmentation().kinds();
            assertEquals(name, kinds, "the variant is the augmentation");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> simard.variant("rotated"));
        assertTrue(e.getMessage().contains("[none, affine, elastic]"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Presets.named("yao").variant("none"));
        assertTrue(none.getMessage().contains("preset yao has no variants; --variant is for [simard]"), none.getMessage());
    }

    @Test
    void theFashionRecipeTrainsOnClothesWithFlipsAndNoTurns() {
        Preset fashion = Presets.named("fashion");
        assertEquals("fashion-mnist", fashion.dataset());
        Experiment recipe = fashion.comparisons().get(0).corrected();
        assertEquals("fashion-mnist", recipe.dataset());
        assertTrue(recipe.training().augmentation().flip());
        assertFalse(recipe.training().augmentation().affine(), "no turns, slants or shifts for clothes");
        assertFalse(recipe.training().augmentation().elastic());
        assertTrue(recipe.network().dropout() > 0);
        assertEquals("fashion-mnist", fashion.comparisons().get(0).faithful().dataset());
    }

    @Test
    void everyDefaultBudgetRunsSomethingAndEveryRowStatesAClaim() {
        for (Preset preset : Presets.all()) {
            assertTrue(preset.comparisons().stream().anyMatch(c -> !c.fullOnly()), preset.name());
            for (Comparison row : preset.comparisons()) {
                assertTrue(!row.claims().isEmpty(), preset.name() + ": " + row.setup());
                Experiment any = row.faithful() != null ? row.faithful() : row.corrected();
                assertTrue(row.epochs(Budget.DEFAULT, any) <= row.epochs(Budget.FULL, any), row.setup());
            }
        }
    }

    @Test
    void faithfulAndCorrectedRunsDifferInTheirSetup() {
        for (Preset preset : Presets.all()) {
            for (Comparison row : preset.comparisons()) {
                if (row.faithful() != null && row.corrected() != null) {
                    assertNotEquals(row.faithful(), row.corrected(), preset.name() + ": " + row.setup());
                }
            }
        }
    }

    @Test
    void reportSpecificsAreEncoded() {
        Comparison xuShi = Presets.named("xu-shi").comparisons().get(0);
        assertEquals("sum", xuShi.faithful().training().reduction().cliName());
        assertTrue(xuShi.faithful().training().freezeBiases());
        assertEquals(50_000, xuShi.faithful().split().trainSize());
        Comparison qin = Presets.named("qin").comparisons().get(0);
        assertEquals("example", qin.faithful().training().updates().cliName());
        assertEquals("offset-unit", qin.faithful().scaling().cliName());
        Comparison uzel = Presets.named("uzel").comparisons().get(0);
        assertEquals(List.of(42L, 268L, 975L), uzel.seeds());
        assertEquals("all/stratified-test", uzel.faithful().split().spec());
        assertEquals(17 + 1 + 3 + 2, Presets.named("uzel").comparisons().size(), "18-run grid, 3 batch sizes, 2 L2 rows");
        Comparison yao = Presets.named("yao").comparisons().get(0);
        assertEquals("replacement", yao.faithful().training().sampling().cliName());
        assertEquals("raw", yao.faithful().scaling().cliName());
        assertTrue(yao.faithful().training().keepBest());
    }
}
