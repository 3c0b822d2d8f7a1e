package org.nnlab.bench.roofline;

import java.util.List;

/**
 * What a {@link Roofline} shows: the roofs of one machine and the kernels measured on it.
 *
 * @param machine      the machine and JDK the numbers come from, for the line under the heading; may be null
 * @param computeRoofs flat roofs: floating-point operations per second, in GFLOP/s
 * @param memoryRoofs  slanted roofs: bytes per second between a memory level and the core, in GB/s
 * @param points       measured kernels
 */
public record RooflineData(String machine, List<Roof> computeRoofs, List<Roof> memoryRoofs, List<Point> points) {

    public RooflineData {
        if (computeRoofs.isEmpty() || memoryRoofs.isEmpty()) {
            throw new IllegalArgumentException("a roofline needs at least one compute roof and one memory roof");
        }
        computeRoofs = List.copyOf(computeRoofs);
        memoryRoofs = List.copyOf(memoryRoofs);
        points = List.copyOf(points);
    }

    /** A roof: GFLOP/s for a flat one, GB/s for a slanted one. */
    public record Roof(String label, double rate) {
    }

    /**
     * One measured kernel: its arithmetic intensity (operations per byte of the fewest bytes it
     * must move) and the rate it reached, in GFLOP/s.
     */
    public record Point(String series, String label, double intensity, double gflops) {
    }

    /** The intensity at which a compute roof and a memory roof meet: peak / bandwidth, in flop/byte. */
    public static double knee(Roof compute, Roof memory) {
        return compute.rate() / memory.rate();
    }

    /** The highest flat roof. */
    Roof topComputeRoof() {
        Roof top = computeRoofs.get(0);
        for (Roof roof : computeRoofs) {
            if (roof.rate() > top.rate()) {
                top = roof;
            }
        }
        return top;
    }
}
