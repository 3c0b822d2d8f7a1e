#!/usr/bin/env python3
"""Times one training epoch of the 784-512-10 network in numpy float32, for comparison with
org.nnlab.bench.TrainingEpochBenchmark: the same network, data and step.

  network   784-512-10, ReLU, softmax cross-entropy; He initialisation (W ~ N(0, 2/fan_in)),
            biases zero (nnlab's defaults for ReLU)
  data      all 60,000 training images of $NNLAB_DATA/mnist, else data/mnist (raw or .gz IDX
            files; where nnlab itself looks), x/255 in float32
  step      plain SGD, learning rate 0.5, batches of 64 in a fresh random order each epoch
            (937 of 64 and a last one of 32), gradient of the mean loss:
              dZ2 = (P - Y)/N, dW2 = A1ᵀ·dZ2, db2 = Σ dZ2, dA1 = dZ2·W2ᵀ,
              dZ1 = dA1 ⊙ [Z1 > 0], dW1 = Xᵀ·dZ1, db1 = Σ dZ1
            (no dX: nothing needs the gradient of the input)

Each timed epoch starts from the same initial weights and the same batch order, so every sample
does the same work. The epoch's time is the median over --epochs samples, by the wall clock and
by the process's CPU time (with OPENBLAS_NUM_THREADS=2 that adds up both threads). It prints the
mean training loss of the epoch, which nnlab's benchmark prints too: a sanity check that both do
the same work.

Usage: OPENBLAS_NUM_THREADS=1 python3 bench/numpy_epoch.py [--threads 1] [--epochs 5] [--json FILE]
(--threads sets OPENBLAS_NUM_THREADS before numpy loads OpenBLAS; run one process per count.)

With --worker it times nothing by itself: it prints "ready numpy VERSION" and then trains one
epoch for every line it reads on stdin, printing "WALL CPU LOSS" (seconds, the process's CPU
time, the mean training loss), the protocol of org.nnlab.bench.EpochWorker; bench/in_turn.py runs
both in turn.
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

DIMENSIONS = (784, 512, 10)
BATCH = 64
LEARNING_RATE = 0.5


def default_data():
    """Where nnlab keeps MNIST: $NNLAB_DATA/mnist when NNLAB_DATA is set, else the repository's data/mnist."""
    if os.environ.get("NNLAB_DATA"):
        return os.path.join(os.environ["NNLAB_DATA"], "mnist")
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="OPENBLAS_NUM_THREADS for this process")
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs (after one untimed)")
    parser.add_argument("--data", default=default_data())
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--worker", action="store_true", help="train one epoch per line read on stdin (bench/in_turn.py)")
    return parser.parse_args()


ARGS = parse_args()
# Must be set before numpy loads OpenBLAS.
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)
os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)

import numpy as np  # noqa: E402


def read_idx(directory, name):
    """The array in an IDX file (raw, or name.gz), as uint8."""
    path = os.path.join(directory, name)
    opener = open
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def initial_parameters(rng):
    d, h, c = DIMENSIONS
    return {
        "W1": (rng.standard_normal((d, h)) * np.sqrt(2.0 / d)).astype(np.float32),
        "b1": np.zeros(h, dtype=np.float32),
        "W2": (rng.standard_normal((h, c)) * np.sqrt(2.0 / h)).astype(np.float32),
        "b2": np.zeros(c, dtype=np.float32),
    }


def train_epoch(params, x, y, order):
    """One epoch of minibatch SGD in place; returns the mean training loss seen along the way."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    loss_sum = 0.0
    for start in range(0, len(order), BATCH):
        batch = order[start:start + BATCH]
        xb, yb = x[batch], y[batch]
        n = len(batch)
        # forward
        z1 = xb @ W1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ W2 + b2
        shifted = z2 - z2.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        sums = exp.sum(axis=1, keepdims=True)
        log_p = shifted - np.log(sums)
        loss_sum -= float(log_p[np.arange(n), yb].sum())
        # backward: dZ2 = (P - Y)/N
        dz2 = exp / sums
        dz2[np.arange(n), yb] -= 1
        dz2 /= n
        dW2 = a1.T @ dz2
        db2 = dz2.sum(axis=0)
        da1 = dz2 @ W2.T
        dz1 = da1 * (z1 > 0)
        dW1 = xb.T @ dz1
        db1 = dz1.sum(axis=0)
        # update
        W1 -= LEARNING_RATE * dW1
        b1 -= LEARNING_RATE * db1
        W2 -= LEARNING_RATE * dW2
        b2 -= LEARNING_RATE * db2
    return loss_sum / len(order)


def main():
    images = read_idx(ARGS.data, "train-images-idx3-ubyte")
    labels = read_idx(ARGS.data, "train-labels-idx1-ubyte").astype(np.int64)
    x = (images.reshape(len(images), -1).astype(np.float32) / np.float32(255))
    rng = np.random.default_rng(1)
    initial = initial_parameters(rng)
    order = rng.permutation(len(x))
    if ARGS.worker:
        return serve(initial, x, labels, order)

    wall, cpu, losses = [], [], []
    for sample in range(ARGS.epochs + 1):
        params = {name: value.copy() for name, value in initial.items()}
        start, start_cpu = time.perf_counter(), time.process_time()
        loss = train_epoch(params, x, labels, order)
        if sample > 0:  # the first epoch warms caches and allocator up
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            losses.append(loss)
    result = {"numpy": np.__version__, "threads": ARGS.threads, "examples": len(x), "batch": BATCH,
              "seconds": statistics.median(wall), "cpu_seconds": statistics.median(cpu),
              "samples_seconds": wall, "samples_cpu_seconds": cpu, "loss": losses[0]}
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={ARGS.threads}: one epoch of {len(x)} images, "
          f"batch {BATCH}: median {result['seconds']:.3f} s wall, {result['cpu_seconds']:.3f} s CPU "
          f"(samples {', '.join(f'{s:.3f}' for s in wall)}); mean training loss {losses[0]:.4f}")
    if ARGS.json:
        with open(ARGS.json, "w") as out:
            json.dump(result, out, indent=1)


def serve(initial, x, labels, order):
    """One epoch from the initial parameters for every line on stdin: "WALL CPU LOSS"."""
    print(f"ready numpy {np.__version__}", flush=True)
    for _ in sys.stdin:
        params = {name: value.copy() for name, value in initial.items()}
        start, start_cpu = time.perf_counter(), time.process_time()
        loss = train_epoch(params, x, labels, order)
        # repr: the loss in full, so that in_turn.py can check each epoch's to the bit.
        print(f"{time.perf_counter() - start:.4f} {time.process_time() - start_cpu:.4f} {float(loss)!r}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
