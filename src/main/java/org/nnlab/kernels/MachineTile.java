package org.nnlab.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel tile of each form of product ({@link TilePlan}) for this machine: chosen once,
 * from the number of vector registers the CPU has and from the JDK, unless the system property
 * {@value Tile#PROPERTY} names one tile for every form.
 *
 * <p><b>Registers.</b> AArch64 (NEON and SVE) has 32 vector registers; x86 has 32 with AVX-512 and
 * 16 without (AVX2, or AVX-512 turned off with {@code -XX:UseAVX=2}). The JVM does not report the
 * register count, so it is read from the architecture ({@code os.arch}) and, on x86, from the
 * JVM's own {@code UseAVX} flag (3 means AVX-512 instructions, and with them registers 16–31).
 * The vector width does not change the count: {@code -XX:MaxVectorSize=16} uses the same 16 (or
 * 32) registers, 128 bits of each.
 *
 * <p><b>The rule, and the measurements behind it</b> (bench/README.adoc, "Every micro-kernel
 * tile"). With 32 registers, 8×2 for every form: 16 accumulators, 19 registers in all, the tile
 * measured on the AVX-512 machine of bench/TUNING.adoc; no such machine was at hand to time the
 * forms one by one. With 16 registers (an AMD EPYC with AVX2), the fastest tile depends on the
 * form of the product and on the JIT, which decides how many broadcasts of A a step holds at once
 * (JDK 25's C2 loads them all first, JDK 17's as it goes) and so whether a tile spills. Session 5
 * timed every tile on idle cores, two forks each, one thread: the two zero-skipping products on
 * real MNIST minibatches (ZeroSkippingTileBenchmark), the two narrow ones dense
 * (MatmulTileBenchmark). A form got another tile than the one-tile rule before it (6×2 on JDK 17,
 * 4×2 on JDK 25) only when that tile was at least 5% faster and faster in both forks; for the two
 * narrow products, whose idle runs of session 4 and session 5 differ by up to 2× in level, also
 * only when session 4's idle table agreed. GFLOP/s by CPU time, the new tile against the old:
 * <ul>
 *   <li>JDK 17: Xᵀ·dZ1 (Aᵀ·B, skipping) 3×3 67.2 against 53.9 (forks 61/68 and 58/51);
 *       64×512·512×10 (narrow A·B) 4×2 16.3 against 14.8 (session 4: 30.8 against 27.8). X·W1
 *       stays 6×2, the fastest (66.1); dZ2·W2ᵀ stays 6×2, the fastest now (23.1) though 2×4 was
 *       in session 4.</li>
 *   <li>JDK 25: X·W1 (wide A·B, skipping) 2×4 98.7 against 61.6 (forks 103/92 and 83/54), a
 *       2-row tile walking 29% of the steps where a 4-row one walks 39%; Xᵀ·dZ1 6×2 53.2 against
 *       42.1 (forks 60/47 and 43/41). dZ2·W2ᵀ stays 4×2 (2×4 was 18% faster now, 27% slower in
 *       session 4), and so does 64×512·512×10 (the fastest in both).</li>
 * </ul>
 * Tiles within about 20% of each other still trade places from run to run on this shared
 * machine, so the plan is the best supported, not a settled optimum. JDKs 18 to 24 were not
 * measured and get JDK 17's plan.
 */
final class MachineTile {
    // tag::rule[]
    /** For 32 vector registers: 16 accumulators + 2 B vectors + 1 broadcast = 19, for every form. */
    static final TilePlan THIRTY_TWO_REGISTERS = TilePlan.everywhere(new Tile(8, 2));
    /** For 16 vector registers and JDK 17 (to 24): wide A·B, Aᵀ·B, A·Bᵀ, narrow A·B. */
    static final TilePlan SIXTEEN_REGISTERS = new TilePlan(new Tile(6, 2), new Tile(3, 3), new Tile(6, 2), new Tile(4, 2));
    /** For 16 vector registers and JDK 25 on: wide A·B, Aᵀ·B, A·Bᵀ, narrow A·B. */
    static final TilePlan SIXTEEN_REGISTERS_JDK_25 = new TilePlan(new Tile(2, 4), new Tile(6, 2), new Tile(4, 2), new Tile(4, 2));

    static TilePlan forMachine(int vectorRegisters, int jdk) {
        if (vectorRegisters >= 32) {
            return THIRTY_TWO_REGISTERS;
        }
        return jdk >= 25 ? SIXTEEN_REGISTERS_JDK_25 : SIXTEEN_REGISTERS;
    }
    // end::rule[]

    private MachineTile() {
    }

    /**
     * One tile everywhere if the property names one, or else the plan for this machine: with
     * zero-skipping the plan per form, without it the one tile of {@link #denseForMachine}.
     */
    static TilePlan chosen(boolean skipZeros) {
        String value = System.getProperty(Tile.PROPERTY);
        if (value != null && !value.isBlank()) {
            return TilePlan.everywhere(Tile.parse(value));
        }
        int registers = vectorRegisters();
        int jdk = Runtime.version().feature();
        return skipZeros ? forMachine(registers, jdk) : denseForMachine(registers, jdk);
    }

    /**
     * Without zero-skipping, one tile for every form: the rule of before the plan (8×2; with 16
     * registers 6×2, or 4×2 from JDK 25 on), from the dense tile tables of session 4. The plan's
     * tiles were chosen on the skipping products and lose on dense ones: the dense weight gradient
     * ran at 29.5 GFLOP/s with 3×3 against 48.6 with 6×2 on JDK 17, and at 31.5 with 6×2 against
     * 46.8 with 4×2 on JDK 25; a dense one-thread epoch took 2.73 s of CPU with the plan against
     * 2.16 s with 6×2 (JDK 17; best of two forks each, bench/README.adoc).
     */
    static TilePlan denseForMachine(int vectorRegisters, int jdk) {
        if (vectorRegisters >= 32) {
            return THIRTY_TWO_REGISTERS;
        }
        return TilePlan.everywhere(jdk >= 25 ? new Tile(4, 2) : new Tile(6, 2));
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
