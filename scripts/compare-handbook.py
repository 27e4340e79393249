#!/usr/bin/env python3
"""Time trinvis against Hugo and mdBook on the same generated handbook.

For each size, `cargo run --release --example syntetisk` writes one handbook three ways (a
trinvis site without families, a Hugo site with a minimal theme whose sidebar lists every
chapter, as trinvis's does, and an mdBook), and each tool builds it: a warm-up, then RUNS
timed runs of the whole process; the median wall time, the CPU time, the peak memory and
the size of the output are printed, with trinvis's ratio to each.

    python3 scripts/compare-handbook.py [SIZES ...]      (default: 100 1000 5000)
    RUNS=5 (default)

Needs hugo (Debian: apt-get install -y hugo) and mdbook (cargo install mdbook); a tool that
is missing is left out of the table. Prints the machine and the tools' versions first.
"""

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

from timing import binaries, measure, size_mb

RUNS = int(os.environ.get("RUNS", "5"))


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return None


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 5000]
    trinvis, syntetisk = binaries()
    tools = {"hugo": version(["hugo", "version"]), "mdbook": version(["mdbook", "--version"])}
    cpu = next(
        (l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
        platform.processor(),
    )
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, {cpu}, {platform.system()}")
    print(f"trinvis {version([trinvis, '--version'])}; "
          + "; ".join(f"{k}: {v or 'ikke installeret'}" for k, v in tools.items()))
    print(f"median of {RUNS} runs after a warm-up; wall s (CPU s, peak MB, output MB)")
    print()
    head = "| chapters | trinvis | ms a chapter |"
    if tools["hugo"]:
        head += " Hugo | trinvis/Hugo |"
    if tools["mdbook"]:
        head += " mdBook | trinvis/mdBook |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            d = os.path.join(work, str(n))
            subprocess.run(
                [syntetisk, os.path.join(d, "site"), "--familier", "0", "--kapitler", str(n),
                 "--hugo", os.path.join(d, "hugo"), "--mdbook", os.path.join(d, "mdbook")],
                check=True,
            )
            def timed(cmd, out):
                return measure(cmd, RUNS, out) + (size_mb(out),)

            cell = lambda m: f"{m[0]:.3f} s ({m[1]:.2f}, {m[2]:.0f}, {m[3]:.0f})"
            t = timed([trinvis, "build", "--root", os.path.join(d, "site"),
                       "--dato", "2026-11-24"], os.path.join(d, "site", "output"))
            row = f"| {n} | {cell(t)} | {t[0] * 1000 / n:.2f} |"
            if tools["hugo"]:
                h = timed(["hugo", "--quiet", "--minify", "-s", os.path.join(d, "hugo"),
                             "-d", os.path.join(d, "hugo-out")], os.path.join(d, "hugo-out"))
                row += f" {cell(h)} | **{t[0] / h[0]:.2f}** |"
            if tools["mdbook"]:
                m = timed(["mdbook", "build", os.path.join(d, "mdbook"), "-d",
                             os.path.join(d, "mdbook-out")], os.path.join(d, "mdbook-out"))
                row += f" {cell(m)} | **{t[0] / m[0]:.2f}** |"
            print(row, flush=True)
            shutil.rmtree(d)


if __name__ == "__main__":
    main()
