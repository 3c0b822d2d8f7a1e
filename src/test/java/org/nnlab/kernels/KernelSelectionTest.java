package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    @Test
    void choosesByName() {
        assertEquals("scalar", KernelSelection.choose("scalar").name());
        assertInstanceOf(VectorKernels.class, KernelSelection.choose(" Vector "));
        assertThrows(IllegalArgumentException.class, () -> KernelSelection.choose("gpu"));
    }

    @Test
    void threadCountComesFromThePropertyOrTheProcessorCount() {
        withPropertyRestored(VectorKernels.THREADS_PROPERTY, () -> {
            System.clearProperty(VectorKernels.THREADS_PROPERTY);
            assertEquals(Runtime.getRuntime().availableProcessors(), new VectorKernels().threads());
            System.setProperty(VectorKernels.THREADS_PROPERTY, " 3 ");
            assertEquals(3, new VectorKernels().threads());
            System.setProperty(VectorKernels.THREADS_PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, VectorKernels::new);
            System.setProperty(VectorKernels.THREADS_PROPERTY, "two");
            assertThrows(IllegalArgumentException.class, VectorKernels::new);
        });
    }

    @Test
    void thePlanComesFromTheRegistersAndTheJdk() {
        // wide A·B, Aᵀ·B, A·Bᵀ, narrow A·B: the figures are in MachineTile's comment
        TilePlan jdk17 = new TilePlan(new Tile(2, 4), new Tile(2, 4), new Tile(6, 2), new Tile(4, 2));
        TilePlan jdk25 = new TilePlan(new Tile(2, 4), new Tile(2, 4), new Tile(4, 2), new Tile(4, 2));
        assertEquals(new TilePlan(new Tile(6, 4), new Tile(6, 4), new Tile(4, 4), new Tile(8, 2)), MachineTile.forMachine(32, 17));
        assertEquals(new TilePlan(new Tile(6, 4), new Tile(4, 4), new Tile(4, 4), new Tile(8, 2)), MachineTile.forMachine(32, 25));
        assertEquals(jdk17, MachineTile.forMachine(16, 17));
        assertEquals(jdk17, MachineTile.forMachine(16, 21));
        assertEquals(jdk25, MachineTile.forMachine(16, 25));
        assertEquals(jdk25, MachineTile.forMachine(16, 26));
        // without zero-skipping, the dense plans
        TilePlan dense32 = new TilePlan(new Tile(8, 3), new Tile(8, 3), new Tile(4, 4), new Tile(8, 2));
        assertEquals(dense32, MachineTile.denseForMachine(32, 17));
        assertEquals(dense32, MachineTile.denseForMachine(32, 25));
        assertEquals(TilePlan.everywhere(new Tile(6, 2)), MachineTile.denseForMachine(16, 17));
        assertEquals(new TilePlan(new Tile(4, 2), new Tile(5, 2), new Tile(4, 2), new Tile(4, 2)), MachineTile.denseForMachine(16, 25));
        for (int registers : new int[] {16, 32}) {
            for (int jdk : new int[] {17, 25}) {
                List<Tile> chosen = new ArrayList<>(MachineTile.forMachine(registers, jdk).distinct());
                chosen.addAll(MachineTile.denseForMachine(registers, jdk).distinct());
                for (Tile tile : chosen) {
                    assertTrue(Tile.SHAPES.contains(tile), tile + " has no kernels");
                    assertTrue(tile.registers() <= registers, tile + " needs " + tile.registers() + " of " + registers + " registers");
                }
            }
        }
    }

    @Test
    void theTilePropertyNamesAShapeWithKernels() {
        assertEquals(new Tile(6, 2), Tile.parse("6x2"));
        assertEquals(new Tile(4, 2), Tile.parse(" 4×2 "));
        for (String bad : new String[] {"7x7", "6", "6x", "x2", "ax2", "6x2x1", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tile.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("system property nnlab.tile must be one of 8x2, 6x2"), e.getMessage());
        }
        withPropertyRestored(Tile.PROPERTY, () -> {
            System.setProperty(Tile.PROPERTY, "5x2");
            assertEquals(TilePlan.everywhere(new Tile(5, 2)), MachineTile.chosen(true));
            assertEquals(TilePlan.everywhere(new Tile(5, 2)), MachineTile.chosen(false));
            assertEquals(TilePlan.everywhere(new Tile(5, 2)), new VectorKernels(1).tiles());
        });
    }

    @Test
    void theTilePropertyCanNameATilePerForm() {
        TilePlan plan = new TilePlan(new Tile(2, 4), new Tile(6, 2), new Tile(3, 3), new Tile(4, 2));
        assertEquals(plan, TilePlan.parse("2x4,6x2,3x3,4x2"));
        assertEquals(plan, TilePlan.parse("2×4, 6×2, 3×3, 4×2"));
        for (String bad : new String[] {"2x4,6x2", "2x4,6x2,3x3,4x2,4x2", "2x4,,3x3,4x2", ","}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TilePlan.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("system property nnlab.tile must"), e.getMessage());
        }
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> TilePlan.parse("2x4,6x2"));
        assertTrue(count.getMessage().contains("or four separated by commas, for wide A·B, Aᵀ·B, A·Bᵀ and narrow A·B"), count.getMessage());
        IllegalArgumentException third = assertThrows(IllegalArgumentException.class, () -> TilePlan.parse("2x4,6x2,7x7,4x2"));
        assertTrue(third.getMessage().endsWith("its tile for A·Bᵀ, '7x7', is not one of 8x2, 6x2, 5x2, 4x2, 3x3, 2x4, 8x3, 6x4, 4x4 (got '2x4,6x2,7x7,4x2')"),
                third.getMessage());
        withPropertyRestored(Tile.PROPERTY, () -> {
            System.setProperty(Tile.PROPERTY, "2x4,6x2,3x3,4x2");
            assertEquals(plan, MachineTile.chosen(true));
            assertEquals(plan, MachineTile.chosen(false));
            assertEquals(plan, new VectorKernels(1).tiles());
            assertEquals(plan, new VectorKernels(1).zeroFreeTiles(), "the property's plan also for an A without zeros");
        });
    }

    @Test
    void anAWithoutZerosGetsTheMachinesDenseTiles() {
        withPropertyRestored(Tile.PROPERTY, () -> {
            System.clearProperty(Tile.PROPERTY);
            withPropertyRestored(VectorKernels.SPARSE_PROPERTY, () -> {
                System.clearProperty(VectorKernels.SPARSE_PROPERTY);
                VectorKernels skipping = new VectorKernels(1);
                assertEquals(MachineTile.chosen(true), skipping.tiles());
                TilePlan dense = MachineTile.chosen(false);
                assertEquals(new TilePlan(dense.wide(), dense.transposedA(), dense.transposedB(), skipping.tiles().narrow()),
                        skipping.zeroFreeTiles(), "the dense plan, except for the narrow form, which never looks for zeros");
                System.setProperty(VectorKernels.SPARSE_PROPERTY, "false");
                VectorKernels denseKernels = new VectorKernels(1);
                assertEquals(dense, denseKernels.tiles());
                assertEquals(dense, denseKernels.zeroFreeTiles(), "dense kernels have one plan");
            });
        });
    }

    @Test
    void theDescriptionNamesWidthTileAndSkipping() {
        int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals("vector kernels, " + bits + "-bit, 4×2 tile, zero-skipping", new VectorKernels(1, new Tile(4, 2), true).describe());
        assertEquals("vector kernels, " + bits + "-bit, 6×2 tile, dense", new VectorKernels(1, new Tile(6, 2), false).describe());
        TilePlan plan = new TilePlan(new Tile(6, 2), new Tile(6, 2), new Tile(2, 4), new Tile(4, 2));
        assertEquals("vector kernels, " + bits + "-bit, tiles 6×2 (A·B, Aᵀ·B), 2×4 (A·Bᵀ), 4×2 (narrow), zero-skipping",
                new VectorKernels(1, plan, true).describe());
        assertEquals("vector kernels, " + bits + "-bit, 2×4 tile, zero-skipping; A without zeros: 6×2 (A·B, Aᵀ·B, A·Bᵀ)",
                new VectorKernels(1, TilePlan.everywhere(new Tile(2, 4)), TilePlan.everywhere(new Tile(6, 2)), true).describe());
        TilePlan skipping = new TilePlan(new Tile(2, 4), new Tile(4, 2), new Tile(4, 2), new Tile(4, 2));
        TilePlan dense = new TilePlan(new Tile(4, 2), new Tile(2, 4), new Tile(4, 2), new Tile(4, 2));
        assertEquals("vector kernels, " + bits + "-bit, tiles 2×4 (A·B), 4×2 (Aᵀ·B, A·Bᵀ, narrow), zero-skipping;"
                        + " A without zeros: 4×2 (A·B), 2×4 (Aᵀ·B)",
                new VectorKernels(1, skipping, dense, true).describe());
        assertEquals("", skipping.differencesFrom(skipping));
        assertEquals("vector kernels, " + bits + "-bit, 2×4 tile, dense",
                new VectorKernels(1, TilePlan.everywhere(new Tile(2, 4)), TilePlan.everywhere(new Tile(6, 2)), false).describe());
        assertEquals("tiles 3×3 (A·B, narrow), 2×4 (Aᵀ·B, A·Bᵀ)",
                new TilePlan(new Tile(3, 3), new Tile(2, 4), new Tile(2, 4), new Tile(3, 3)).toString());
        assertEquals(List.of(new Tile(6, 2), new Tile(2, 4), new Tile(4, 2)), plan.distinct());
        assertEquals("scalar kernels", new ScalarKernels().describe());
    }

    /**
     * float64 runs on the plain loops of the reference only: VectorKernels declares no method
     * that takes a double[], so every float64 kernel it has is ScalarKernels' own.
     */
    @Test
    void float64StaysOnTheScalarReference() {
        for (Method method : VectorKernels.class.getDeclaredMethods()) {
            assertFalse(Arrays.asList(method.getParameterTypes()).contains(double[].class),
                    () -> "VectorKernels." + method.getName() + " takes a double[]: float64 belongs to ScalarKernels");
        }
        double[] c = new double[1];
        new VectorKernels(1).matmul(new double[] {2}, new double[] {3}, c, 1, 1, 1, false);
        assertEquals(6d, c[0]);
    }

    @Test
    void warmUpCanBeCalledAgain() {
        VectorKernels kernels = new VectorKernels(2);
        kernels.warmUp();
        kernels.warmUp();
        float[] c = new float[1];
        kernels.matmul(new float[] {2f}, new float[] {3f}, c, 1, 1, 1, false);
        assertEquals(6f, c[0]);
    }

    /** Runs {@code body}, then gives the system property {@code name} back the value it had. */
    private static void withPropertyRestored(String name, Runnable body) {
        String saved = System.getProperty(name);
        try {
            body.run();
        } finally {
            if (saved == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, saved);
            }
        }
    }
}
