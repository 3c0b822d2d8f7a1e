#!/usr/bin/env python3
"""Training epochs of numpy and of nnlab (or of two builds of nnlab) in turn, to compare them on a
machine whose speed moves from minute to minute.

Each worker is a process that stays up and trains one epoch (784-512-10, MNIST, batches of 64,
learning rate 0.5, the same initial weights and order every time) whenever it is asked:
numpy_epoch.py --worker, or org.nnlab.bench.EpochWorker. In every round each worker trains one
epoch, in a new random order; each round gives each worker's time over that of the first worker
with as many threads, and the report gives the median of those ratios with their quartiles. Both
sides of a ratio are then timed within seconds of each other, whereas bench/run's JMH forks and
numpy runs are minutes apart (on the AMD EPYC of session 26 the same epoch took 1.06 s and, two
rounds later, 1.72 s).

One-thread workers are compared by the CPU time of their process, two-thread ones (or a mix) by
the wall clock. Every worker must end every epoch at the same loss, to the bit (each worker prints
it in full), or the run fails.

Every --restart-every rounds (default 5) each worker is started again: a JVM's speed is partly a
draw made when it starts. On the AMD EPYC of session 27 two JVMs of the same jar, in turn for 6
rounds, differed by up to 11% (dense) and 18% (zero-skipping), steadily within one pair of JVMs;
so a comparison of two builds, each in one JVM, can show a difference that is neither's.
Restarted, each worker's rounds come from several JVMs; an A/B of two builds wants many (below),
and a second copy of one of the jars as a control shows how far two draws of one build differ.

  python3 bench/in_turn.py numpy skip dense            # nnlab against numpy, one thread
  python3 bench/in_turn.py numpy2 skip2 dense2         # two threads each
  python3 bench/in_turn.py --rounds 20 --restart-every 2 skip@old.jar skip   # two builds, A/B, 10 JVMs each
  options: --rounds 10 --warm-up 5 --restart-every 5 --java PATH --jvm=-XX:MaxVectorSize=16 --json FILE

A worker is numpy, numpy2 (OPENBLAS_NUM_THREADS=2), skip, dense, skip2 or dense2 (nnlab with
zero-skipping on or off, on 1 or 2 threads), the nnlab ones optionally @JAR (default
bench/target/benchmarks.jar, which `./mvnw -f bench/pom.xml package` builds; an older jar must
have org.nnlab.bench.EpochWorker, which came with this script). numpy and nnlab read MNIST where
nnlab keeps it ($NNLAB_DATA/mnist, else this project's data/mnist: `./nnlab fetch`).

The warm-up: a JVM compiles nnlab's methods during its first epochs, and its process's CPU time
counts the compiler's threads; in the session 27 runs the CPU time came within 1-2% of the wall
clock from the fourth epoch on. Hence 5 untimed epochs at each start.

With --multiply SHAPE (a name of org.nnlab.bench.MatmulShape, e.g. HIDDEN_GRADIENT for dZ2·W2ᵀ)
the workers time one multiply instead of an epoch: numpy (numpy_matmul.py --worker SHAPE) and
dense (org.nnlab.bench.MultiplyWorker SHAPE: the vector kernels on one thread, random operands,
as MatmulBenchmark's), each a burst of BURST_SECONDS per round, reported per multiply and by
the CPU time of the thread that multiplies (the JVM's process CPU time came in steps of 10 ms or
more on JDK 17); each burst must end at the same checksum of C, and the report gives nnlab's
speed over numpy's. bench/run runs it for every MNIST shape, the multiply target of issue #11
with both sides of a ratio timed within a second:
  python3 bench/in_turn.py --multiply HIDDEN_GRADIENT numpy dense
"""
import argparse
import collections
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
DEFAULT_JAR = os.path.join(HERE, "target", "benchmarks.jar")
# Each worker's kind and its threads.
WORKERS = {"numpy": ("numpy", 1), "numpy2": ("numpy", 2), "skip": ("skip", 1), "dense": ("dense", 1),
           "skip2": ("skip", 2), "dense2": ("dense", 2)}
Epoch = collections.namedtuple("Epoch", "wall cpu loss")
# What a worker's answer is, for its messages: one epoch and its loss, or one burst of multiplies
# and C's checksum (the "loss" field of an Epoch then holds the checksum).
Answers = collections.namedtuple("Answers", "noun results field")
EPOCHS = Answers("epoch", "losses", "LOSS")
BURSTS = Answers("burst", "checksums", "CHECKSUM")
# A burst's length with --multiply: long enough that the clock's and the call's overheads vanish,
# short enough that the machine's speed changes little within a round.
BURST_SECONDS = 0.25


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workers", nargs="+", help="numpy, numpy2, skip, dense, skip2, dense2; nnlab's optionally @JAR")
    parser.add_argument("--rounds", type=int, default=10, help="timed rounds (default 10)")
    parser.add_argument("--warm-up", type=int, default=5, help="untimed epochs of each worker when it starts (default 5)")
    parser.add_argument("--restart-every", type=int, default=5,
                        help="start every worker again after this many rounds, 0 never (default 5)")
    parser.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java")
    parser.add_argument("--jvm", default="", help="options for every nnlab JVM, given as --jvm=-XX:MaxVectorSize=16 (with '=')")
    parser.add_argument("--json", help="also write every round's times to this file")
    parser.add_argument("--multiply", metavar="SHAPE", help="time a burst of this multiply (MatmulShape) instead of an epoch")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    if args.warm_up < 0 or args.restart_every < 0:
        parser.error(f"--warm-up and --restart-every must be 0 or more, got {args.warm_up} and {args.restart_every}")
    if len(set(args.workers)) != len(args.workers):
        parser.error(f"each worker once: {' '.join(args.workers)}")
    for worker in args.workers:
        kind, _, jar = worker.partition("@")
        if kind not in WORKERS:
            parser.error(f"worker {worker}: expected numpy, numpy2, skip, dense, skip2 or dense2 (nnlab's optionally @JAR)")
        if kind.startswith("numpy") and jar:
            parser.error(f"worker {worker}: numpy takes no @JAR")
        if args.multiply is not None and kind not in ("numpy", "dense"):
            parser.error(f"worker {worker}: with --multiply, expected numpy or dense (one thread; nnlab's optionally @JAR)")
        if not kind.startswith("numpy") and not os.path.isfile(jar or DEFAULT_JAR):
            parser.error(f"worker {worker}: no such jar {jar or DEFAULT_JAR} (build it: ./mvnw -f bench/pom.xml package)")
    return args


def threads_of(worker):
    return WORKERS[worker.partition("@")[0]][1]


def command(worker, args):
    name, _, jar = worker.partition("@")
    kind, threads = WORKERS[name]
    if kind == "numpy" and args.multiply is not None:
        return [sys.executable, os.path.join(HERE, "numpy_matmul.py"), "--worker", args.multiply,
                "--burst-seconds", str(BURST_SECONDS)]
    if kind == "numpy":
        return [sys.executable, os.path.join(HERE, "numpy_epoch.py"), "--worker", "--threads", str(threads)]
    # nnlab.home: the JVM looks for MNIST in this project's data/, as numpy_epoch.py does, wherever it is started.
    java = [args.java, "-Xmx2g", "--add-modules", "jdk.incubator.vector", "-Dnnlab.home=" + PROJECT] + args.jvm.split()
    if args.multiply is not None:
        return java + ["-cp", jar or DEFAULT_JAR, "org.nnlab.bench.MultiplyWorker", args.multiply, str(BURST_SECONDS)]
    return java + ["-cp", jar or DEFAULT_JAR, "org.nnlab.bench.EpochWorker", kind, str(threads)]


class Worker:
    """One worker process. losses, the losses its epochs ended at, is one set for every process of
    the same worker name, so that a restarted worker must end where the earlier ones did."""

    def __init__(self, name, argv, losses, answers=EPOCHS):
        self.name = name
        self.losses = losses
        self.answers = answers
        # stderr goes to a file: a pipe nobody reads would block a worker that writes much.
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("ready "):
            self.fail(f"did not start ({' '.join(argv)}); it printed {line!r}")
        self.description = line[len("ready "):]

    def epoch(self):
        """One epoch: its wall and CPU seconds and its loss as printed."""
        try:
            self.process.stdin.write("go\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.fail("stopped")
        fields = self.process.stdout.readline().split()
        try:
            wall, cpu, loss = float(fields[0]), float(fields[1]), fields[2]
            if len(fields) != 3:
                raise ValueError
        except (IndexError, ValueError):
            self.fail(f"stopped, or answered something else than 'WALL CPU {self.answers.field}': {' '.join(fields)!r}")
        self.losses.add(loss)
        if len(self.losses) > 1:
            self.fail(f"ended its {self.answers.noun}s at different {self.answers.results}: {sorted(self.losses)}")
        return Epoch(wall, cpu, loss)

    def fail(self, what):
        """Stops the process and ends the run, with the end of what the worker wrote to stderr."""
        self.process.kill()
        self.close()
        raise SystemExit(f"in_turn.py: worker {self.name} {what}\n{self.error_output}")

    def close(self):
        if self.process.stdout.closed:
            return
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.seek(0)
        self.error_output = self.stderr.read()[-4000:]
        self.stderr.close()
        self.process.stdout.close()
        if not self.process.stdin.closed:
            self.process.stdin.close()


def summary(values):
    """Median and quartiles (the quartiles of one or two values are their extremes)."""
    values = sorted(values)
    if len(values) < 3:
        return statistics.median(values), values[0], values[-1]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return statistics.median(values), q[0], q[2]


def basis(threads):
    """What a worker of this many threads is timed by: CPU time on one thread, the wall clock on more."""
    return "cpu" if threads == 1 else "wall"


def time_text(seconds, answers):
    """An epoch's time in seconds, a multiply's in microseconds."""
    return f"{seconds * 1e6:.2f} µs" if answers == BURSTS else f"{seconds:.3f} s"


def report(names, times, rounds, answers=EPOCHS):
    """The lines of the report: each worker's median times, and its ratio to the first worker with as many threads."""
    lines = []
    for name in names:
        wall = summary(t.wall for t in times[name])
        cpu = summary(t.cpu for t in times[name])
        line = f"{name:<24} wall {time_text(wall[0], answers)}, CPU {time_text(cpu[0], answers)}"
        first = next(other for other in names if threads_of(other) == threads_of(name))
        if name != first and answers == EPOCHS:  # multiplies: speed_lines gives the ratio, as a speed
            what = basis(threads_of(name))
            ratios = [getattr(times[name][r], what) / getattr(times[first][r], what) for r in range(rounds)]
            median, low, high = summary(ratios)
            faster = sum(1 for ratio in ratios if ratio < 1)
            line += (f"; over {first}'s {'CPU time' if what == 'cpu' else 'wall time'} in the same round: {median:.3f} "
                     f"(quartiles {low:.3f}-{high:.3f}), faster in {faster} of {rounds}")
        lines.append(line)
    return lines


def start(commands, warm_up, losses, answers=EPOCHS):
    """The workers of {name: argv}, each warmed up; an epoch whose loss differs from an earlier one of the same name fails."""
    workers = []
    try:
        for name, argv in commands.items():
            worker = Worker(name, argv, losses.setdefault(name, set()), answers)
            workers.append(worker)
            for _ in range(warm_up):
                worker.epoch()
    except BaseException:
        stop(workers)
        raise
    return workers


def stop(workers):
    for worker in workers:
        worker.close()


def run_rounds(commands, rounds, warm_up, restart_every, log=print, answers=EPOCHS):
    """({name: [Epoch per round]}, how many times each worker was started): every worker is started
    again every restart_every rounds."""
    losses = {}
    workers = start(commands, warm_up, losses, answers)
    starts = 1
    times = {name: [] for name in commands}
    try:
        for worker in workers:
            log(f"{worker.name}: {worker.description}")
        for r in range(rounds):
            if r > 0 and restart_every and r % restart_every == 0:
                stop(workers)
                workers = []  # so that the finally below stops nothing twice if the start fails
                workers = start(commands, warm_up, losses, answers)
                starts += 1
            order = list(workers)
            random.shuffle(order)
            for worker in order:
                times[worker.name].append(worker.epoch())
            log(f"round {r + 1}: " + ", ".join(
                f"{name} {time_text(getattr(times[name][-1], basis(threads_of(name))), answers)} {basis(threads_of(name))}"
                for name in commands))
    finally:
        stop(workers)
    return times, starts


def speed_lines(names, times, rounds):
    """For multiplies: each worker's speed over the first one's (its time over this one's, per round)."""
    lines = []
    for name in names[1:]:
        speeds = [times[names[0]][r].cpu / times[name][r].cpu for r in range(rounds)]
        median, low, high = summary(speeds)
        lines.append(f"{name}'s speed over {names[0]}'s (CPU time, per round): {median:.3f} (quartiles {low:.3f}-{high:.3f})")
    return lines


def main(argv):
    args = parse_args(argv)
    answers = BURSTS if args.multiply is not None else EPOCHS
    commands = {name: command(name, args) for name in args.workers}
    times, starts = run_rounds(commands, args.rounds, args.warm_up, args.restart_every,
                               log=lambda line: print(line, flush=True), answers=answers)
    print()
    for line in report(args.workers, times, args.rounds, answers):
        print(line)
    if answers == BURSTS:
        for line in speed_lines(args.workers, times, args.rounds):
            print(line)
    print(f"each worker started {starts} time(s), {args.warm_up} {answers.noun}(s) of warm-up each time")
    print(f"{answers.results}: " + ", ".join(f"{name} {times[name][0].loss}" for name in args.workers))
    if args.json:
        result = "checksum" if answers == BURSTS else "loss"
        with open(args.json, "w") as out:
            json.dump({"workers": {name: {result: times[name][0].loss, "wall": [t.wall for t in times[name]],
                                          "cpu": [t.cpu for t in times[name]]} for name in args.workers},
                       "rounds": args.rounds, "starts": starts, "warm_up": args.warm_up, "multiply": args.multiply},
                      out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
