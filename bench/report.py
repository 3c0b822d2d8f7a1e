#!/usr/bin/env python3
"""Prints bench/run's tables from the results it leaves in bench/target/results/: JMH's JSON and
log, numpy_matmul.py's and numpy_epoch.py's JSON (each run before and after JMH), machine.txt.

First ONE table, nnlab beside numpy for every task: the matrix multiplies at the MNIST shapes, a
training step, a training epoch on 1 and 2 threads with and without zero-skipping. Then the
targets of issue #11, each with its figure and whether it was met. Then the details: the
multiplies scalar and vector, by CPU time and by wall clock, with bytes allocated and each fork's
median (a benchmark is flagged BOXED? when it allocates more than 64 KiB per multiply or one fork
is under half another: the JIT keeping vectors as heap objects, see VectorKernels); every
micro-kernel tile at every shape (MatmulTileBenchmark, dense, and ZeroSkippingTileBenchmark, the
two skipping products on MNIST); 1 against 2 threads; the training step
scalar and vector with its allocation; the fused bias and ReLU against two passes.

Flops. A multiply m×k·k×n is 2·m·k·n flops. A training step of the 784-512-10 network on a batch
of N counts the multiplies both nnlab and numpy must do:
    forward 2·N·(D·H + H·C), weight gradients 2·N·(D·H + H·C), hidden gradient 2·N·H·C
    = 2·N·(2·D·H + 3·H·C) = 1,636,352·N flops with D = 784, H = 512, C = 10;
an epoch of 60,000 images, 98.18 GFLOP. With zero-skipping nnlab does fewer (it leaves out the
terms with a zero pixel), and numpy does them all: the GFLOP/s of a skipping run count the dense
flops, i.e. they are the rate of useful work at numpy's count.

Usage: python3 bench/report.py --results bench/target/results
       python3 bench/report.py --tiles tiles.json ...   (only the tile tables, from JMH's -rf json files)
"""
import argparse
import json
import math
import os
import re
import statistics

import in_turn

SHAPES = {  # as MatmulShape.java: form, m, k, n
    "HIDDEN_FORWARD": ("A·B", 64, 784, 512),
    "WEIGHT_GRADIENT": ("Aᵀ·B", 784, 64, 512),
    "HIDDEN_GRADIENT": ("A·Bᵀ", 64, 10, 512),
    "OUTPUT_FORWARD": ("A·B", 64, 512, 10),
    "OUTPUT_WEIGHT_GRADIENT": ("Aᵀ·B", 512, 64, 10),
    "SQUARE_512": ("A·B", 512, 512, 512),
    "SQUARE_1024": ("A·B", 1024, 1024, 1024),
}
MNIST_SHAPES = ("HIDDEN_FORWARD", "WEIGHT_GRADIENT", "HIDDEN_GRADIENT", "OUTPUT_FORWARD",
               "OUTPUT_WEIGHT_GRADIENT")
D, H, C, BATCH, IMAGES = 784, 512, 10, 64, 60000
STEP_FLOPS_PER_EXAMPLE = 2 * (2 * D * H + 3 * H * C)
BATCHES_PER_EPOCH = math.ceil(IMAGES / BATCH)
BOXED_BYTES = 64 * 1024
TARGET_MATMUL = 0.9          # nnlab's GFLOP/s over OpenBLAS's, at least
TARGET_EPOCH_SKIPPING = 0.6  # nnlab's epoch time over numpy's, at most
TARGET_EPOCH_DENSE = 1.0
TARGET_TWO_THREADS = 1.7     # 1-thread epoch time over 2-thread epoch time, at least
FMA_PEAK_FLOPS = None        # set from FmaPeakBenchmark when it ran


def matmul_flops(shape):
    _, m, k, n = SHAPES[shape]
    return 2.0 * m * k * n


def medians(raw):
    """(median of every iteration of every fork, [median of each fork])"""
    every = [x for fork in raw for x in fork]
    return statistics.median(every), [statistics.median(fork) for fork in raw if fork]


def to_seconds(value, unit):
    scale = {"us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0, "ns/op": 1e-9}[unit]
    return value * scale


def load_jmh(path):
    """[{"class", "method", "params", "wall": (s, [fork s]), "cpu": (s, [fork s]) or None, "alloc", "share"}]"""
    rows = []
    if not os.path.exists(path):
        return rows
    for entry in json.load(open(path)):
        cls, method = entry["benchmark"].split(".")[-2:]
        unit = entry["primaryMetric"]["scoreUnit"]
        wall, wall_forks = medians(entry["primaryMetric"]["rawData"])
        row = {"class": cls, "method": method, "params": entry.get("params", {}),
               "wall": (to_seconds(wall, unit), [to_seconds(f, unit) for f in wall_forks]),
               "cpu": None, "alloc": None, "share": None}
        for name, metric in entry.get("secondaryMetrics", {}).items():
            if name.endswith("gc.alloc.rate.norm"):
                row["alloc"] = metric["score"]
            if name.endswith("cpu.time.per.op"):
                cpu, cpu_forks = medians(metric["rawData"])
                row["cpu"] = (cpu * 1e-6, [f * 1e-6 for f in cpu_forks])
            if name.endswith("cpu.share"):
                row["share"] = metric["score"]
        rows.append(row)
    return rows


def find(jmh, cls, method, **params):
    """The row of benchmark cls.method whose parameters include the given ones."""
    for row in jmh:
        if row["class"] == cls and row["method"] == method and all(
                str(row["params"].get(k)) == str(v) for k, v in params.items()):
            return row
    return None


def load_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def numpy_matmul_seconds(results, shape, basis):
    """Mean over the runs before and after JMH of numpy's seconds per multiply."""
    key = "cpu_seconds" if basis == "cpu" else "seconds"
    runs = [load_json(os.path.join(results, f"numpy-{when}.json")) for when in ("before", "after")]
    values = [run["results"][shape][key] for run in runs if run and shape in run["results"]]
    return (statistics.mean(values), values) if values else (float("nan"), [])


def numpy_epoch(results, threads, basis):
    key = "cpu_seconds" if basis == "cpu" else "seconds"
    runs = [load_json(os.path.join(results, f"numpy-epoch-{threads}-{when}.json")) for when in ("before", "after")]
    runs = [run for run in runs if run]
    if not runs:
        return float("nan"), [], float("nan")
    values = [run[key] for run in runs]
    return statistics.mean(values), values, runs[0]["loss"]


def seconds_text(s):
    if s != s:
        return "n/a"
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.3f} s"


def peak_text(gflops):
    return f"{100 * gflops / FMA_PEAK_FLOPS:5.0f}%" if FMA_PEAK_FLOPS else "   n/a"


def epoch_row(jmh, threads, sparse):
    return find(jmh, "TrainingEpochBenchmark", "epoch", threads=threads, sparse=str(sparse).lower(), dataset="mnist")


def one_table(jmh, results):
    """Every task, nnlab beside numpy."""
    rows = []
    for shape, (form, m, k, n) in SHAPES.items():
        vector = find(jmh, "MatmulBenchmark", "multiply", shape=shape, kernels="vector")
        if vector and vector["cpu"]:
            np_s, _ = numpy_matmul_seconds(results, shape, "cpu")
            rows.append((f"matmul {form} {m}×{k}×{n}", "CPU", vector["cpu"][0], np_s, matmul_flops(shape), vector["share"]))
    step = find(jmh, "TrainingStepBenchmark", "step", kernels="vector")
    np_epoch_cpu, _, _ = numpy_epoch(results, 1, "cpu")
    if step and step["cpu"]:
        rows.append(("training step, random pixels (numpy: epoch/938)", "CPU", step["cpu"][0],
                     np_epoch_cpu / BATCHES_PER_EPOCH, STEP_FLOPS_PER_EXAMPLE * BATCH, step["share"]))
    epoch_flops = STEP_FLOPS_PER_EXAMPLE * IMAGES
    for sparse in (True, False):
        name = "zero-skipping" if sparse else "dense"
        one = epoch_row(jmh, 1, sparse)
        if one and one["cpu"]:
            rows.append((f"epoch, 1 thread, {name}", "CPU", one["cpu"][0], np_epoch_cpu, epoch_flops, one["share"]))
        if one:
            rows.append((f"epoch, 1 thread, {name}", "wall", one["wall"][0], numpy_epoch(results, 1, "wall")[0],
                         epoch_flops, one["share"]))
    for sparse in (True, False):
        two = epoch_row(jmh, 2, sparse)
        if two:
            rows.append((f"epoch, 2 threads, {'zero-skipping' if sparse else 'dense'}", "wall", two["wall"][0],
                         numpy_epoch(results, 2, "wall")[0], epoch_flops, two["share"]))

    print("nnlab (vector kernels) against numpy/OpenBLAS, float32. Times are medians; 'ratio' is nnlab's time")
    print("over numpy's (below 1: nnlab is faster). CPU: CPU time per operation (single-threaded work on a")
    print("shared machine); wall: the wall clock. GFLOP/s count the flops numpy does (see the notes below);")
    print("%peak is against the measured FMA peak of one core (FmaPeakBenchmark.fma, by CPU time). 'CPU':")
    print("CPU seconds nnlab's JVM used per wall-clock second; below 1 on one thread, other programs had the core.")
    print(f"{'task':48} {'basis':5} {'nnlab':>10} {'numpy':>10} {'ratio':>6} {'GFLOP/s':>8} {'numpy':>6} {'%peak':>6} {'CPU':>5}")
    for task, basis, nn, np_s, flops, share in rows:
        g, gnp = flops / nn / 1e9, flops / np_s / 1e9
        print(f"{task:48} {basis:5} {seconds_text(nn):>10} {seconds_text(np_s):>10} {nn / np_s:5.2f}× "
              f"{g:8.1f} {gnp:6.1f} {peak_text(g)} {share if share is not None else float('nan'):5.2f}")


def threads_side_by_side(results, figure="speed-up"):
    """The speed-ups ThreadsSideBySide printed, one per JVM (threads-side-by-side.txt), or [];
    with figure="ceiling", the machine's ceilings it printed (two one-thread epochs at once)."""
    path = os.path.join(results, "threads-side-by-side.txt")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # \S*: the × may come out as '?' where Java's output encoding has no such sign
    return [float(m.group(1)) for m in re.finditer(re.escape(figure) + r" ([\d.]+)\S* \(median of the pairs", text)]


def shares_of_ceiling(results):
    """The share of the machine's ceiling that two threads reached, one per JVM, or []."""
    return threads_side_by_side(results, "share of it reached")


def targets(jmh, results, log_lines):
    """Issue #11's targets, each with its figure."""
    print("Targets of issue #11:")
    ratios = []
    for shape in MNIST_SHAPES:
        vector = find(jmh, "MatmulBenchmark", "multiply", shape=shape, kernels="vector")
        np_s, _ = numpy_matmul_seconds(results, shape, "cpu")
        if vector and vector["cpu"]:
            ratios.append((shape, np_s / vector["cpu"][0]))
    if ratios:
        worst = min(r for _, r in ratios)
        print(f"  matmul at the MNIST shapes, 1 thread, ≥ {TARGET_MATMUL}× OpenBLAS's GFLOP/s (CPU time): "
              + ", ".join(f"{s.lower()} {r:.2f}×" for s, r in ratios)
              + (": met" if worst >= TARGET_MATMUL else ": MISSED"))
    in_turn_multiplies(results)
    np_cpu, _, _ = numpy_epoch(results, 1, "cpu")
    for sparse, target in ((True, TARGET_EPOCH_SKIPPING), (False, TARGET_EPOCH_DENSE)):
        one = epoch_row(jmh, 1, sparse)
        if one and one["cpu"]:
            ratio = one["cpu"][0] / np_cpu
            print(f"  epoch, 1 thread, {'zero-skipping' if sparse else 'dense'}: ≤ {target}× numpy's time (CPU time): "
                  f"{ratio:.2f}×" + (": met" if ratio <= target else ": MISSED"))
    for sparse in (True, False):
        one, two = epoch_row(jmh, 1, sparse), epoch_row(jmh, 2, sparse)
        if one and two:
            speedup = one["wall"][0] / two["wall"][0]
            share = two["share"] if two["share"] is not None else float("nan")
            print(f"  2 threads, {'zero-skipping' if sparse else 'dense'}: ≥ {TARGET_TWO_THREADS}× the 1-thread epoch speed "
                  f"(wall clock): {speedup:.2f}×, the 2-thread run using {share:.2f} CPU seconds per second"
                  + (": met" if speedup >= TARGET_TWO_THREADS else ": MISSED"))
    side_by_side = threads_side_by_side(results)
    if side_by_side:
        middle = statistics.median(side_by_side)
        print("  2 threads, zero-skipping, epochs in turn in one JVM (ThreadsSideBySide, median of each JVM's pairs): "
              + ", ".join(f"{s:.2f}×" for s in side_by_side) + f"; median {middle:.2f}×"
              + (": met" if middle >= TARGET_TWO_THREADS else ": MISSED"))
    ceilings = threads_side_by_side(results, "ceiling")
    if ceilings:
        print("  the machine's ceiling in the same JVMs (two one-thread epochs at once, each with a network and a thread "
              "of its own; what the machine allows, no target): " + ", ".join(f"{c:.2f}×" for c in ceilings)
              + f"; median {statistics.median(ceilings):.2f}×")
    shares = shares_of_ceiling(results)
    if shares:
        print("  the share of that ceiling two threads reached (speed-up over ceiling; 1.7× on a machine whose ceiling is "
              "2× needs 0.85): " + ", ".join(f"{s:.2f}" for s in shares) + f"; median {statistics.median(shares):.2f}")
    in_turn_targets(results)
    steps = [line for line in log_lines if line.startswith("nnlab step")]
    if steps:
        worst = max(float(re.search(r"([\d.]+) bytes per step", line).group(1)) for line in steps)
        counts = [re.search(r"(\d+) of them allocated, at most (\d+) bytes", line) for line in steps]
        allocating = sum(int(c.group(1)) for c in counts if c)
        largest = max((int(c.group(2)) for c in counts if c), default=0)
        detail = f"; {allocating} step(s) allocated, the most {largest} B in one" if all(counts) else ""
        print(f"  0 B allocated per training step (benchmark thread, last iteration of each fork): "
              f"at most {worst:.2f} B per step{detail}" + (": met" if worst < 1 else ": MISSED"))


# The epochs of in_turn.py's workers that bench/run compares: (what, worker, over worker, basis, target, met when).
IN_TURN_RATIOS = (
    ("epoch, 1 thread, zero-skipping, over numpy's (CPU time)", "skip", "numpy", "cpu", TARGET_EPOCH_SKIPPING, "at most"),
    ("epoch, 1 thread, dense, over numpy's (CPU time)", "dense", "numpy", "cpu", TARGET_EPOCH_DENSE, "at most"),
    ("epoch, 2 threads, zero-skipping, over numpy's on 2 (wall clock)", "skip2", "numpy2", "wall", None, None),
    ("epoch, 2 threads, dense, over numpy's on 2 (wall clock)", "dense2", "numpy2", "wall", None, None),
    ("speed-up of 2 threads, zero-skipping (1-thread wall time over 2-thread)", "skip", "skip2", "wall", TARGET_TWO_THREADS, "at least"),
    ("speed-up of 2 threads, dense", "dense", "dense2", "wall", TARGET_TWO_THREADS, "at least"),
)


def in_turn_multiplies(results):
    """The multiply target again, from in_turn.py --multiply: numpy's and nnlab's bursts timed in the same round."""
    speeds, missing = [], []
    for shape in MNIST_SHAPES:
        data = load_json(os.path.join(results, f"multiply-in-turn-{shape}.json"))
        if not data or "numpy" not in data["workers"] or "dense" not in data["workers"]:
            missing.append(shape)
            continue
        workers = data["workers"]
        median, low, high = in_turn.summary(n / d for n, d in zip(workers["numpy"]["cpu"], workers["dense"]["cpu"]))
        speeds.append((shape, median, low, high, data["rounds"]))
    if not speeds:
        return
    rounds = sorted({r for _, _, _, _, r in speeds})
    worst = min(median for _, median, _, _, _ in speeds)
    verdict = (f": not all measured (no figures for {', '.join(s.lower() for s in missing)})" if missing
               else ": met" if worst >= TARGET_MATMUL else ": MISSED")
    print(f"  the same, in turn (bench/in_turn.py --multiply, {'/'.join(map(str, rounds))} rounds of a burst each; "
          "numpy's time over nnlab's, the median of the rounds, quartiles in brackets): "
          + ", ".join(f"{shape.lower()} {median:.2f}× ({low:.2f}–{high:.2f})" for shape, median, low, high, _ in speeds)
          + verdict)


def in_turn_targets(results):
    """The epoch targets again, from in_turn.py's workers: both sides of each ratio timed in the same round."""
    data = load_json(os.path.join(results, "in-turn.json"))
    if not data:
        return
    workers = data["workers"]
    print(f"  epochs in turn, numpy's and nnlab's workers each training one epoch per round in a random order "
          f"({data['rounds']} rounds, bench/in_turn.py); the median of the rounds' ratios, quartiles in brackets:")
    for what, worker, over, basis, target, sense in IN_TURN_RATIOS:
        if worker not in workers or over not in workers:
            continue
        ratios = [a / b for a, b in zip(workers[worker][basis], workers[over][basis])]
        median, low, high = in_turn.summary(ratios)
        verdict = ""
        if target is not None:
            met = median <= target if sense == "at most" else median >= target
            verdict = f" ({sense} {target}×: {'met' if met else 'MISSED'})"
        print(f"    {what}: {median:.2f}× ({low:.2f}–{high:.2f}){verdict}")


def notes(jmh, results, log_lines):
    for threads in (1, 2):
        runs = [load_json(os.path.join(results, f"numpy-epoch-{threads}-{when}.json")) for when in ("before", "after")]
        samples = [x for run in runs if run for x in run["samples_seconds"]]
        if samples:
            print(f"numpy epoch, {threads} thread(s), wall-clock samples before and after JMH: "
                  + ", ".join(f"{x:.2f}" for x in samples) + " s")
    for row in sorted((r for r in jmh if r["class"] == "TrainingEpochBenchmark"),
                      key=lambda r: (r["params"].get("dataset"), r["params"].get("threads"), r["params"].get("sparse"))):
        p = row["params"]
        print(f"nnlab epoch, {p.get('dataset')}, {p.get('threads')} thread(s), sparse={p.get('sparse')}, wall clock, "
              f"median of each fork: " + ", ".join(f"{x:.3f}" for x in row["wall"][1]) + " s"
              + (f"; CPU {seconds_text(row['cpu'][0])}" if row["cpu"] else ""))
    for line in log_lines:
        print(line)
    _, _, np_loss = numpy_epoch(results, 1, "cpu")
    print(f"numpy epoch: mean training loss {np_loss:.4f} (same initialisation scheme, step and data; "
          "its own random draws)")


def matmul_table(jmh, results, basis):
    print(f"{'shape':22} {'form':5} {'m×k×n':>15} {'scalar':>7} {'vector':>7} {'vec/sc':>7} "
          f"{'numpy':>7} {'vec/np':>7} {'%peak':>6} {'B/op':>6}  {'vector forks':14} flags")
    for shape, (form, m, k, n) in SHAPES.items():
        scalar = find(jmh, "MatmulBenchmark", "multiply", shape=shape, kernels="scalar")
        vector = find(jmh, "MatmulBenchmark", "multiply", shape=shape, kernels="vector")
        if not scalar or not vector or not scalar[basis] or not vector[basis]:
            continue
        flops = matmul_flops(shape)
        s, v = flops / scalar[basis][0] / 1e9, flops / vector[basis][0] / 1e9
        np_s, _ = numpy_matmul_seconds(results, shape, basis)
        np_g = flops / np_s / 1e9
        forks = [flops / f / 1e9 for f in vector[basis][1]]
        alloc = vector["alloc"] if vector["alloc"] is not None else float("nan")
        flag = []
        if vector["alloc"] is not None and vector["alloc"] > BOXED_BYTES:
            flag.append(f"BOXED? {vector['alloc'] / 1e6:.1f} MB/op")
        if forks and min(forks) < 0.5 * max(forks):
            flag.append("BOXED? forks differ")
        print(f"{shape:22} {form:5} {f'{m}×{k}×{n}':>15} {s:7.1f} {v:7.1f} {v / s:6.1f}× "
              f"{np_g:7.1f} {v / np_g:6.2f}× {peak_text(v)} {alloc:6.0f}  "
              f"{'/'.join(f'{g:.0f}' for g in forks):14} {' '.join(flag)}")
    print("numpy: mean of the runs before and after JMH (" + ", ".join(
        f"{shape.lower()} {'/'.join(f'{matmul_flops(shape) / s / 1e9:.0f}' for s in numpy_matmul_seconds(results, shape, basis)[1])}"
        for shape in SHAPES) + ")")


TILE_BENCHMARKS = {  # class: what its cells are
    "MatmulTileBenchmark": "dense, random matrices",
    "ZeroSkippingTileBenchmark": "zero-skipping, X a real minibatch of 64 images (16 per invocation)",
}


def tile_table(jmh, results, cls):
    """GFLOP/s by CPU time of every tile at every shape of one tile benchmark, each fork's median in
    brackets and * at the fastest tile of each shape; numpy's figure below when its runs are there."""
    rows = [r for r in jmh if r["class"] == cls and r["cpu"]]
    if not rows:
        return
    tiles = list(dict.fromkeys(r["params"]["tile"] for r in rows))
    shapes = [s for s in SHAPES if any(r["params"]["shape"] == s for r in rows)]
    datasets = sorted(set(r["params"].get("dataset", "") for r in rows) - {""})
    print()
    print(f"Every micro-kernel tile (-Dnnlab.tile), {TILE_BENCHMARKS[cls]}" + (f", {', '.join(datasets)}" if datasets else "")
          + f", 1 thread, GFLOP/s by CPU time ({cls}); in brackets each fork's median, * the fastest tile of each shape.")
    gflops = {}
    for shape in shapes:
        for tile in tiles:
            row = find(jmh, cls, "multiply", shape=shape, tile=tile)
            if row and row["cpu"]:
                gflops[shape, tile] = (matmul_flops(shape) / row["cpu"][0] / 1e9,
                                       [matmul_flops(shape) / f / 1e9 for f in row["cpu"][1]])
    fastest = {shape: max((t for t in tiles if (shape, t) in gflops), key=lambda t: gflops[shape, t][0], default=None)
               for shape in shapes}
    print(f"{'tile':6} {'registers':>9}  " + "".join(f"{s.lower():20}" for s in shapes))
    for tile in tiles:
        r, v = (int(x) for x in tile.split("x"))
        cells = []
        for shape in shapes:
            if (shape, tile) in gflops:
                median, forks = gflops[shape, tile]
                cell = f"{median:5.1f}{'*' if fastest[shape] == tile else ' '} ({'/'.join(f'{f:.0f}' for f in forks)})"
            else:
                cell = ""
            cells.append(f"{cell:20}")
        print(f"{tile.replace('x', '×'):6} {r * v + v + 1:9d}  " + "".join(cells))
    shares = [r["share"] for r in rows if r["share"] is not None]
    if shares:
        print(f"CPU share of the forks (CPU seconds per wall-clock second), mean per cell: {min(shares):.2f}–{max(shares):.2f}")
    if results and any(numpy_matmul_seconds(results, s, "cpu")[1] for s in shapes):
        print(f"{'numpy':6} {'':9}  " + "".join(
            f"{matmul_flops(s) / numpy_matmul_seconds(results, s, 'cpu')[0] / 1e9:5.1f}{'':15}" for s in shapes))


def details(jmh, results):
    print("Matrix multiplies, float32, one thread, GFLOP/s. B/op: JMH -prof gc (all threads of the fork).")
    print("By CPU time:")
    matmul_table(jmh, results, "cpu")
    print("By wall clock:")
    matmul_table(jmh, results, "wall")
    for cls in TILE_BENCHMARKS:
        tile_table(jmh, results, cls)

    if any(r["class"] == "MatmulThreadsBenchmark" for r in jmh):
        print()
        print("Vector multiplies, 1 thread against 2 (caller + 1 worker), wall clock, GFLOP/s;")
        print("'CPU used': CPU seconds per wall-clock second of the 2-thread run (2.0 = both cores).")
        print(f"{'shape':22} {'1 thread':>9} {'2 threads':>10} {'speed-up':>9} {'CPU used':>9}")
        for shape in SHAPES:
            one = find(jmh, "MatmulThreadsBenchmark", "multiply", shape=shape, threads=1)
            two = find(jmh, "MatmulThreadsBenchmark", "multiply", shape=shape, threads=2)
            if one and two:
                g1, g2 = matmul_flops(shape) / one["wall"][0] / 1e9, matmul_flops(shape) / two["wall"][0] / 1e9
                share = two["share"] if two["share"] is not None else float("nan")
                print(f"{shape:22} {g1:9.1f} {g2:10.1f} {g2 / g1:8.2f}× {share:9.2f}")

    step_rows = [(k, find(jmh, "TrainingStepBenchmark", "step", kernels=k)) for k in ("scalar", "vector")]
    if any(row for _, row in step_rows):
        print()
        print("Training step, 784-512-10, batch 64 of random pixels, 1 thread. B/op: JMH -prof gc, every thread")
        print("of the fork (JMH's own included); the benchmark thread's own bytes per step are in the 'nnlab step' lines.")
        print(f"{'kernels':8} {'CPU/step':>10} {'wall/step':>10} {'GFLOP/s':>8} {'B/op':>7}")
        for kernels, row in step_rows:
            if row and row["cpu"]:
                g = STEP_FLOPS_PER_EXAMPLE * BATCH / row["cpu"][0] / 1e9
                alloc = row["alloc"] if row["alloc"] is not None else float("nan")
                print(f"{kernels:8} {seconds_text(row['cpu'][0]):>10} {seconds_text(row['wall'][0]):>10} {g:8.1f} {alloc:7.0f}")

    fused_rows = [(k, find(jmh, "FusedBiasReluBenchmark", "twoPasses", kernels=k),
                   find(jmh, "FusedBiasReluBenchmark", "fused", kernels=k)) for k in ("vector", "scalar")]
    if any(two and fused for _, two, fused in fused_rows):
        print()
        print("Bias and ReLU on 64×512 floats, 1 thread, CPU time per call: two passes against one fused pass.")
        print(f"{'kernels':8} {'two passes':>11} {'fused':>9} {'saved':>9}")
        for kernels, two, fused in fused_rows:
            if two and fused and two["cpu"] and fused["cpu"]:
                print(f"{kernels:8} {seconds_text(two['cpu'][0]):>11} {seconds_text(fused['cpu'][0]):>9} "
                      f"{seconds_text(two['cpu'][0] - fused['cpu'][0]):>9}")


def main():
    global FMA_PEAK_FLOPS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default="bench/target/results")
    parser.add_argument("--tiles", nargs="+", metavar="JMH_JSON",
                        help="print only the tile tables of these JMH result files (-rf json)")
    args = parser.parse_args()
    if args.tiles:
        jmh = [row for path in args.tiles for row in load_jmh(path)]
        for cls in TILE_BENCHMARKS:
            tile_table(jmh, None, cls)
        return
    results = args.results
    jmh = load_jmh(os.path.join(results, "jmh.json"))
    log_lines = []
    log_path = os.path.join(results, "jmh.log")
    if os.path.exists(log_path):
        log_lines = sorted(set(m.group(0) for m in re.finditer(r"nnlab (step|epoch|fma): [^\n]*", open(log_path).read())))
    fma = find(jmh, "FmaPeakBenchmark", "fma")
    fma_flops = [float(m.group(1)) for line in log_lines for m in [re.search(r"nnlab fma: (\d+) flops", line)] if m]
    if fma and fma["cpu"] and fma_flops:
        FMA_PEAK_FLOPS = fma_flops[0] / fma["cpu"][0] / 1e9

    if os.path.exists(os.path.join(results, "machine.txt")):
        print(open(os.path.join(results, "machine.txt")).read().strip())
        print()
    one_table(jmh, results)
    print()
    targets(jmh, results, log_lines)
    print()
    notes(jmh, results, log_lines)
    print()
    details(jmh, results)
    if FMA_PEAK_FLOPS:
        print()
        print(f"FMA peak of one core, measured: {FMA_PEAK_FLOPS:.1f} GFLOP/s by CPU time (FmaPeakBenchmark.fma, "
              f"{fma_flops[0]:.0f} flops per call); the %peak columns are against it.")


if __name__ == "__main__":
    main()
