package org.nnlab.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel tile for this machine: chosen once, from the number of vector registers the
 * CPU has and from the JDK, unless the system property {@value Tile#PROPERTY} names one.
 *
 * <p><b>Registers.</b> AArch64 (NEON and SVE) has 32 vector registers; x86 has 32 with AVX-512 and
 * 16 without (AVX2, or AVX-512 turned off with {@code -XX:UseAVX=2}). The JVM does not report the
 * register count, so it is read from the architecture ({@code os.arch}) and, on x86, from the
 * JVM's own {@code UseAVX} flag (3 means AVX-512 instructions, and with them registers 16–31).
 * The vector width does not change the count: {@code -XX:MaxVectorSize=16} uses the same 16 (or
 * 32) registers, 128 bits of each.
 *
 * <p><b>The rule, and the measurements behind it</b> (MatmulTileBenchmark and the tables of
 * bench/README.adoc). With 32 registers, 8×2: 16 accumulators, 19 registers in all, the tile
 * measured on the AVX-512 machine of bench/TUNING.adoc. With 16 registers (an AMD EPYC with AVX2
 * here), the best tile depends on the JIT: a tile whose loop needs more than 16 registers keeps an
 * accumulator in memory and runs at half speed, and how many registers the loop needs depends on
 * how far C2 moves the loads of A ahead of their use. JDK 25 keeps all of a step's broadcasts of A
 * in registers at once, so 5×2 and 6×2 spill there (hsdis), and 4×2 (8 accumulators) beat them at
 * 64×784·784×512; JDK 17 loads them as it goes, and 6×2 (12 accumulators) was its fastest tile at
 * the weight gradient and at 512³. No tile was fastest at every shape, and on the shared machine
 * the tables come from the figures moved by about 20% from run to run, so this rule is the best
 * supported, not a settled optimum. JDKs 18 to 24 were not measured and get JDK 17's tile.
 */
final class MachineTile {
    /** For 32 vector registers: 16 accumulators + 2 B vectors + 1 broadcast = 19, for every form. */
    static final TilePlan THIRTY_TWO_REGISTERS = TilePlan.everywhere(new Tile(8, 2));
    /** For 16 vector registers and JDK 17 (to 24). */
    static final TilePlan SIXTEEN_REGISTERS = TilePlan.everywhere(new Tile(6, 2));
    /** For 16 vector registers and JDK 25 on, whose C2 holds a step's broadcasts at once. */
    static final TilePlan SIXTEEN_REGISTERS_JDK_25 = TilePlan.everywhere(new Tile(4, 2));

    private MachineTile() {
    }

    /** One tile everywhere if the property names one, or else the plan for this machine. */
    static TilePlan chosen() {
        String value = System.getProperty(Tile.PROPERTY);
        if (value != null && !value.isBlank()) {
            return TilePlan.everywhere(Tile.parse(value));
        }
        return forMachine(vectorRegisters(), Runtime.version().feature());
    }

    // tag::rule[]
    static TilePlan forMachine(int vectorRegisters, int jdk) {
        if (vectorRegisters >= 32) {
            return THIRTY_TWO_REGISTERS;
        }
        return jdk >= 25 ? SIXTEEN_REGISTERS_JDK_25 : SIXTEEN_REGISTERS;
    }
    // end::rule[]

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
