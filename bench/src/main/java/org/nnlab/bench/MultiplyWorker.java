package org.nnlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.nnlab.kernels.KernelSelection;
import org.nnlab.kernels.Kernels;
import org.nnlab.matrix.MatrixOps;

/**
 * nnlab's side of {@code bench/in_turn.py --multiply SHAPE}: a JVM that times a burst of one
 * multiply (a {@link MatmulShape}, random operands, the vector kernels on one thread, zero-skipping
 * off) each time it is asked, so that the driver can run it in turn with numpy's
 * ({@code numpy_matmul.py --worker SHAPE}).
 *
 * <p>Why. bench/run's JMH forks time nnlab's multiplies minutes before or after numpy's, and on a
 * shared virtual machine whose cores change speed from minute to minute the ratio of the two then
 * mixes the machine's states (session 29, an AMD EPYC: dZ2·W2ᵀ at 0.54× OpenBLAS's speed in one
 * bench/run, 0.78× in the next). In turn, both sides of a ratio are timed within a second.
 *
 * <p>The protocol is {@link EpochWorker}'s: the worker prints {@code ready <the kernels> <SHAPE>};
 * then for every line it reads it times a burst of the multiply and prints
 * {@code <wall seconds> <CPU seconds> <checksum>}, the times per multiply (the burst's mean, the
 * CPU time this thread's, which runs the one-thread multiply: the process's, which EpochWorker
 * reports, came in steps of 10 ms or more on JDK 17, several bursts apart), the checksum the sum of C's values in double: the same C every
 * time, so it must not change. The first burst lasts {@value #BURST_SECONDS} s and fixes how many
 * multiplies the later ones take.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.nnlab.bench.MultiplyWorker SHAPE
 * </pre>
 */
public final class MultiplyWorker {
    static final double BURST_SECONDS = 0.25;
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private final MatmulShape shape;
    private final Kernels kernels;
    private final MatmulShape.Operands operands;
    private int calls;

    MultiplyWorker(MatmulShape shape, Kernels kernels) {
        this.shape = shape;
        this.kernels = kernels;
        this.operands = shape.operands();
    }

    public static void main(String[] args) throws IOException {
        MatmulShape shape = shapeNamed(args);
        if (shape == null) {
            System.err.println("usage: MultiplyWorker SHAPE, one of " + Arrays.toString(MatmulShape.values())
                    + "; got '" + String.join(" ", args) + "'");
            System.exit(2);
        }
        TrainingSetup.useKernels("vector", 1, false);
        MultiplyWorker worker = new MultiplyWorker(shape, KernelSelection.active());
        worker.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                MatrixOps.kernelDescription());
    }

    /** The shape the one argument names, or null. */
    static MatmulShape shapeNamed(String[] args) {
        if (args.length != 1) {
            return null;
        }
        return Arrays.stream(MatmulShape.values()).filter(s -> s.name().equals(args[0])).findFirst().orElse(null);
    }

    /** Answers every line of {@code in} with one burst's times per multiply and C's checksum, until {@code in} ends. */
    void serve(BufferedReader in, PrintStream out, String description) throws IOException {
        out.println("ready " + description + " " + shape.name());
        out.flush();
        while (in.readLine() != null) {
            out.println(burst());
            out.flush();
        }
    }

    /**
     * One burst: "wall CPU checksum", the times per multiply. The first burst runs for
     * BURST_SECONDS, and the later ones as many multiplies as it did.
     */
    String burst() {
        float[] c = null;
        long cpu = THREAD.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int done = 0;
        if (calls == 0) {
            long end = wall + (long) (BURST_SECONDS * 1e9);
            do {
                c = operands.multiply(kernels);
                done++;
            } while (System.nanoTime() < end);
            calls = done;
        } else {
            for (; done < calls; done++) {
                c = operands.multiply(kernels);
            }
        }
        double wallSeconds = (System.nanoTime() - wall) / 1e9 / done;
        double cpuSeconds = (THREAD.getCurrentThreadCpuTime() - cpu) / 1e9 / done;
        return String.format(Locale.ROOT, "%.9g %.9g %s", wallSeconds, cpuSeconds, Double.toString(checksum(c)));
    }

    /** How many multiplies a burst takes: 0 before the first. */
    int calls() {
        return calls;
    }

    /** The sum of C's values, in double. */
    static double checksum(float[] c) {
        double sum = 0;
        for (float value : c) {
            sum += value;
        }
        return sum;
    }
}
