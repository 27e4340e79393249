#!/usr/bin/env python3
"""Time and peak memory of `trinvis build` and `trinvis check` from 100 to 10,000 families.

Each size is a site written by `cargo run --release --example syntetisk` (the example's four
families again and again under new surnames, and its handbook); each command runs once as
a warm-up and then RUNS times (default 3): the median wall time, the CPU time, the peak
memory (max RSS) and the time per family are printed, and the output's size.

    python3 scripts/families-curve.py [SIZES ...]      (default: 100 1000 10000)
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("RUNS", "3"))


def run_once(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(cmd):
    run_once(cmd)
    runs = [run_once(cmd) for _ in range(RUNS)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs))


def size_mb(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 1e6


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "trinvis", "--example",
                    "syntetisk"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    trinvis = os.path.join(target, "release", "trinvis")
    syntetisk = os.path.join(target, "release", "examples", "syntetisk")
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; median of {RUNS} runs after a warm-up")
    print()
    print("| families | build | build ms a family | build peak MB | check | check ms a family | check peak MB | output MB |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            site = os.path.join(work, str(n))
            subprocess.run([syntetisk, site, "--familier", str(n)], check=True)
            day = ["--dato", "2026-11-24"]
            b = measure([trinvis, "build", "--root", site] + day)
            c = measure([trinvis, "check", "--root", site] + day)
            print(f"| {n} | {b[0]:.2f} s (CPU {b[1]:.2f} s) | {b[0] * 1000 / n:.2f} | {b[2]:.0f} "
                  f"| {c[0]:.2f} s (CPU {c[1]:.2f} s) | {c[0] * 1000 / n:.2f} | {c[2]:.0f} "
                  f"| {size_mb(os.path.join(site, 'output')):.0f} |", flush=True)
            shutil.rmtree(site)


if __name__ == "__main__":
    main()
