package org.nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnlab.kernels.Tile;

class TilesSideBySideTest {
    @Test
    void eachTileIsComparedWithTheFirstInTheSameRound() {
        // Round 2 ran on a slow core: both tiles lost a third, the ratio did not move.
        double[][] rates = {{90, 60, 90}, {99, 66, 108}};
        double[][] ratios = TilesSideBySide.pairedRatios(rates);
        assertArrayEquals(new double[] {1, 1, 1}, ratios[0], 1e-12);
        assertArrayEquals(new double[] {1.1, 1.1, 1.2}, ratios[1], 1e-12);
        assertEquals(1.1, TilesSideBySide.quantile(ratios[1], 0.5), 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        double[] odd = {5, 1, 4, 2, 3};
        assertEquals(3, TilesSideBySide.quantile(odd, 0.5));
        assertEquals(2, TilesSideBySide.quantile(odd, 0.25));
        assertEquals(4, TilesSideBySide.quantile(odd, 0.75));
        assertEquals(1, TilesSideBySide.quantile(odd, 0));
        assertEquals(5, TilesSideBySide.quantile(odd, 1));
        assertArrayEquals(new double[] {5, 1, 4, 2, 3}, odd, "the sample itself is left unsorted");
        double[] even = {4, 1, 3, 2};
        assertEquals(2.5, TilesSideBySide.quantile(even, 0.5), 1e-12, "the mean of the two middle values");
        assertEquals(1.75, TilesSideBySide.quantile(even, 0.25), 1e-12);
    }

    @Test
    void theDefaultsAreEveryTileAtTheFiveProductsOfATrainingStep() {
        TilesSideBySide.Options options = TilesSideBySide.Options.parse(new String[0]);
        assertEquals(Tile.SHAPES, options.tiles());
        assertEquals(List.of(MatmulShape.HIDDEN_FORWARD, MatmulShape.WEIGHT_GRADIENT, MatmulShape.HIDDEN_GRADIENT,
                MatmulShape.OUTPUT_FORWARD, MatmulShape.OUTPUT_WEIGHT_GRADIENT), options.shapes());
        assertEquals(40, options.rounds());
        assertEquals(false, options.dense());
        TilesSideBySide.Options chosen = TilesSideBySide.Options.parse(
                new String[] {"--dense", "--rounds", "3", "--burst-ms", "5", "--tiles", "4x2,2x4", "OUTPUT_FORWARD"});
        assertEquals(List.of(new Tile(4, 2), new Tile(2, 4)), chosen.tiles());
        assertEquals(List.of(MatmulShape.OUTPUT_FORWARD), chosen.shapes());
        assertEquals(5_000_000, chosen.burstNanos());
        assertEquals(3, chosen.rounds());
        assertTrue(chosen.dense());
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage("--rounds must be a whole number above 0, got '0'", "--rounds", "0");
        assertMessage("--burst-ms needs a value", "--burst-ms");
        assertMessage("unknown option or shape 'XW1'", "XW1");
        assertMessage("--tiles must be different tiles separated by commas, each one of 8x2, 6x2, 5x2, 4x2, 3x3, 2x4, 8x3, 6x4, 4x4, got '6x2,7x7'",
                "--tiles", "6x2,7x7");
        assertMessage("--tiles must be different tiles separated by commas", "--tiles", ",");
        assertMessage("--tiles names 6×2 twice, in '6x2,4x2,6x2'", "--tiles", "6x2,4x2,6x2");
    }

    @Test
    void aShortComparisonTimesEveryTile() {
        TilesSideBySide.Options options = TilesSideBySide.Options.parse(
                new String[] {"--rounds", "3", "--burst-ms", "1", "--tiles", "4x2,2x4", "OUTPUT_FORWARD"});
        String table = TilesSideBySide.compare(MatmulShape.OUTPUT_FORWARD, options, null, 1_000_000);
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).startsWith("OUTPUT_FORWARD (A·B 64×512×10), zero-skipping, A: random, no zeros; 3 rounds"), lines.get(0));
        assertEquals(4, lines.size(), table);
        assertTrue(lines.get(2).matches("  4×2 +\\d+\\.\\d .*  1\\.000 \\(1\\.000–1\\.000\\)"), lines.get(2));
        assertTrue(lines.get(3).matches("  2×4 +\\d+\\.\\d .*  \\d\\.\\d{3} \\(\\d\\.\\d{3}–\\d\\.\\d{3}\\)"), lines.get(3));
    }

    private static void assertMessage(String start, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TilesSideBySide.Options.parse(args));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
