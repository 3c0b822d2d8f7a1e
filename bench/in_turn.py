#!/usr/bin/env python3
"""Training epochs of numpy and of nnlab (or of two builds of nnlab) in turn, to compare them on a
machine whose speed moves from minute to minute.

Each worker is a process that stays up and trains one epoch (784-512-10, MNIST, batches of 64,
learning rate 0.5, the same initial weights and order every time) whenever it is asked:
numpy_epoch.py --worker, or org.nnlab.bench.EpochWorker. In every round each worker trains one
epoch, in a new random order; each round gives each worker's time over the first worker's, and the
report gives the median of those ratios with their quartiles. Both sides of a ratio are then timed
within seconds of each other, where bench/run's JMH forks and numpy runs are minutes apart (on the
AMD EPYC of session 26 the same epoch took 1.06 s and, two rounds later, 1.72 s).

One-thread workers are compared by the CPU time of their process, two-thread ones (or a mix) by
the wall clock. Every worker must end every epoch at the same loss, to the bit, or the run fails.

Every --restart-every rounds (default 5) each worker is started again: a JVM's speed is partly a
draw made when it starts. On the AMD EPYC of session 27 two JVMs of the same jar, in turn for 6
rounds, differed by 0.90 to 1.11 (dense) and by up to 18% (zero-skipping), consistently within one
pair of JVMs; so a comparison of two builds, each in one JVM, can show a difference that is
neither's. Restarted, each worker's rounds come from several JVMs.

  python3 bench/in_turn.py numpy skip dense            # nnlab against numpy, one thread
  python3 bench/in_turn.py numpy2 skip2 dense2         # two threads each
  python3 bench/in_turn.py skip@old.jar skip           # two builds of nnlab, A/B
  options: --rounds 10 --warm-up 3 --restart-every 5 --java PATH --jvm=-XX:MaxVectorSize=16 --json FILE

A worker is numpy, numpy2 (OPENBLAS_NUM_THREADS=2), skip, dense, skip2 or dense2 (nnlab with
zero-skipping on or off, on 1 or 2 threads), the nnlab ones optionally @JAR (default
bench/target/benchmarks.jar, which `./mvnw -f bench/pom.xml package` builds). numpy and nnlab read
MNIST where nnlab keeps it ($NNLAB_DATA/mnist or data/mnist: `./nnlab fetch`).
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_JAR = os.path.join(HERE, "target", "benchmarks.jar")
NNLAB_WORKERS = ("skip", "dense", "skip2", "dense2")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workers", nargs="+", help="numpy, numpy2, skip, dense, skip2, dense2; nnlab's optionally @JAR")
    parser.add_argument("--rounds", type=int, default=10, help="timed rounds (default 10)")
    parser.add_argument("--warm-up", type=int, default=3, help="untimed epochs of each worker when it starts (default 3)")
    parser.add_argument("--restart-every", type=int, default=5,
                        help="start every worker again after this many rounds, 0 never (default 5)")
    parser.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java")
    parser.add_argument("--jvm", default="", help="options for every nnlab JVM, e.g. -XX:MaxVectorSize=16")
    parser.add_argument("--json", help="also write every round's times to this file")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    if args.warm_up < 0 or args.restart_every < 0:
        parser.error(f"--warm-up and --restart-every must be 0 or more, got {args.warm_up} and {args.restart_every}")
    if len(set(args.workers)) != len(args.workers):
        parser.error(f"each worker once: {' '.join(args.workers)}")
    for worker in args.workers:
        kind, _, jar = worker.partition("@")
        if kind in ("numpy", "numpy2"):
            if jar:
                parser.error(f"worker {worker}: numpy takes no @JAR")
        elif kind not in NNLAB_WORKERS:
            parser.error(f"worker {worker}: expected numpy, numpy2, skip, dense, skip2 or dense2 (nnlab's optionally @JAR)")
        elif not os.path.isfile(jar or DEFAULT_JAR):
            parser.error(f"worker {worker}: no such jar {jar or DEFAULT_JAR} (build it: ./mvnw -f bench/pom.xml package)")
    return args


def threads_of(worker):
    return 2 if worker.partition("@")[0].endswith("2") else 1


def command(worker, args):
    kind, _, jar = worker.partition("@")
    if kind.startswith("numpy"):
        return [sys.executable, os.path.join(HERE, "numpy_epoch.py"), "--worker", "--threads", str(threads_of(worker))]
    return ([args.java, "-Xmx2g", "--add-modules", "jdk.incubator.vector"] + args.jvm.split()
            + ["-cp", jar or DEFAULT_JAR, "org.nnlab.bench.EpochWorker", kind.rstrip("2"), str(threads_of(worker))])


class Worker:
    def __init__(self, name, argv):
        self.name = name
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("ready"):
            raise SystemExit(f"in_turn.py: worker {name} did not start ({' '.join(argv)}):\n{line}\n{self.process.stderr.read()}")
        self.description = line[len("ready "):]
        self.losses = set()  # shared by the processes of one worker name (start)

    def epoch(self):
        """One epoch: (wall seconds, CPU seconds, loss as printed)."""
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().split()
        if len(line) != 3:
            raise SystemExit(f"in_turn.py: worker {self.name} stopped:\n{self.process.stderr.read()}")
        self.losses.add(line[2])
        if len(self.losses) > 1:
            raise SystemExit(f"in_turn.py: worker {self.name} ended its epochs at different losses: {sorted(self.losses)}")
        return float(line[0]), float(line[1]), line[2]

    def close(self):
        self.process.stdin.close()
        self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


def summary(values):
    """Median and quartiles (the quartiles of one or two values are their extremes)."""
    values = sorted(values)
    if len(values) < 3:
        return statistics.median(values), values[0], values[-1]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return statistics.median(values), q[0], q[2]


def report(names, times, rounds):
    """The lines of the report: each worker's median times, and its ratio to the first worker's."""
    first = names[0]
    lines = []
    for name in names:
        wall = summary(t[0] for t in times[name])
        cpu = summary(t[1] for t in times[name])
        line = f"{name:<24} wall {wall[0]:.3f} s, CPU {cpu[0]:.3f} s"
        if name != first:
            basis = 1 if threads_of(name) == 1 and threads_of(first) == 1 else 0
            ratios = [times[name][r][basis] / times[first][r][basis] for r in range(rounds)]
            median, low, high = summary(ratios)
            faster = sum(1 for ratio in ratios if ratio < 1)
            line += (f"; over {first}'s {'CPU time' if basis else 'wall time'} in the same round: {median:.3f} "
                     f"(quartiles {low:.3f}-{high:.3f}), faster in {faster} of {rounds}")
        lines.append(line)
    return lines


def start(commands, warm_up, losses):
    """The workers of {name: argv}, each warmed up; an epoch whose loss differs from an earlier one of the same name fails."""
    workers = []
    try:
        for name, argv in commands.items():
            worker = Worker(name, argv)
            workers.append(worker)
            worker.losses = losses.setdefault(name, set())
            for _ in range(warm_up):
                worker.epoch()
    except BaseException:
        stop(workers)
        raise
    return workers


def stop(workers):
    for worker in workers:
        worker.close()


def run_rounds(commands, rounds, warm_up, restart_every, log=print):
    """{name: [(wall, CPU, loss) per round]}, with every worker started again every restart_every rounds."""
    losses = {}
    workers = start(commands, warm_up, losses)
    times = {name: [] for name in commands}
    try:
        for worker in workers:
            log(f"{worker.name}: {worker.description}")
        for r in range(rounds):
            if r > 0 and restart_every and r % restart_every == 0:
                stop(workers)
                workers = []
                workers = start(commands, warm_up, losses)
            order = list(workers)
            random.shuffle(order)
            for worker in order:
                times[worker.name].append(worker.epoch())
            log(f"round {r + 1}: " + ", ".join(f"{name} {times[name][-1][1]:.3f}" for name in commands) + " s CPU")
    finally:
        stop(workers)
    return times


def main(argv):
    args = parse_args(argv)
    commands = {name: command(name, args) for name in args.workers}
    times = run_rounds(commands, args.rounds, args.warm_up, args.restart_every, log=lambda line: print(line, flush=True))
    print()
    for line in report(args.workers, times, args.rounds):
        print(line)
    starts = 1 + (args.rounds - 1) // args.restart_every if args.restart_every else 1
    print(f"each worker started {starts} time(s), {args.warm_up} epoch(s) of warm-up each time")
    print("losses: " + ", ".join(f"{name} {times[name][0][2]}" for name in args.workers))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"workers": {name: {"loss": times[name][0][2], "wall": [t[0] for t in times[name]],
                                          "cpu": [t[1] for t in times[name]]} for name in args.workers},
                       "rounds": args.rounds, "starts": starts}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
