package org.nnlab.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel tile for this machine: chosen once, from the number of vector registers the
 * CPU has and the width of the JVM's preferred vectors, unless the system property
 * {@value Tile#PROPERTY} names one.
 *
 * <p>Vector registers: AArch64 (NEON and SVE) has 32; x86 has 32 with AVX-512 and 16 without
 * (AVX2, or AVX-512 turned off with {@code -XX:UseAVX=2}). The JVM does not report the register
 * count, so it is read from the architecture ({@code os.arch}) and, on x86, from the JVM's own
 * {@code UseAVX} flag (3 means AVX-512 instructions, and with them registers 16–31).
 */
final class MachineTile {
    /** The tile for 32 vector registers: 16 accumulators + 2 B vectors + 1 broadcast = 19. */
    static final Tile THIRTY_TWO_REGISTERS = new Tile(8, 2);
    /** The tile for 16 vector registers: 12 accumulators + 2 + 1 = 15. */
    static final Tile SIXTEEN_REGISTERS = new Tile(6, 2);

    private MachineTile() {
    }

    /** The tile the property names, or else the one for this machine. */
    static Tile chosen() {
        String value = System.getProperty(Tile.PROPERTY);
        if (value != null && !value.isBlank()) {
            return Tile.parse(value);
        }
        return forRegisters(vectorRegisters());
    }

    static Tile forRegisters(int registers) {
        return registers >= 32 ? THIRTY_TWO_REGISTERS : SIXTEEN_REGISTERS;
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

    /** "256-bit, 6×2 tile": how the matrix multiply runs here, for the start-up line. */
    static String describe(Tile tile) {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit, " + tile + " tile";
    }
}
