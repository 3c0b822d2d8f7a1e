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
 * then for every line it reads it multiplies for the burst's seconds (the second argument) and
 * prints {@code <wall seconds> <CPU seconds> <checksum>}.
 * <ul>
 * <li>The times are per multiply, the burst's mean: bursts of a fixed length, however fast the
 *     JIT has made the code by then, keep every round's two sides equally long.
 * <li>The CPU time is this thread's, which runs the one-thread multiply. The process's, which
 *     EpochWorker reports, came in steps of 10 ms or more on JDK 17, several bursts apart.
 * <li>The checksum is the sum of C's values in double: the same C every time, so it must not
 *     change.
 * </ul>
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.nnlab.bench.MultiplyWorker SHAPE SECONDS
 * </pre>
 */
public final class MultiplyWorker {
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private final MatmulShape shape;
    private final Kernels kernels;
    private final MatmulShape.Operands operands;
    private final long burstNanos;
    private int multipliesInLastBurst;

    MultiplyWorker(MatmulShape shape, Kernels kernels, double burstSeconds) {
        this.shape = shape;
        this.kernels = kernels;
        this.operands = shape.operands();
        this.burstNanos = (long) (burstSeconds * 1e9);
    }

    public static void main(String[] args) throws IOException {
        MatmulShape shape = args.length == 2 ? shapeNamed(args[0]) : null;
        double seconds = args.length == 2 ? secondsIn(args[1]) : Double.NaN;
        if (shape == null || !(seconds > 0)) {
            System.err.println("usage: MultiplyWorker SHAPE SECONDS: SHAPE one of " + Arrays.toString(MatmulShape.values())
                    + ", SECONDS a burst's length, more than 0; got '" + String.join(" ", args) + "'");
            System.exit(2);
        }
        TrainingSetup.useKernels("vector", 1, false);
        MultiplyWorker worker = new MultiplyWorker(shape, KernelSelection.active(), seconds);
        worker.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out,
                MatrixOps.kernelDescription());
    }

    /** The shape of this name, or null. */
    static MatmulShape shapeNamed(String name) {
        return Arrays.stream(MatmulShape.values()).filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** The number of seconds in {@code text}, or NaN if it is not a number. */
    static double secondsIn(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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

    /** One burst, at least one multiply and as many as fit in the burst's length: "wall CPU checksum", the times per multiply. */
    String burst() {
        float[] c;
        int multiplies = 0;
        long cpu = THREAD.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long elapsed;
        do {
            c = operands.multiply(kernels);
            multiplies++;
            elapsed = System.nanoTime() - wall;
        } while (elapsed < burstNanos);
        double cpuSeconds = (THREAD.getCurrentThreadCpuTime() - cpu) / 1e9 / multiplies;
        multipliesInLastBurst = multiplies;
        return String.format(Locale.ROOT, "%.9g %.9g %s", elapsed / 1e9 / multiplies, cpuSeconds, Double.toString(checksum(c)));
    }

    /** How many multiplies the last burst made. */
    int multipliesInLastBurst() {
        return multipliesInLastBurst;
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
