#!/usr/bin/env python3
"""Prints bench/run's tables from JMH's JSON results and numpy_matmul.py's JSON results.

GFLOP/s = 2*m*k*n / (µs per multiply * 1000), from JMH's wall-clock score and from the
CPU time per multiply that bench/CpuTimeProfiler adds (numpy_matmul.py records both as well).
On a machine shared with other work the CPU-time figures are the steadier ones.
Flags a benchmark as possibly boxed (the JIT keeping vectors as heap objects, see
VectorKernels) when it allocates more than 64 KiB per multiply (JMH -prof gc), or when one
fork's median is under half another's.

Usage: python3 bench/report.py JMH.json NUMPY.json [NUMPY2.json ...]
"""
import json
import re
import statistics
import sys

SHAPES = {  # as MatmulShape.java: form, m, k, n
    "HIDDEN_FORWARD": ("A·B", 64, 784, 512),
    "WEIGHT_GRADIENT": ("Aᵀ·B", 784, 64, 512),
    "HIDDEN_GRADIENT": ("A·Bᵀ", 64, 10, 512),
    "OUTPUT_FORWARD": ("A·B", 64, 512, 10),
    "SQUARE_512": ("A·B", 512, 512, 512),
    "SQUARE_1024": ("A·B", 1024, 1024, 1024),
}
BOXED_BYTES = 64 * 1024


def flops(shape):
    _, m, k, n = SHAPES[shape]
    return 2.0 * m * k * n


def gflops(shape, micros):
    return flops(shape) / (micros * 1000.0)


def nominal_peak():
    """(GFLOP/s, explanation): clock × 2 FMA units × lanes × 2 flops per FMA."""
    mhz, flags = None, ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("cpu MHz") and mhz is None:
                mhz = float(line.split(":")[1])
            if line.startswith("flags") and not flags:
                flags = line
    lanes = 16 if " avx512f" in flags else 8
    peak = mhz / 1000.0 * 2 * lanes * 2
    return peak, f"{mhz / 1000:.2f} GHz × 2 FMA units × {lanes} float lanes × 2 flops = {peak:.1f} GFLOP/s"


def load_jmh(path):
    """{(benchmark, shape, variant): {"wall": (median µs, fork medians), "cpu": (...), "alloc": B/op, "share": cpu/wall}}"""
    rows = {}
    for entry in json.load(open(path)):
        bench = entry["benchmark"].split(".")[-2]
        params = entry.get("params", {})
        variant = params.get("kernels") or f"{params.get('threads')} thread(s)"
        row = {"wall": medians(entry["primaryMetric"]["rawData"]), "cpu": None, "alloc": None, "share": None}
        for name, metric in entry.get("secondaryMetrics", {}).items():
            if re.search(r"gc\.alloc\.rate\.norm$", name):
                row["alloc"] = metric["score"]
            if name.endswith("cpu.time.per.op"):
                row["cpu"] = medians(metric["rawData"])
            if name.endswith("cpu.share"):
                row["share"] = metric["score"]
        rows[(bench, params["shape"], variant)] = row
    return rows


def medians(raw):
    """(median of every iteration of every fork, [median of each fork])"""
    every = [x for fork in raw for x in fork]
    return statistics.median(every), [statistics.median(fork) for fork in raw if fork]


def load_numpy(paths, key):
    runs = [json.load(open(p))["results"] for p in paths]
    return {shape: [run[shape][key] for run in runs if shape in run] for shape in SHAPES}


def flags(shape, forks, alloc):
    notes = []
    if alloc is not None and alloc > BOXED_BYTES:
        notes.append(f"BOXED? {alloc / 1e6:.1f} MB/op")
    if forks and min(gflops(shape, f) for f in forks) < 0.5 * max(gflops(shape, f) for f in forks):
        notes.append("BOXED? forks " + "/".join(f"{gflops(shape, f):.0f}" for f in forks))
    return " ".join(notes)


def single_thread_table(jmh, numpy, basis, peak):
    print(f"{'shape':16} {'form':5} {'m×k×n':>15} {'scalar':>7} {'vector':>7} {'vec/sc':>7} "
          f"{'numpy':>7} {'vec/np':>7} {'%peak':>6} {'B/op':>6}  {'vector forks':14} flags")
    for shape, (form, m, k, n) in SHAPES.items():
        scalar = jmh.get(("MatmulBenchmark", shape, "scalar"))
        vector = jmh.get(("MatmulBenchmark", shape, "vector"))
        if not scalar or not vector or not scalar[basis] or not vector[basis]:
            continue
        s, v = gflops(shape, scalar[basis][0]), gflops(shape, vector[basis][0])
        np_runs = numpy.get(shape) or []
        np_g = statistics.mean(np_runs) if np_runs else float("nan")
        forks = vector[basis][1]
        alloc = vector["alloc"] if vector["alloc"] is not None else float("nan")
        print(f"{shape:16} {form:5} {f'{m}×{k}×{n}':>15} {s:7.1f} {v:7.1f} {v / s:6.1f}× "
              f"{np_g:7.1f} {v / np_g:6.2f}× {100 * v / peak:5.0f}% {alloc:6.0f}  "
              f"{'/'.join(f'{gflops(shape, f):.0f}' for f in forks):14} "
              f"{flags(shape, forks, vector['alloc']) or flags(shape, scalar[basis][1], None)}")
    print("numpy: mean of the runs before and after JMH (" + ", ".join(
        f"{shape.lower()} {'/'.join(f'{g:.0f}' for g in gs)}" for shape, gs in numpy.items() if gs) + ")")


def main():
    jmh = load_jmh(sys.argv[1])
    peak, peak_text = nominal_peak()

    print("float32, one thread. GFLOP/s = 2·m·k·n / time per multiply; JMH: median of all measured")
    print("iterations of all forks ('vector forks': each fork's median). B/op: JMH -prof gc.")
    print()
    print("By CPU time (what the code does per core-second; steady on a shared machine):")
    single_thread_table(jmh, load_numpy(sys.argv[2:], "cpu_gflops"), "cpu", peak)
    print()
    print("By wall clock (depends on how much of a core the run got):")
    single_thread_table(jmh, load_numpy(sys.argv[2:], "gflops"), "wall", peak)

    if any(key[0] == "MatmulThreadsBenchmark" for key in jmh):
        print()
        print("Vector kernels, 1 thread against 2 threads (caller + 1 worker), by wall clock;")
        print("'CPU used': CPU seconds per wall-clock second of the 2-thread run (2.0 = both cores).")
        print(f"{'shape':16} {'1 thread':>9} {'2 threads':>10} {'speed-up':>9} {'CPU used':>9}  flags")
        for shape in SHAPES:
            one = jmh.get(("MatmulThreadsBenchmark", shape, "1 thread(s)"))
            two = jmh.get(("MatmulThreadsBenchmark", shape, "2 thread(s)"))
            if one and two:
                g1, g2 = gflops(shape, one["wall"][0]), gflops(shape, two["wall"][0])
                share = two["share"] if two["share"] is not None else float("nan")
                print(f"{shape:16} {g1:9.1f} {g2:10.1f} {g2 / g1:8.2f}× {share:9.2f}  "
                      f"{(flags(shape, one['wall'][1], one['alloc']) + ' ' + flags(shape, two['wall'][1], two['alloc'])).strip()}")

    best_numpy = max((g for gs in load_numpy(sys.argv[2:], "cpu_gflops").values() for g in gs), default=float("nan"))
    print()
    print(f"Nominal float32 peak of one core: {peak_text}.")
    print(f"Best single-thread sgemm in this run (numpy/OpenBLAS, by CPU time): {best_numpy:.1f} GFLOP/s "
          f"= {100 * best_numpy / peak:.0f}% of nominal.")


if __name__ == "__main__":
    main()
