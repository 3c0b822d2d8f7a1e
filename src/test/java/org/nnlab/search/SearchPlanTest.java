package org.nnlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expanding what is searched into configurations: grid order, random draws, and the mistakes refused. */
class SearchPlanTest {

    private static Map<String, String> searched(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static SearchPlan grid(String... pairs) {
        return SearchPlan.of(Map.of(), searched(pairs), List.of(1L), 0, 1);
    }

    private static SearchPlan random(int count, long searchSeed, String... pairs) {
        return SearchPlan.of(Map.of(), searched(pairs), List.of(1L), count, searchSeed);
    }

    @Test
    void aGridIsEveryCombinationNumberedLikeNestedLoopsFirstOptionOutermost() {
        SearchPlan plan = grid("lr", "0.05,0.1,0.5", "hidden", "128,256", "activation", "relu,tanh");
        assertEquals(12, plan.configurations().size());
        List<String> described = plan.configurations().stream().map(Configuration::describe).toList();
        assertEquals("lr 0.05, hidden 128, activation relu", described.get(0));
        assertEquals("lr 0.05, hidden 128, activation tanh", described.get(1));
        assertEquals("lr 0.05, hidden 256, activation relu", described.get(2));
        assertEquals("lr 0.1, hidden 128, activation relu", described.get(4));
        assertEquals("lr 0.5, hidden 256, activation tanh", described.get(11));
        assertEquals(new HashSet<>(described).size(), 12, "no combination twice");
        for (int i = 0; i < 12; i++) {
            assertEquals(i + 1, plan.configurations().get(i).number());
        }
        assertEquals(List.of("--lr", "0.05", "--hidden", "128", "--activation", "relu"),
                plan.configurations().get(0).arguments());
    }

    @Test
    void runsAreConfigurationsTimesSeeds() {
        SearchPlan plan = SearchPlan.of(Map.of("epochs", "2"), searched("lr", "0.1,0.2"), List.of(1L, 7L, 42L), 0, 1);
        assertEquals(6, plan.runCount());
    }

    @Test
    void logUniformMapsTheUnitIntervalOntoTheRangeInLogSpace() {
        assertEquals(1e-4, PlanExpansion.logUniform(1e-4, 1e-1, 0), 1e-18);
        assertEquals(1e-1, PlanExpansion.logUniform(1e-4, 1e-1, 1), 1e-15);
        assertEquals(1e-3, PlanExpansion.logUniform(1e-4, 1e-1, 1.0 / 3), 1e-15, "a third of the way: one decade up");
        assertEquals(Math.sqrt(64 * 1024), PlanExpansion.logUniform(64, 1024, 0.5), 1e-9, "halfway: the geometric mean");
    }

    @Test
    void aRandomRangeIsDrawnLogUniformlyWithinItsEnds() {
        SearchPlan plan = random(600, 5, "lr", "1e-4..1e-1");
        int[] perDecade = new int[3];
        for (Configuration c : plan.configurations()) {
            double lr = Double.parseDouble(c.values().get("lr"));
            assertTrue(lr >= 1e-4 && lr <= 1e-1, "out of range: " + lr);
            perDecade[Math.min(2, (int) Math.floor(Math.log10(lr) + 4))]++;
        }
        // Log-uniform: each decade a third of the draws (binomial sd ≈ 11.5, so ±60 is 5 sd).
        for (int count : perDecade) {
            assertTrue(Math.abs(count - 200) < 60, "draws per decade " + java.util.Arrays.toString(perDecade));
        }
    }

    @Test
    void sampledRealsKeepThreeSignificantDigitsAndWholeNumbersAreRounded() {
        SearchPlan plan = random(200, 3, "lr", "0.001..0.5", "hidden", "64..1024");
        for (Configuration c : plan.configurations()) {
            String lr = c.values().get("lr");
            assertTrue(new java.math.BigDecimal(lr).precision() <= 3, lr);
            String hidden = c.values().get("hidden");
            int h = Integer.parseInt(hidden);
            assertTrue(h >= 64 && h <= 1024, hidden);
        }
    }

    @Test
    void aListUnderRandomIsDrawnUniformlyFromItsValues() {
        SearchPlan plan = random(60, 2, "lr", "1e-3..1", "activation", "relu,tanh,sigmoid");
        Map<String, Integer> counts = new LinkedHashMap<>();
        plan.configurations().forEach(c -> counts.merge(c.values().get("activation"), 1, Integer::sum));
        assertEquals(Set.of("relu", "tanh", "sigmoid"), counts.keySet());
        counts.values().forEach(n -> assertTrue(n >= 8, "each value drawn: " + counts));
    }

    @Test
    void theSameSearchSeedDrawsTheSamePlanAndAnotherSeedAnother() {
        List<Configuration> a = random(10, 1, "lr", "1e-4..1e-1", "hidden", "64..1024").configurations();
        List<Configuration> b = random(10, 1, "lr", "1e-4..1e-1", "hidden", "64..1024").configurations();
        List<Configuration> c = random(10, 2, "lr", "1e-4..1e-1", "hidden", "64..1024").configurations();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(10, new HashSet<>(a.stream().map(Configuration::values).toList()).size(), "distinct configurations");
    }

    @Test
    void aRandomPlanAsksForNoMoreConfigurationsThanTheValuesAllow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> random(5, 1, "hidden", "1..2", "activation", "relu"));
        assertTrue(e.getMessage().contains("allow only 2 different configurations"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lr|0.1..|--lr 0.1..: expected a range LOW..HIGH of two positive numbers",
        "lr|..0.1|--lr ..0.1: expected a range LOW..HIGH",
        "lr|0.5..0.05|--lr 0.5..0.05: expected a range LOW..HIGH",
        "lr|0..0.1|--lr 0..0.1: expected a range LOW..HIGH",
        "hidden|1.5..8|--hidden 1.5..8: expected a range LOW..HIGH of two whole numbers ≥ 1",
        "activation|relu..tanh|--activation relu..tanh: a range needs a number option",
        "lr|0.1,,0.5|--lr 0.1,,0.5: an empty value in the list",
        "lr|0.1,0.1|--lr 0.1,0.1: 0.1 is listed twice",
        "dataset|mnist,fashion-mnist|--dataset cannot be searched: a search loads one dataset",
        "seed|1,2|--seed cannot be searched: give the seeds with --seeds",
        "keep-best|a,b|--keep-best cannot be searched",
    })
    void badSearchValuesAreRefusedNamingTheFlag(String flag, String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> random(3, 1, "hidden", "64..128", flag, text));
        assertTrue(e.getMessage().startsWith(expected), "expected «" + expected + "…», got «" + e.getMessage() + "»");
    }

    @Test
    void aGridRefusesARangeAndRandomNeedsOne() {
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class, () -> grid("lr", "1e-4..1e-1"));
        assertTrue(grid.getMessage().contains("--lr 1e-4..1e-1 is a range, which only --random N samples"), grid.getMessage());
        IllegalArgumentException random = assertThrows(IllegalArgumentException.class,
                () -> random(4, 1, "lr", "0.1,0.2"));
        assertTrue(random.getMessage().contains("--random 4 samples ranges LOW..HIGH"), random.getMessage());
    }

    @Test
    void aPlanWithNothingToVaryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchPlan.of(Map.of("lr", "0.1"), Map.of(), List.of(1L), 0, 1));
        assertTrue(e.getMessage().startsWith("nothing to search"), e.getMessage());
        assertEquals(3, SearchPlan.of(Map.of(), Map.of(), List.of(1L, 2L, 3L), 0, 1).runCount(),
                "seeds alone are a search: one configuration, several seeds");
    }

    @Test
    void differencesBetweenPlansAreNamed() {
        SearchPlan plan = SearchPlan.of(Map.of("epochs", "2"), searched("lr", "0.1,0.2"), List.of(1L, 2L), 0, 1);
        assertTrue(plan.difference(plan).isEmpty());
        List<String> differences = new ArrayList<>();
        for (SearchPlan other : List.of(
                SearchPlan.of(Map.of("epochs", "2"), searched("lr", "0.1,0.3"), List.of(1L, 2L), 0, 1),
                SearchPlan.of(Map.of("epochs", "3"), searched("lr", "0.1,0.2"), List.of(1L, 2L), 0, 1),
                SearchPlan.of(Map.of(), searched("lr", "0.1,0.2"), List.of(1L, 2L), 0, 1),
                SearchPlan.of(Map.of("epochs", "2"), searched("lr", "0.1,0.2"), List.of(1L), 0, 1))) {
            differences.add(plan.difference(other).orElseThrow());
        }
        assertEquals(List.of("--lr (searched) is 0.1,0.3 there, 0.1,0.2 here",
                "--epochs (fixed) is 3 there, 2 here",
                "--epochs (fixed) is not given there, 2 here",
                "--seeds: the seeds are [1] there, [1, 2] here"), differences);
    }
}
