package org.nnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nnlab.testing.ChildProcess;

/**
 * Every matrix-multiply kernel is small enough for C1, the JIT's first tier, to compile. A kernel
 * C1 gives up on ("out of virtual registers") is not merely slow to warm up: when C1 has already
 * compiled it once without profiling, the JVM may never move it on to C2, and it then runs with
 * every vector a heap object for the rest of the run. That happened to rowA8x2 unrolled by two,
 * with -XX:MaxVectorSize=16 on JDK 17, in session 14 (see MicroKernelGenerator's rowAUnroll).
 *
 * <p>A new JVM with -Xcomp and C1 only compiles each kernel the first time {@link #main} calls
 * it, and prints each compilation; the test reads that every kernel was compiled and none was
 * skipped.
 */
class MicroKernelsCompileTest {
    private static final Pattern KERNEL = Pattern.compile("(rowA|colA|colAScaled|packed|packedSparse|packedSparseBInPlace|packedSparseScaled|packedSparseBand|colABand)\\d+x\\d+(LastSteps)?");
    private static final List<String> C1_ONLY = List.of("-Xcomp", "-XX:TieredStopAtLevel=3", "-XX:+PrintCompilation",
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=compileonly,org.nnlab.kernels.FloatMicroKernels::*",
            "-XX:CompileCommand=compileonly,org.nnlab.kernels.ColumnTileMatmul::kernel");

    @Test
    void c1CompilesEveryKernel() throws IOException, InterruptedException {
        String printed = runMainWithC1Only();
        Set<String> compiled = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^.*org\\.nnlab\\.kernels\\.(FloatMicroKernels|ColumnTileMatmul)::(\\w+) .*$").matcher(printed);
        while (line.find()) {
            assertTrue(!line.group().contains("SKIPPED") && !line.group().contains("not compilable"),
                    "C1 could not compile a kernel:\n" + line.group());
            compiled.add(line.group(2));
        }
        Set<String> kernels = kernelNames();
        kernels.add("kernel"); // ColumnTileMatmul's
        assertTrue(compiled.containsAll(kernels), "not compiled: " + difference(kernels, compiled) + "\n" + printed);
    }

    /** Calls every generated kernel and the column-tile kernel once, on small operands. */
    public static void main(String[] args) throws ReflectiveOperationException {
        float[] floats = new float[1 << 16];
        int[] steps = {0, 1};
        for (Method kernel : FloatMicroKernels.class.getDeclaredMethods()) {
            if (Modifier.isStatic(kernel.getModifiers()) && KERNEL.matcher(kernel.getName()).matches()) {
                call(kernel, smallOperands(kernel, floats, steps));
            }
        }
        Method columnTile = ColumnTileMatmul.class.getDeclaredMethod("kernel", float[].class, int.class, int.class,
                float[].class, int.class, int.class, float[].class, float[].class);
        call(columnTile, new Object[] {floats, 0, 64, floats, 0, 2, floats, new float[1 << 12]});
    }

    /**
     * Arrays of {@code floats} and {@code steps} (a row band's panels: two of floats); every
     * int 8 (strides), except aFrom (where A starts, when the kernel takes it) 0, a row band's
     * strips 2, and the last before those 2: the steps, or the end of the steps or of the
     * list of steps, whose start, the int before, is 0. A kernel that walks a column of tiles
     * walks one, its list from steps[0] to steps[1] (its starts are the steps array too).
     */
    private static Object[] smallOperands(Method kernel, float[] floats, int[] steps) {
        Class<?>[] types = kernel.getParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = types[i] == float[].class ? floats : types[i] == int[].class ? steps
                    : types[i] == float[][].class ? new float[][] {floats, floats} : (Object) 8;
        }
        if (types[1] == int.class) { // the packedSparse kernels take no aFrom: a list position is their index into A
            values[1] = 0;
        }
        int last = types.length - 1;
        if (Arrays.asList(types).contains(float[][].class)) { // a row band's last int: 2 strips
            values[last--] = 2;
        }
        if (types[last - 3] == int[].class && types[last - 4] == int[].class) { // steps, starts, at, startStride, tiles
            values[last - 2] = 0;
            values[last - 1] = 1;
            values[last] = 1;
            return values;
        }
        values[last] = 2;
        if (types[last - 2] == int[].class || kernel.getName().endsWith("LastSteps")) {
            values[last - 1] = 0;
        }
        return values;
    }

    private static void call(Method kernel, Object[] operands) throws IllegalAccessException {
        kernel.setAccessible(true);
        try {
            kernel.invoke(null, operands);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(kernel.getName() + " failed on its small operands", e.getCause());
        }
    }

    private static Set<String> kernelNames() {
        Set<String> names = new TreeSet<>();
        for (Method kernel : FloatMicroKernels.class.getDeclaredMethods()) {
            if (KERNEL.matcher(kernel.getName()).matches()) {
                names.add(kernel.getName());
            }
        }
        return names;
    }

    private static Set<String> difference(Set<String> all, Set<String> some) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(some);
        return rest;
    }

    private static String runMainWithC1Only() throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("--add-modules=jdk.incubator.vector"));
        options.addAll(ChildProcess.hotSpotOptionsOfThisJvm());
        options.addAll(C1_ONLY);
        return ChildProcess.run(Duration.ofMinutes(5), ChildProcess.javaCommand(MicroKernelsCompileTest.class, options))
                .requireSuccess();
    }
}
