package org.nnlab.bench;

import jdk.incubator.vector.FloatVector;
import org.nnlab.matrix.MatrixOps;

/**
 * Prints which kernels the benchmarks' JVMs run with the given JVM options, for bench/run's
 * machine.txt: e.g. "vector kernels, 256-bit, 6×2 tile, zero-skipping; 8 float lanes".
 */
public final class KernelsHere {
    private KernelsHere() {
    }

    public static void main(String[] args) {
        System.out.println(MatrixOps.kernelDescription() + "; " + FloatVector.SPECIES_PREFERRED.length() + " float lanes");
    }
}
