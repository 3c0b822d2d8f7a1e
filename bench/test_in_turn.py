"""Tests of in_turn.py and of report.py's figures from it (python3 -m unittest bench/test_in_turn.py;
org.nnlab.bench.InTurnScriptTest runs them with the benchmarks' tests)."""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import in_turn  # noqa: E402
import report  # noqa: E402

# A worker that speaks EpochWorker's protocol: "ready", then "WALL CPU LOSS" per line read; its
# times grow by 10% an epoch, and its loss changes at epoch CHANGE (never when CHANGE is 0). Given
# a file as well, it counts its starts there, and every process after the first has another loss.
FAKE_WORKER = """
import os, sys
change = int(sys.argv[1])
later = False
if len(sys.argv) > 2:
    later = os.path.exists(sys.argv[2])
    open(sys.argv[2], "a").close()
print("ready fake", flush=True)
for n, _ in enumerate(sys.stdin, 1):
    loss = 0.5 if (change and n >= change) or later else 0.25
    print(f"{1.1 ** n:.4f} {1.1 ** n:.4f} {loss:.8f}", flush=True)
"""


def fake(name, change=0):
    return in_turn.Worker(name, [sys.executable, "-c", FAKE_WORKER, str(change)])


class InTurnTest(unittest.TestCase):
    def test_a_ratio_is_taken_within_each_round_so_that_a_drift_of_the_machine_cancels(self):
        # The machine slows by half in the second round and more in the third: both workers alike.
        times = {"numpy": [(2.0, 2.0, "l"), (3.0, 3.0, "l"), (4.0, 4.0, "l")],
                 "skip": [(1.5, 1.5, "l"), (2.4, 2.4, "l"), (2.8, 2.8, "l")]}
        lines = in_turn.report(["numpy", "skip"], times, 3)
        self.assertEqual("numpy                    wall 3.000 s, CPU 3.000 s", lines[0])
        self.assertIn("over numpy's CPU time in the same round: 0.750 (quartiles 0.725-0.775), faster in 3 of 3", lines[1])

    def test_two_threads_are_compared_by_the_wall_clock(self):
        times = {"numpy2": [(1.0, 2.0, "l")], "skip2": [(0.5, 1.8, "l")]}
        self.assertIn("over numpy2's wall time in the same round: 0.500", in_turn.report(["numpy2", "skip2"], times, 1)[1])

    def test_a_worker_answers_each_request_with_one_epoch(self):
        worker = fake("fake")
        try:
            self.assertEqual("fake", worker.description)
            self.assertEqual((1.1, 1.1, "0.25000000"), worker.epoch())
            self.assertEqual((1.21, 1.21, "0.25000000"), worker.epoch())
        finally:
            worker.close()

    def test_a_worker_whose_loss_changes_fails_the_run(self):
        worker = fake("drifting", change=2)
        try:
            worker.epoch()
            with self.assertRaises(SystemExit) as failure:
                worker.epoch()
            self.assertIn("worker drifting ended its epochs at different losses", str(failure.exception))
        finally:
            worker.close()

    def test_bad_workers_are_named(self):
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["numpy", "sparse"])
        self.assertIn("worker sparse: expected numpy, numpy2, skip, dense, skip2 or dense2", err.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["numpy", "skip@/no/such.jar"])
        self.assertIn("worker skip@/no/such.jar: no such jar /no/such.jar", err.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["numpy", "--restart-every", "-1"])
        self.assertIn("--warm-up and --restart-every must be 0 or more, got 3 and -1", err.getvalue())


class RoundsTest(unittest.TestCase):
    def test_workers_are_started_again_every_so_many_rounds(self):
        commands = {"a": [sys.executable, "-c", FAKE_WORKER, "0"], "b": [sys.executable, "-c", FAKE_WORKER, "0"]}
        times = in_turn.run_rounds(commands, rounds=5, warm_up=1, restart_every=2, log=lambda line: None)
        # A process's n-th epoch takes 1.1^n s; after one epoch of warm-up the first timed one is the 2nd.
        self.assertEqual([1.21, 1.331, 1.21, 1.331, 1.21], [t[0] for t in times["a"]])
        self.assertEqual([t[0] for t in times["a"]], [t[0] for t in times["b"]])

    def test_without_restarts_one_process_serves_every_round(self):
        commands = {"a": [sys.executable, "-c", FAKE_WORKER, "0"]}
        times = in_turn.run_rounds(commands, rounds=3, warm_up=0, restart_every=0, log=lambda line: None)
        self.assertEqual([1.1, 1.21, 1.331], [t[0] for t in times["a"]])

    def test_a_restarted_worker_must_end_at_the_loss_of_its_earlier_processes(self):
        with tempfile.TemporaryDirectory() as scratch:
            # Each process keeps one loss; the second process's differs from the first's.
            commands = {"a": [sys.executable, "-c", FAKE_WORKER, "0", os.path.join(scratch, "started")]}
            with self.assertRaises(SystemExit) as failure:
                in_turn.run_rounds(commands, rounds=4, warm_up=1, restart_every=2, log=lambda line: None)
        self.assertIn("worker a ended its epochs at different losses", str(failure.exception))


class ReportTest(unittest.TestCase):
    def test_the_epoch_targets_from_the_workers_in_turn(self):
        rounds = {"numpy": [2.0, 4.0, 3.0], "skip": [1.0, 2.6, 1.8], "dense": [1.8, 4.4, 3.3],
                  "numpy2": [1.5, 1.5, 1.5], "skip2": [0.55, 1.3, 1.0], "dense2": [1.0, 2.5, 1.9]}
        with tempfile.TemporaryDirectory() as results:
            with open(os.path.join(results, "in-turn.json"), "w") as out:
                json.dump({"rounds": 3, "workers": {name: {"wall": t, "cpu": t, "loss": "0.2"} for name, t in rounds.items()}}, out)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_targets(results)
        text = printed.getvalue()
        self.assertIn("(3 rounds, bench/in_turn.py)", text)
        # skip over numpy: 0.5, 0.65, 0.6
        self.assertIn("epoch, 1 thread, zero-skipping, over numpy's (CPU time): 0.60× (0.55–0.62) (at most 0.6×: met)", text)
        # dense over numpy: 0.9, 1.1, 1.1
        self.assertIn("epoch, 1 thread, dense, over numpy's (CPU time): 1.10× (1.00–1.10) (at most 1.0×: MISSED)", text)
        # 1-thread over 2-thread wall time, skipping: 1.818, 2.0, 1.8
        self.assertIn("speed-up of 2 threads, zero-skipping (1-thread wall time over 2-thread): 1.82× (1.81–1.91) (at least 1.7×: met)", text)

    def test_no_figures_without_the_workers_file(self):
        with tempfile.TemporaryDirectory() as results:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_targets(results)
        self.assertEqual("", printed.getvalue())


if __name__ == "__main__":
    unittest.main()
