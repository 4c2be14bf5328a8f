"""Speed of the Python package against the Rust library, and renders from threads.

1. `bordermap.load().render()` (load, measure, lay out, write the SVG of the default map)
   in Python, N calls, median; against the same calls in Rust (`examples/render_timing.rs`,
   run in this script), median. Goal: Python at most 1.1x Rust.
2. 8 renders of the default map from 1 Python thread, then from 2 threads (4 each), in a
   process with RAYON_NUM_THREADS=1 (the library's own parallel steps on one thread, so any
   gain is the GIL released); the best of ROUNDS wall times each. Goal: at least 1.6x.

Run from the repository's root, after `pip install` of the wheel:

    python python/bench/render_speed.py [--calls 20] [--rounds 3] [--rust target/release/examples/render_timing]

Without --rust it runs `cargo run --release --example render_timing`. Prints one JSON object.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

THREADS_CHILD = r"""
import sys, time, threading
import bordermap
rounds = int(sys.argv[1])
ds = bordermap.load()
ds.render()  # warm: the embedded data parsed once per process
def work(n):
    for _ in range(n):
        bordermap.load().render()
def wall(threads):
    ts = [threading.Thread(target=work, args=(8 // threads,)) for _ in range(threads)]
    t = time.perf_counter()
    for x in ts: x.start()
    for x in ts: x.join()
    return time.perf_counter() - t
one, two = [], []
for _ in range(rounds):
    one.append(wall(1))
    two.append(wall(2))
print(min(one), min(two))
"""


def python_times(calls):
    import bordermap

    bordermap.load().render()  # warm, as the Rust side's first call is counted alike
    times = []
    for _ in range(calls):
        t = time.perf_counter()
        bordermap.load().render()
        times.append(time.perf_counter() - t)
    return times


def rust_times(calls, rust):
    cmd = [rust, str(calls + 1)] if rust else [
        "cargo", "run", "--release", "--quiet", "--example", "render_timing", "--", str(calls + 1)
    ]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return out["times_s"][1:]  # the first call parses the embedded data: warm-up, as in Python


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rust", help="the render_timing example binary")
    a = ap.parse_args()
    # Alternate the two sides so both see the same load on a shared machine.
    py, rs = [], []
    for _ in range(2):
        rs += rust_times(a.calls // 2, a.rust)
        py += python_times(a.calls // 2)
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    one, two = map(float, subprocess.run(
        [sys.executable, "-c", THREADS_CHILD, str(a.rounds)],
        check=True, capture_output=True, text=True, env=env,
    ).stdout.split())
    report = {
        "python_median_s": round(statistics.median(py), 4),
        "rust_median_s": round(statistics.median(rs), 4),
        "python_over_rust": round(statistics.median(py) / statistics.median(rs), 3),
        "calls_each": len(py),
        "rayon_1_thread_8_renders_s": round(one, 3),
        "rayon_1_two_threads_8_renders_s": round(two, 3),
        "two_threads_speedup": round(one / two, 2),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
