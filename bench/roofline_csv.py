#!/usr/bin/env python3
"""Turns JMH and numpy results into the roofline CSV that org.nnlab.bench.roofline.RooflinePlot draws.

Reads the JSON results (-rf json) of FmaPeakBenchmark, BandwidthBenchmark, ElementwiseBenchmark
and MatmulBenchmark, run with -prof org.nnlab.bench.CpuTimeProfiler, and numpy_matmul.py's JSON
results. Every time is the median CPU time per call over all measured iterations of all forks
(numpy: the mean of its runs' CPU times, as bench/report.py takes them): on a machine shared with
other work, CPU time says what the code does per core-second, the wall clock says how much of a
core it got.

  compute roofs: the nominal peak, cpu MHz (/proc/cpuinfo) × 2 FMA units × 16 lanes × 2 flops,
                 and FmaPeakBenchmark.fma's rate
  memory roofs:  per array size, the better of BandwidthBenchmark's triad and sum
  points:        matmul shapes (nnlab vector, nnlab scalar, OpenBLAS) and element-wise kernels

The CSV goes to stdout; a table of what it holds (GFLOP/s, GB/s, flop/byte) to stderr.

Usage: python3 bench/roofline_csv.py RESULTS_DIR > docs/data/roofline.csv
  RESULTS_DIR holds FmaPeakBenchmark.json, BandwidthBenchmark.json, ElementwiseBenchmark.json,
  MatmulBenchmark.json and numpy-*.json.
"""
import glob
import json
import os
import statistics
import sys

# As MatmulShape.java: (label in the book, m, k, n). Bytes: A, B and C once each, 4 bytes a float.
SHAPES = {
    "HIDDEN_FORWARD": ("X·W1", 64, 784, 512),
    "WEIGHT_GRADIENT": ("Xᵀ·dZ1", 784, 64, 512),
    "HIDDEN_GRADIENT": ("dZ2·W2ᵀ", 64, 10, 512),
    "OUTPUT_FORWARD": ("H·W2", 64, 512, 10),
    "OUTPUT_WEIGHT_GRADIENT": ("Hᵀ·dZ2", 512, 64, 10),
    "SQUARE_512": ("512³", 512, 512, 512),
    "SQUARE_1024": ("1024³", 1024, 1024, 1024),
}
# As ElementwiseBenchmark.Operation: (label, operations, bytes).
ELEMENTWISE = {
    "RELU_MASK": ("ReLU mask", 64 * 512, 3 * 4 * 64 * 512),
    "BIAS_RELU": ("bias + ReLU", 2 * 64 * 512, 4 * (3 * 64 * 512 + 512)),
    "COLUMN_SUMS": ("column sums", 64 * 512, 4 * (64 * 512 + 512)),
    "AXPY": ("axpy on W1", 2 * 784 * 512, 3 * 4 * 784 * 512),
}
LEVELS = {8: "L1", 256: "L2", 32768: "L3", 1048576: "main memory"}
FMA_FLOPS = 8000 * 12 * 16 * 2  # FmaPeakBenchmark: STEPS × accumulators × lanes × 2
CHAIN_CYCLES = 8000 * 4  # FmaPeakBenchmark.chain: STEPS dependent FMAs of 4 cycles each


def cpu_seconds(entry):
    """Median CPU seconds per call over all measured iterations of all forks."""
    raw = entry["secondaryMetrics"]["cpu.time.per.op"]["rawData"]
    return statistics.median(v for fork in raw for v in fork) / 1e6


def load(directory, name):
    return json.load(open(os.path.join(directory, name + ".json")))


def nominal_ghz():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("cpu MHz"):
                return float(line.split(":")[1]) / 1000
    raise SystemExit("no 'cpu MHz' line in /proc/cpuinfo")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    directory = sys.argv[1]
    rows = []
    table = []

    fma = {e["benchmark"].split(".")[-1]: e for e in load(directory, "FmaPeakBenchmark")}
    jdk = f"{fma['fma']['vmName'].split(' ')[0]} {fma['fma']['jdkVersion']}"
    ghz = nominal_ghz()
    numpy_runs = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(directory, "numpy-*.json")))]
    rows.append(("machine", "", f"Intel Xeon (KVM guest; AVX-512; {ghz:.2f} GHz nominal); one thread;"
                 f" {jdk}; OpenBLAS through numpy {numpy_runs[0]['numpy']}", "", "", ""))

    peak = ghz * 1e9 * 2 * 16 * 2
    rows.append(("compute", "", f"nominal peak at {ghz:.2f} GHz", f"{peak:.6g}", "", "1"))
    table.append(f"compute  nominal {ghz:.2f} GHz × 2 FMA units × 16 lanes × 2 flops  {peak / 1e9:7.1f} GFLOP/s")
    fma_seconds = cpu_seconds(fma["fma"])
    rows.append(("compute", "", "FMA loop", str(FMA_FLOPS), "", f"{fma_seconds:.6g}"))
    table.append(f"compute  FmaPeakBenchmark.fma  {FMA_FLOPS / fma_seconds / 1e9:7.1f} GFLOP/s"
                 f"  ({FMA_FLOPS / fma_seconds / 1e9 / 64:.2f} GHz if 64 flops per cycle)")
    chain_seconds = cpu_seconds(fma["chain"])
    table.append(f"clock    FmaPeakBenchmark.chain: 4 cycles × 8000 FMAs in {chain_seconds * 1e6:.3f} µs"
                 f" = {CHAIN_CYCLES / chain_seconds / 1e9:.2f} GHz")

    bandwidth = {}
    for e in load(directory, "BandwidthBenchmark"):
        kib = int(e["params"]["kib"])
        kind = e["benchmark"].split(".")[-1]
        arrays = 3 if kind == "triad" else 2
        nbytes = arrays * kib * 1024
        seconds = cpu_seconds(e)
        bandwidth.setdefault(kib, []).append((nbytes / seconds, kind, nbytes, seconds))
        table.append(f"memory   {kind:5} {kib:8} KiB arrays  {nbytes / seconds / 1e9:7.1f} GB/s")
    for kib in sorted(bandwidth):
        rate, kind, nbytes, seconds = max(bandwidth[kib])
        size = f"{kib} KiB" if kib < 1024 else f"{kib // 1024} MiB" if kib < 1048576 else f"{kib // 1048576} GiB"
        rows.append(("memory", "", LEVELS.get(kib, f"{size} arrays"), "", str(nbytes), f"{seconds:.6g}"))
        table.append(f"roof     {LEVELS.get(kib, size)}: {kind} of {size} arrays, {rate / 1e9:.1f} GB/s")

    points = []
    for e in load(directory, "MatmulBenchmark"):
        label, m, k, n = SHAPES[e["params"]["shape"]]
        series = "nnlab " + e["params"]["kernels"]
        points.append((series, label, 2 * m * k * n, 4 * (m * k + k * n + m * n), cpu_seconds(e)))
    for name, (label, m, k, n) in SHAPES.items():
        seconds = statistics.mean(run["results"][name]["cpu_seconds"] for run in numpy_runs)
        points.append(("OpenBLAS", label, 2 * m * k * n, 4 * (m * k + k * n + m * n), seconds))
    for e in load(directory, "ElementwiseBenchmark"):
        if e["params"]["operation"] not in ELEMENTWISE:
            continue  # RELU_MASK_POSITIVE: a comparison for the book's text, not a kernel training runs
        label, operations, nbytes = ELEMENTWISE[e["params"]["operation"]]
        points.append(("nnlab " + e["params"]["kernels"], label, operations, nbytes, cpu_seconds(e)))
    # Vector first, so that each kernel's label goes beside its vector point.
    order = {"nnlab vector": 0, "OpenBLAS": 1, "nnlab scalar": 2}
    points.sort(key=lambda p: order[p[0]])
    for series, label, flops, nbytes, seconds in points:
        rows.append(("point", series, label, str(flops), str(nbytes), f"{seconds:.6g}"))
        table.append(f"point    {series:13} {label:12} {flops / nbytes:8.3f} flop/B  {flops / seconds / 1e9:7.2f} GFLOP/s")

    print("# Measured by the commands of docs/07-kernels.adoc (section 'The roofline'); written by")
    print(f"# python3 bench/roofline_csv.py {directory}")
    print("# Times: median CPU seconds per call (JMH with -prof org.nnlab.bench.CpuTimeProfiler; numpy: mean of its runs).")
    print("kind,series,label,flops,bytes,seconds")
    for row in rows:
        print(",".join(row))
    print("\n".join(table), file=sys.stderr)


if __name__ == "__main__":
    main()
