package org.nnlab.kernels;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses, once per JVM, which {@link Kernels} implementation runs: the system property
 * {@code nnlab.kernels} may be {@code vector} (the default) or {@code scalar}. When the incubator
 * module {@code jdk.incubator.vector} was not added to the JVM, the scalar kernels run and a line
 * says so, because a missing command-line flag should cost speed, not correctness.
 *
 * <p>The vector kernels are warmed up here, before anything else runs them (see
 * {@link VectorKernels#warmUp()}): this costs a fraction of a second once per JVM and keeps the
 * JIT from compiling them in a state where every vector is a heap object. Matrix multiplies use
 * the number of threads in the system property {@value VectorKernels#THREADS_PROPERTY} (default:
 * all available processors).
 */
public final class KernelSelection {
    public static final String PROPERTY = "nnlab.kernels";

    private static final Kernels ACTIVE = choose(System.getProperty(PROPERTY, "vector"));

    private KernelSelection() {
    }

    /** The kernels every {@link org.nnlab.matrix.MatrixOps} call uses. */
    public static Kernels active() {
        return ACTIVE;
    }

    // tag::choose[]
    static Kernels choose(String requested) {
        switch (requested.trim().toLowerCase(Locale.ROOT)) {
            case "scalar":
                return new ScalarKernels();
            case "vector":
                if (vectorModulePresent()) {
                    VectorKernels vector = new VectorKernels();
                    vector.warmUp();
                    return vector;
                }
                System.err.println("nnlab: jdk.incubator.vector is not available (run java with"
                        + " --add-modules jdk.incubator.vector); using the scalar kernels");
                return new ScalarKernels();
            default:
                throw new IllegalArgumentException(
                        "system property " + PROPERTY + " must be 'vector' or 'scalar', got '" + requested + "'");
        }
    }
    // end::choose[]

    /**
     * Runs {@code work} with every matrix multiply it calls on the calling thread only, whatever
     * {@value VectorKernels#THREADS_PROPERTY} says: for trainings that run side by side, one per
     * core ({@code nnlab search --jobs}), where sharing the workers would only add hand-offs. The
     * results are the same to the bit as with any number of threads.
     */
    public static <T> T singleThreaded(Supplier<T> work) {
        return WorkerPool.callerOnly(work);
    }

    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
