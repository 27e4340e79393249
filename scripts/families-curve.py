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
import subprocess
import sys
import tempfile
import time

from timing import binaries, measure, size_mb

RUNS = int(os.environ.get("RUNS", "3"))


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    trinvis, syntetisk = binaries()
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; median of {RUNS} runs after a warm-up")
    print()
    print("| families | build | build ms a family | build peak MB | check | check ms a family | check peak MB | output MB |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            site = os.path.join(work, str(n))
            subprocess.run([syntetisk, site, "--familier", str(n)], check=True)
            day = ["--dato", "2026-11-24"]
            b = measure([trinvis, "build", "--root", site] + day, RUNS)
            c = measure([trinvis, "check", "--root", site] + day, RUNS)
            print(f"| {n} | {b[0]:.2f} s (CPU {b[1]:.2f} s) | {b[0] * 1000 / n:.2f} | {b[2]:.0f} "
                  f"| {c[0]:.2f} s (CPU {c[1]:.2f} s) | {c[0] * 1000 / n:.2f} | {c[2]:.0f} "
                  f"| {size_mb(os.path.join(site, 'output')):.0f} |", flush=True)
            shutil.rmtree(site)


if __name__ == "__main__":
    main()
