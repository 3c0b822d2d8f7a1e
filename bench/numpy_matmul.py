#!/usr/bin/env python3
"""Times numpy's float32 matrix multiply (OpenBLAS, one thread) at the shapes of
org.nnlab.bench.MatmulShape, for comparison with nnlab's kernels.

GFLOP/s = 2*m*k*n / median seconds per multiply, both by the wall clock and by the process's CPU
time (which does not count time the core spent on other programs). Each sample times enough
multiplies to last at least 20 ms; samples are taken for about a second per shape. The transposed forms pass
numpy a transposed view, which OpenBLAS reads without copying (sgemm's trans flags).

Usage: python3 bench/numpy_matmul.py [--json FILE] [--seconds S]

With --worker SHAPE --burst-seconds S it times nothing by itself: it prints "ready numpy VERSION
SHAPE" and then, for every line it reads on stdin, multiplies for S seconds and prints "WALL CPU
CHECKSUM": the seconds per multiply (the burst's mean; the CPU time this thread's, which runs
OpenBLAS on one thread, as nnlab's worker reports its own), and the sum of C's values, which must
not change. bench/in_turn.py --multiply SHAPE runs it in turn with nnlab's
org.nnlab.bench.MultiplyWorker, both with its burst length.
"""
import os

# Must be set before numpy loads OpenBLAS.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import argparse
import json
import statistics
import sys
import time

import numpy as np

# name: (form, m, k, n), as in MatmulShape.java
SHAPES = {
    "HIDDEN_FORWARD": ("A·B", 64, 784, 512),
    "WEIGHT_GRADIENT": ("Aᵀ·B", 784, 64, 512),
    "HIDDEN_GRADIENT": ("A·Bᵀ", 64, 10, 512),
    "OUTPUT_FORWARD": ("A·B", 64, 512, 10),
    "OUTPUT_WEIGHT_GRADIENT": ("Aᵀ·B", 512, 64, 10),
    "SQUARE_512": ("A·B", 512, 512, 512),
    "SQUARE_1024": ("A·B", 1024, 1024, 1024),
}


def operation(form, m, k, n, rng):
    """A no-argument function computing C = op(A)·op(B) into a preallocated C."""
    c = np.empty((m, n), dtype=np.float32)
    if form == "A·B":
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        return lambda: np.matmul(a, b, out=c)
    if form == "Aᵀ·B":
        a = rng.standard_normal((k, m), dtype=np.float32)  # stored k×m, as nnlab's matmulTransposeA
        b = rng.standard_normal((k, n), dtype=np.float32)
        return lambda: np.matmul(a.T, b, out=c)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((n, k), dtype=np.float32)  # stored n×k, as nnlab's matmulTransposeB
    return lambda: np.matmul(a, b.T, out=c)


def median_seconds(op, seconds):
    """Median wall-clock and median CPU (process) seconds per call."""
    for _ in range(20):  # warm up
        op()
    start = time.perf_counter()
    op()
    once = max(time.perf_counter() - start, 1e-7)
    reps = max(1, int(0.02 / once))
    wall, cpu = [], []
    deadline = time.perf_counter() + seconds
    while len(wall) < 7 or time.perf_counter() < deadline:
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(reps):
            op()
        wall.append((time.perf_counter() - start) / reps)
        cpu.append((time.process_time() - start_cpu) / reps)
    return statistics.median(wall), statistics.median(cpu), len(wall)


def serve(name, burst_seconds, lines, out):
    """in_turn.py's worker: a burst of at least one multiply, burst_seconds long, per line of lines;
    "WALL CPU CHECKSUM" to out."""
    form, m, k, n = SHAPES[name]
    op = operation(form, m, k, n, np.random.default_rng(42))
    print(f"ready numpy {np.__version__} {name}", file=out, flush=True)
    for _ in lines:
        start, start_cpu = time.perf_counter(), time.thread_time()
        multiplies = 0
        while multiplies == 0 or time.perf_counter() - start < burst_seconds:
            c = op()
            multiplies += 1
        wall, cpu = (time.perf_counter() - start) / multiplies, (time.thread_time() - start_cpu) / multiplies
        print(f"{wall:.9g} {cpu:.9g} {repr(float(c.sum(dtype=np.float64)))}", file=out, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--seconds", type=float, default=1.0, help="sampling time per shape")
    parser.add_argument("--worker", metavar="SHAPE", help="time a burst of this multiply per line read on stdin (bench/in_turn.py)")
    parser.add_argument("--burst-seconds", type=float, help="with --worker, the length of a burst")
    args = parser.parse_args()
    if args.worker is not None:
        if args.worker not in SHAPES:
            parser.error(f"--worker {args.worker}: expected one of {', '.join(SHAPES)}")
        if args.burst_seconds is None or not args.burst_seconds > 0:
            parser.error(f"--worker needs --burst-seconds, more than 0, got {args.burst_seconds}")
        serve(args.worker, args.burst_seconds, sys.stdin, sys.stdout)
        return
    rng = np.random.default_rng(42)
    results = {}
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}, float32")
    print(f"{'shape':23} {'form':6} {'m×k×n':>16} {'µs':>10} {'GFLOP/s':>8} {'CPU GFLOP/s':>12}")
    for name, (form, m, k, n) in SHAPES.items():
        seconds, cpu_seconds, count = median_seconds(operation(form, m, k, n, rng), args.seconds)
        gflops = 2.0 * m * k * n / seconds / 1e9
        cpu_gflops = 2.0 * m * k * n / max(cpu_seconds, 1e-12) / 1e9
        results[name] = {"form": form, "m": m, "k": k, "n": n, "seconds": seconds,
                         "gflops": gflops, "cpu_seconds": cpu_seconds, "cpu_gflops": cpu_gflops,
                         "samples": count}
        print(f"{name:23} {form:6} {f'{m}×{k}×{n}':>16} {seconds * 1e6:10.1f} {gflops:8.1f} {cpu_gflops:12.1f}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"numpy": np.__version__, "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
