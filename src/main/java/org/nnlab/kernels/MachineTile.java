package org.nnlab.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel tile of each form of product ({@link TilePlan}) for this machine: chosen once,
 * from the number of vector registers the CPU has, from the JDK and from whether the kernels skip
 * zeros, unless the system property {@value Tile#PROPERTY} names a plan ({@link TilePlan#parse}).
 *
 * <p><b>Registers.</b> AArch64 (NEON and SVE) has 32 vector registers; x86 has 32 with AVX-512 and
 * 16 without (AVX2, or AVX-512 turned off with {@code -XX:UseAVX=2}). The JVM does not report the
 * register count, so it is read from the architecture ({@code os.arch}) and, on x86, from the
 * JVM's own {@code UseAVX} flag (3 means AVX-512 instructions, and with them registers 16–31).
 * The vector width does not change the count: {@code -XX:MaxVectorSize=16} uses the same 16 (or
 * 32) registers, 128 bits of each.
 *
 * <p><b>The rule, and the measurements behind it</b> (bench/README.adoc, "Tiles side by side";
 * for 32 registers "Session 11: the tiles of 32 registers"). With 32 registers (session 11, an
 * Intel Xeon with AVX-512, 5 December 2026), tiles of 21 to 29 registers, more than 16 hold, were
 * timed beside the others (TilesSideBySide, ten tiles, speed over 8×2's in the same round).
 * Zero-skipping, JDK 17: X·W1 6×4 1.15 (8×3 1.12, 4×4 1.11), Xᵀ·dZ1
 * 6×4 1.21 (8×3 1.18), dZ2·W2ᵀ 4×4 1.12 (6×4 1.09), H·W2 8×2 (8×3 0.99), Hᵀ·dZ2 12×2 1.06 (8×3
 * 1.02); JDK 25: X·W1 6×4 1.10 (8×3 1.09), Xᵀ·dZ1 4×4 1.19 (6×4 1.14), dZ2·W2ᵀ 4×4 1.11, H·W2
 * 8×2, Hᵀ·dZ2 8×3 1.00. Dense, JDK 17 and 25: X·W1 8×3 1.06 and 1.13, Xᵀ·dZ1 8×3 1.09 and 1.08
 * (6×4 1.08 and 1.07, and 8×3 is the faster at Hᵀ·dZ2). 12×2 (27 registers) led only at Hᵀ·dZ2,
 * whose form Xᵀ·dZ1 decides, so it got no kernels. Whole epochs, the new plan and 8×2 side by side
 * in one JVM (each in a class loader of its own, 12 rounds, one thread): with zero-skipping the new
 * plans took 0.84 (JDK 17) and 0.87 (JDK 25) of 8×2's time, faster in 12 and 8 rounds of 12;
 * dense, 0.97 (JDK 25) and no difference on JDK 17, where a second copy of 8×2 differed from the
 * first as much. With -XX:MaxVectorSize=16 (32 registers of 128 bits, NEON's shape, JDK 17) the
 * plan's new tiles beat 8×2 there too (X·W1 6×4 1.26, Xᵀ·dZ1 6×4 1.34, dZ2·W2ᵀ 4×4 1.15); no ARM
 * machine was at hand.
 *
 * <p>With 16 registers (an AMD EPYC with AVX2), the fastest tile depends on the form of the
 * product, on whether it skips zeros, and on the JIT, which decides how many broadcasts of A a step
 * holds at once (JDK 25's C2 loads them all first, JDK 17's as it goes) and so whether a tile
 * spills. Timing each tile in a JVM of its own did not settle it: this machine's cores switch
 * between two speeds (about 59 and 91 GFLOP/s of FMAs) every few seconds, so two forks of the same
 * tile differed by up to 40% and sessions 4 and 5 ordered the tiles differently. Session 6 timed
 * them side by side instead: every tile in one JVM, in bursts of 60 ms taken in a new random order
 * in each of 40 rounds, each tile's speed divided by 6×2's in the same round; a plan is chosen on
 * the median of those ratios (their middle half reaches typically 3% from it, at most 15%). A
 * scratch program did it first; {@code org.nnlab.bench.TilesSideBySide}, which does the same
 * against the first tile it is given, chose the same tiles afterwards. One thread; X·W1 and Xᵀ·dZ1
 * on real MNIST minibatches, with and without zero-skipping; the three products with the 10
 * classes on random matrices, which have no zeros to skip:
 * <ul>
 *   <li>JDK 17. Zero-skipping: X·W1 2×4 1.22 (3×3 1.03, 5×2 0.96); Xᵀ·dZ1 6×2 the fastest (2×4
 *       0.97, 3×3 0.96). Dense: X·W1 2×4 1.03; Xᵀ·dZ1 6×2 the fastest (2×4 0.84). The small
 *       products: Hᵀ·dZ2 6×2 the fastest (3×3 0.54); dZ2·W2ᵀ 6×2 (2×4 1.02); H·W2 4×2 1.13. The
 *       dense plan stays 6×2, also for H·W2: with 4×2 there the dense epoch was slower (below).</li>
 *   <li>JDK 25. Zero-skipping: X·W1 2×4 1.93 (4×2 1.55); Xᵀ·dZ1 3×3 1.32, 2×4 1.30, 4×2 1.29, 5×2
 *       1.28. Dense: X·W1 4×2 1.86 (2×4 1.81); Xᵀ·dZ1 2×4 1.67 (4×2 1.50). The small products:
 *       Hᵀ·dZ2 5×2 1.33, 4×2 1.30 (3×3 0.97, 2×4 0.90); dZ2·W2ᵀ 2×4 1.33, 3×3 1.30, 4×2 1.30;
 *       H·W2 4×2 1.14.</li>
 * </ul>
 * A form keeps one tile for all its products (Xᵀ·dZ1 and Hᵀ·dZ2 are both Aᵀ·B; since session 13
 * Hᵀ·dZ2 runs on {@link ColumnTileMatmul}'s column tiles instead, so the Aᵀ·B figures for it below
 * are history: they decided the tiles the plans had until session 19). Among the tiles
 * within 3% of the fastest at the larger product, it takes the one it had, else the one best at
 * the smaller product: so JDK 25's skipping Aᵀ·B was 4×2 until session 19 (2.4% behind 3×3 at
 * Xᵀ·dZ1, 1.35 times 3×3's speed at Hᵀ·dZ2). Where no tile is within 3% at both, the larger product decides: JDK 25's
 * dense Aᵀ·B is 2×4, which runs Hᵀ·dZ2, a product 80 times smaller, at two thirds of 4×2's speed.
 * Each plan was then checked on whole epochs (one thread, MNIST, 784-512-10, batches of 64), six
 * pairs of JVMs, the old plan and the
 * new one in turn (-Dnnlab.tile names a plan), the medians of 3 epochs of each: the new plan took
 * 0.90 (JDK 17) and 0.88 (JDK 25) of the old one's CPU time with zero-skipping, faster in all six
 * pairs, and 0.93 of it dense on JDK 25 (five of six); on JDK 17 dense, 4×2 for H·W2 took 1.05
 * (slower in five of six), so that plan stayed one tile. JDKs 18 to 24 were not measured and get
 * JDK 17's plans.
 *
 * <p><b>Session 19: the skipping Aᵀ·B takes 2×4 on both JDKs</b> (it had 6×2 on JDK 17, 4×2 on
 * JDK 25). Session 6's choice came before session 10 rewrote the kernels' loops, and JDK 25's 4×2
 * won on Hᵀ·dZ2, which runs on column tiles since session 13. Measured since, with
 * {@code -XX:UseAVX=2} (TilesSideBySide, Xᵀ·dZ1 on MNIST batches, speed over 6×2's): on an Intel
 * Xeon (family 6 model 207, session 18, JDK 17) 2×4 1.106; on an AMD EPYC of family 26 (session
 * 19) 2×4 1.015 on JDK 17 and 1.508 on JDK 25, where 4×2 made 1.362. On JDK 17 2×4 is within 3%
 * of 6×2 there, where the rule above would keep 6×2; the whole epochs below decided. Whole epochs on
 * that EPYC (one thread, separate JVMs in turn, {@code -Dnnlab.tile} naming the old plan and the
 * new one, the median of the last 4 of 8 epochs): JDK 17 0.801 → 0.763 s and 0.824 → 0.771 s (two
 * sets of 5 and 4 rounds, 2×4 faster in 7 of 9), JDK 25 0.860 → 0.782 s (faster in 3 of 4). The
 * first EPYC (the one of session 6) was not at hand to measure again, and both new measurements
 * ran AVX-512 CPUs with {@code -XX:UseAVX=2}, not a CPU without AVX-512.
 *
 * <p><b>Session 29: JDK 25's dense Aᵀ·B takes 5×2</b> (it had 2×4). The W1 step of plain SGD,
 * dense, now runs the colAScaled kernels a row band at a time, not the plain colA kernels the
 * tile tables above timed. That step side by side in one JVM (W1 += α·Xᵀ·B, 784×64·64×512 on
 * MNIST batches, 30–40 rounds, an AMD EPYC of family 25 with AVX2): on JDK 25 5×2 ran in 0.785
 * and 0.795 of 2×4's time (4×2 0.87–0.88, 6×2 1.09–1.26); on JDK 17 6×2 stayed the fastest (5×2
 * 1.03, 4×2 1.04). Whole dense epochs on JDK 25, the old plan and the new one in turn
 * (bench/in_turn.py, 12 rounds, each worker started 6 times): 0.862 of the old one's CPU time,
 * faster in 11 of 12. The plain product Xᵀ·dZ1 (momentum, Adam) runs 5×2 at 0.96 of 2×4's speed.
 */
final class MachineTile {
    // tag::rule[]
    /** 32 vector registers, JDK 17 (to 24), zero-skipping: wide A·B, Aᵀ·B, A·Bᵀ, narrow A·B. */
    static final TilePlan THIRTY_TWO_REGISTERS = new TilePlan(new Tile(6, 4), new Tile(6, 4), new Tile(4, 4), new Tile(8, 2));
    /** 32 vector registers, JDK 25 on, zero-skipping. */
    static final TilePlan THIRTY_TWO_REGISTERS_JDK_25 = new TilePlan(new Tile(6, 4), new Tile(4, 4), new Tile(4, 4), new Tile(8, 2));
    /** 32 vector registers, dense, every JDK. */
    static final TilePlan THIRTY_TWO_REGISTERS_DENSE = new TilePlan(new Tile(8, 3), new Tile(8, 3), new Tile(4, 4), new Tile(8, 2));
    /** 16 vector registers, JDK 17 (to 24), zero-skipping. */
    static final TilePlan SIXTEEN_REGISTERS = new TilePlan(new Tile(2, 4), new Tile(2, 4), new Tile(6, 2), new Tile(4, 2));
    /** The same, dense: one tile. */
    static final TilePlan SIXTEEN_REGISTERS_DENSE = TilePlan.everywhere(new Tile(6, 2));
    /** 16 vector registers, JDK 25 on, zero-skipping. */
    static final TilePlan SIXTEEN_REGISTERS_JDK_25 = new TilePlan(new Tile(2, 4), new Tile(2, 4), new Tile(4, 2), new Tile(4, 2));
    /** The same, dense. */
    static final TilePlan SIXTEEN_REGISTERS_JDK_25_DENSE = new TilePlan(new Tile(4, 2), new Tile(5, 2), new Tile(4, 2), new Tile(4, 2));

    /** The plan for the zero-skipping kernels, the default. */
    static TilePlan forMachine(int vectorRegisters, int jdk) {
        if (vectorRegisters >= 32) {
            return jdk >= 25 ? THIRTY_TWO_REGISTERS_JDK_25 : THIRTY_TWO_REGISTERS;
        }
        return jdk >= 25 ? SIXTEEN_REGISTERS_JDK_25 : SIXTEEN_REGISTERS;
    }

    /** The plan without zero-skipping ({@code -Dnnlab.sparse=false}); also, with zero-skipping, for a product whose A has no zero. */
    static TilePlan denseForMachine(int vectorRegisters, int jdk) {
        if (vectorRegisters >= 32) {
            return THIRTY_TWO_REGISTERS_DENSE;
        }
        return jdk >= 25 ? SIXTEEN_REGISTERS_JDK_25_DENSE : SIXTEEN_REGISTERS_DENSE;
    }
    // end::rule[]

    private MachineTile() {
    }

    /**
     * The plan the property names (one tile, or one per form), or else this machine's: with
     * zero-skipping {@link #forMachine}, without it {@link #denseForMachine}.
     */
    static TilePlan chosen(boolean skipZeros) {
        String value = System.getProperty(Tile.PROPERTY);
        if (value != null && !value.isBlank()) {
            return TilePlan.parse(value);
        }
        int registers = vectorRegisters();
        int jdk = Runtime.version().feature();
        return skipZeros ? forMachine(registers, jdk) : denseForMachine(registers, jdk);
    }

    /** The vector registers of this CPU as the JVM uses it: 32 or 16. */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return useAvx() >= 3 ? 32 : 16;
        }
        return 16;
    }

    /** The JVM's -XX:UseAVX level (0–3), or, if it cannot be read, 3 when the preferred vectors are 512 bits wide. */
    private static int useAvx() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(hotSpot.getVMOption("UseAVX").getValue());
        } catch (RuntimeException e) { // not HotSpot, or no such flag
            return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 3 : 2;
        }
    }

    /** "256-bit, 6×2 tile", or "256-bit, tiles 6×2 (A·B, Aᵀ·B), …": how the matrix multiply runs here, for the start-up line. */
    static String describe(TilePlan tiles) {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit, " + tiles;
    }
}
