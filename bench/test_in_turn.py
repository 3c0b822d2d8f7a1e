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
    return in_turn.Worker(name, [sys.executable, "-c", FAKE_WORKER, str(change)], set())


def epochs(*seconds):
    """Epochs whose wall clock and CPU time are the same."""
    return [in_turn.Epoch(s, s, "l") for s in seconds]


class InTurnTest(unittest.TestCase):
    def test_a_ratio_is_taken_within_each_round_so_that_a_drift_of_the_machine_cancels(self):
        # The machine slows by half in the second round and more in the third: both workers alike.
        times = {"numpy": epochs(2.0, 3.0, 4.0), "skip": epochs(1.5, 2.4, 2.8)}
        lines = in_turn.report(["numpy", "skip"], times, 3)
        self.assertEqual("numpy                    wall 3.000 s, CPU 3.000 s", lines[0])
        self.assertIn("over numpy's CPU time in the same round: 0.750 (quartiles 0.725-0.775), faster in 3 of 3", lines[1])

    def test_two_threads_are_compared_by_the_wall_clock_and_with_a_worker_of_two_threads(self):
        times = {"numpy": [in_turn.Epoch(2.0, 2.0, "l")], "skip": [in_turn.Epoch(1.6, 1.5, "l")],
                 "numpy2": [in_turn.Epoch(1.0, 2.0, "l")], "skip2": [in_turn.Epoch(0.5, 1.8, "l")]}
        lines = in_turn.report(["numpy", "skip", "numpy2", "skip2"], times, 1)
        self.assertIn("over numpy's CPU time in the same round: 0.750", lines[1])
        self.assertNotIn("over", lines[2])
        self.assertIn("over numpy2's wall time in the same round: 0.500", lines[3])

    def test_a_worker_answers_each_request_with_one_epoch(self):
        worker = fake("fake")
        try:
            self.assertEqual("fake", worker.description)
            self.assertEqual(in_turn.Epoch(1.1, 1.1, "0.25000000"), worker.epoch())
            self.assertEqual(in_turn.Epoch(1.21, 1.21, "0.25000000"), worker.epoch())
        finally:
            worker.close()

    def test_a_worker_whose_loss_changes_fails_the_run(self):
        worker = fake("drifting", change=2)
        try:
            worker.epoch()
            with self.assertRaises(SystemExit) as failure:
                worker.epoch()
            self.assertIn("worker drifting ended its epochs at different losses", str(failure.exception))
            self.assertIsNotNone(worker.process.poll(), "the worker's process still runs")
        finally:
            worker.close()

    def test_a_worker_that_answers_something_else_is_stopped_without_waiting_for_it(self):
        # It prints a line outside the protocol and then waits for stdin, as a JVM with -Xlog:gc would.
        chatty = "import sys\nprint('ready chatty', flush=True)\nsys.stdin.readline()\nprint('[gc] pause', flush=True)\nsys.stdin.read()"
        worker = in_turn.Worker("chatty", [sys.executable, "-c", chatty], set())
        with self.assertRaises(SystemExit) as failure:
            worker.epoch()
        self.assertIn("worker chatty stopped, or answered something else than 'WALL CPU LOSS': '[gc] pause'",
                      str(failure.exception))
        self.assertIsNotNone(worker.process.poll(), "the worker's process still runs")

    def test_a_worker_that_does_not_start_is_named_with_what_it_wrote(self):
        broken = "import sys\nprint('no data', file=sys.stderr)\nsys.exit(3)"
        with self.assertRaises(SystemExit) as failure:
            in_turn.Worker("broken", [sys.executable, "-c", broken], set())
        self.assertIn("worker broken did not start", str(failure.exception))
        self.assertIn("no data", str(failure.exception))

    def test_bad_workers_are_named(self):
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["numpy", "sparse"])
        self.assertIn("worker sparse: expected numpy, numpy2, skip, dense, skip2 or dense2", err.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["numpy", "skip@/no/such.jar"])
        self.assertIn("worker skip@/no/such.jar: no such jar /no/such.jar", err.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["numpy", "--restart-every", "-1"])
        self.assertIn("--warm-up and --restart-every must be 0 or more, got 5 and -1", err.getvalue())


def require_numpy(test):
    """Skips the test where numpy is missing, with what to install; fails under CI=true, where a skip would test nothing."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        message = "needs python3 with numpy (apt-get install python3-numpy)."
        if os.environ.get("CI") == "true":
            test.fail(message + " This fails rather than skips because CI=true.")
        test.skipTest(message + " Skipped; under CI=true this fails.")


class MultiplyTest(unittest.TestCase):
    """in_turn.py --multiply: bursts of one multiply instead of epochs."""

    def test_with_multiply_the_workers_are_numpy_and_nnlabs_dense_kernels(self):
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["--multiply", "HIDDEN_GRADIENT", "numpy", "skip"])
        self.assertIn("worker skip: with --multiply, expected numpy or dense", err.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            in_turn.parse_args(["--multiply", "HIDDEN_GRADIENT", "numpy2"])
        self.assertIn("worker numpy2: with --multiply, expected numpy or dense", err.getvalue())

    def test_the_workers_time_the_shape_named(self):
        with tempfile.NamedTemporaryFile(suffix=".jar") as jar:
            args = in_turn.parse_args(["--multiply", "OUTPUT_FORWARD", "--java", "/j/bin/java", "--jvm=-XX:MaxVectorSize=16",
                                       "numpy", "dense@" + jar.name])
            numpy = in_turn.command("numpy", args)
            dense = in_turn.command("dense@" + jar.name, args)
        burst = str(in_turn.BURST_SECONDS)
        self.assertEqual(["numpy_matmul.py", "--worker", "OUTPUT_FORWARD", "--burst-seconds", burst],
                         [os.path.basename(numpy[1])] + numpy[2:])
        self.assertEqual("/j/bin/java", dense[0])
        self.assertIn("-XX:MaxVectorSize=16", dense)
        self.assertEqual(["-cp", jar.name, "org.nnlab.bench.MultiplyWorker", "OUTPUT_FORWARD", burst], dense[-5:])

    def test_numpys_worker_answers_each_request_with_a_burst_of_the_multiply(self):
        require_numpy(self)
        worker = in_turn.Worker("numpy", [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                       "numpy_matmul.py"), "--worker", "HIDDEN_GRADIENT",
                                          "--burst-seconds", "0.05"],
                                set(), in_turn.BURSTS)
        try:
            self.assertTrue(worker.description.startswith("numpy ") and worker.description.endswith(" HIDDEN_GRADIENT"),
                            worker.description)
            bursts = [worker.epoch() for _ in range(2)]
        finally:
            worker.close()
        for burst in bursts:
            # Seconds per multiply, not per burst (a burst lasts 0.05 s; one multiply of
            # 64×10·(512×10)ᵀ takes some microseconds).
            self.assertTrue(0 < burst.wall < 0.05 and 0 <= burst.cpu < 0.05, burst)
        self.assertEqual(bursts[0].loss, bursts[1].loss)
        self.assertNotEqual(0.0, float(bursts[0].loss))

    def test_a_worker_that_answers_something_else_is_named_with_the_fields_expected(self):
        worker = in_turn.Worker("dense", [sys.executable, "-c", 'print("ready fake", flush=True); input(); print("1.0 x")'],
                                set(), in_turn.BURSTS)
        with self.assertRaises(SystemExit) as failure:
            worker.epoch()
        self.assertIn("answered something else than 'WALL CPU CHECKSUM'", str(failure.exception))

    def test_a_worker_whose_checksum_changes_fails_the_run(self):
        worker = in_turn.Worker("dense", [sys.executable, "-c", FAKE_WORKER, "2"], set(), in_turn.BURSTS)
        worker.epoch()
        with self.assertRaises(SystemExit) as failure:
            worker.epoch()
        self.assertIn("worker dense ended its bursts at different checksums", str(failure.exception))

    def test_multiplies_are_reported_in_microseconds_with_nnlabs_speed_over_numpys(self):
        times = {"numpy": [in_turn.Epoch(2e-5, 2e-5, "c")] * 3,
                 "dense": [in_turn.Epoch(w, w, "d") for w in (4e-5, 2.5e-5, 2e-5)]}
        lines = in_turn.report(["numpy", "dense"], times, 3, in_turn.BURSTS)
        self.assertIn("numpy                    wall 20.00 µs, CPU 20.00 µs", lines[0])
        self.assertEqual("dense                    wall 25.00 µs, CPU 25.00 µs", lines[1])
        # numpy's time over dense's in each round: 0.5, 0.8, 1.0
        self.assertEqual(["dense's speed over numpy's (CPU time, per round): 0.800 (quartiles 0.650-0.900)"],
                         in_turn.speed_lines(["numpy", "dense"], times, 3))


class RoundsTest(unittest.TestCase):
    # The fake workers take the names of real ones (skip, dense): the names say their threads.
    def test_workers_are_started_again_every_so_many_rounds(self):
        commands = {"skip": [sys.executable, "-c", FAKE_WORKER, "0"], "dense": [sys.executable, "-c", FAKE_WORKER, "0"]}
        times, starts = in_turn.run_rounds(commands, rounds=5, warm_up=1, restart_every=2, log=lambda line: None)
        # A process's n-th epoch takes 1.1^n s; after one epoch of warm-up the first timed one is the 2nd.
        self.assertEqual([1.21, 1.331, 1.21, 1.331, 1.21], [t.wall for t in times["skip"]])
        self.assertEqual([t.wall for t in times["skip"]], [t.wall for t in times["dense"]])
        self.assertEqual(3, starts)

    def test_without_restarts_one_process_serves_every_round(self):
        commands = {"skip": [sys.executable, "-c", FAKE_WORKER, "0"]}
        times, starts = in_turn.run_rounds(commands, rounds=3, warm_up=0, restart_every=0, log=lambda line: None)
        self.assertEqual([1.1, 1.21, 1.331], [t.wall for t in times["skip"]])
        self.assertEqual(1, starts)

    def test_a_restarted_worker_must_end_at_the_loss_of_its_earlier_processes(self):
        with tempfile.TemporaryDirectory() as scratch:
            # Each process keeps one loss; the second process's differs from the first's.
            commands = {"skip": [sys.executable, "-c", FAKE_WORKER, "0", os.path.join(scratch, "started")]}
            with self.assertRaises(SystemExit) as failure:
                in_turn.run_rounds(commands, rounds=4, warm_up=1, restart_every=2, log=lambda line: None)
        self.assertIn("worker skip ended its epochs at different losses", str(failure.exception))


class ReportTest(unittest.TestCase):
    def test_the_epoch_targets_from_the_workers_in_turn(self):
        rounds = {"numpy": [2.0, 4.0, 3.0], "skip": [1.0, 2.4, 1.65], "dense": [1.8, 4.4, 3.3],
                  "numpy2": [1.5, 1.5, 1.5], "skip2": [0.55, 1.3, 1.0], "dense2": [1.0, 2.5, 1.9]}
        # The wall clock is 10% slower than the CPU time for every worker but skip (one-thread ratios
        # come from the CPU time), and 20% faster for skip (speed-ups come from the wall clock).
        wall = {name: [t * (0.8 if name == "skip" else 1.1) for t in times] for name, times in rounds.items()}
        with tempfile.TemporaryDirectory() as results:
            with open(os.path.join(results, "in-turn.json"), "w") as out:
                json.dump({"rounds": 3, "workers": {name: {"wall": wall[name], "cpu": t, "loss": "0.2"}
                                                    for name, t in rounds.items()}}, out)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_targets(results)
        text = printed.getvalue()
        self.assertIn("(3 rounds, bench/in_turn.py)", text)
        # skip over numpy, CPU time: 0.5, 0.6, 0.55
        self.assertIn("epoch, 1 thread, zero-skipping, over numpy's (CPU time): 0.55× (0.52–0.57) (at most 0.6×: met)", text)
        # dense over numpy: 0.9, 1.1, 1.1
        self.assertIn("epoch, 1 thread, dense, over numpy's (CPU time): 1.10× (1.00–1.10) (at most 1.0×: MISSED)", text)
        # skip's wall over skip2's: 0.8/1.1 × (1.818, 1.846, 1.65)
        self.assertIn("speed-up of 2 threads, zero-skipping (1-thread wall time over 2-thread): 1.32× (1.26–1.33) (at least 1.7×: MISSED)", text)
        # dense's wall over dense2's: 1.8, 1.76, 1.737
        self.assertIn("speed-up of 2 threads, dense: 1.76× (1.75–1.78) (at least 1.7×: met)", text)

    def test_the_multiply_target_from_the_workers_in_turn(self):
        # numpy's time over nnlab's per round, for each MNIST shape: (1.0, 0.9, 0.95) for the first, 0.95 for the others.
        with tempfile.TemporaryDirectory() as results:
            for shape in report.MNIST_SHAPES:
                numpy = [1.0, 0.9, 0.95] if shape == "HIDDEN_FORWARD" else [0.95] * 3
                with open(os.path.join(results, f"multiply-in-turn-{shape}.json"), "w") as out:
                    json.dump({"rounds": 3, "multiply": shape,
                               "workers": {"numpy": {"wall": numpy, "cpu": numpy, "checksum": "1.0"},
                                           "dense": {"wall": [1.0] * 3, "cpu": [1.0] * 3, "checksum": "2.0"}}}, out)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_multiplies(results)
            self.assertIn("(bench/in_turn.py --multiply, 3 rounds of a burst each;", printed.getvalue())
            self.assertIn("hidden_forward 0.95× (0.93–0.97), weight_gradient 0.95× (0.95–0.95)", printed.getvalue())
            self.assertTrue(printed.getvalue().rstrip().endswith(": met"), printed.getvalue())
            # One shape below 0.9× misses the target.
            with open(os.path.join(results, "multiply-in-turn-OUTPUT_FORWARD.json"), "w") as out:
                json.dump({"rounds": 3, "workers": {"numpy": {"wall": [0.8] * 3, "cpu": [0.8] * 3},
                                                    "dense": {"wall": [1.0] * 3, "cpu": [1.0] * 3}}}, out)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_multiplies(results)
            self.assertIn("output_forward 0.80× (0.80–0.80)", printed.getvalue())
            self.assertTrue(printed.getvalue().rstrip().endswith(": MISSED"), printed.getvalue())
            # A shape without figures: no verdict on the target, and the shape named.
            os.remove(os.path.join(results, "multiply-in-turn-HIDDEN_GRADIENT.json"))
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_multiplies(results)
            self.assertTrue(printed.getvalue().rstrip().endswith(": not all measured (no figures for hidden_gradient)"),
                            printed.getvalue())

    def test_no_figures_without_the_workers_file(self):
        with tempfile.TemporaryDirectory() as results:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                report.in_turn_targets(results)
                report.in_turn_multiplies(results)
        self.assertEqual("", printed.getvalue())


if __name__ == "__main__":
    unittest.main()
