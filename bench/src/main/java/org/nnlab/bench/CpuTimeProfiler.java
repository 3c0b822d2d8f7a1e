package org.nnlab.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the fork's CPU time per operation to JMH's wall-clock score: {@code -prof
 * org.nnlab.bench.CpuTimeProfiler}. On a machine shared with other work, a single-threaded
 * benchmark gets only part of a core, and its wall-clock time says more about the neighbours than
 * about the code; CPU time per operation does not depend on how the core was shared (caches still
 * do). The fork's process time includes the JIT and GC threads, which are idle by the measurement
 * iterations of an allocation-free benchmark. For multi-threaded benchmarks it adds up all
 * threads, so compare those by wall clock.
 *
 * <p>Secondary results: {@code cpu.time.per.op} (µs of CPU per operation) and {@code cpu.share}
 * (CPU seconds per wall-clock second: 1 for a single thread that had a core to itself).
 */
public class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation, and CPU seconds per wall-clock second";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        return List.of(
                new ScalarResult("cpu.time.per.op", cpu / 1e3 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpu / wall, "cpu/wall", AggregationPolicy.AVG));
    }
}
