"""What compare-handbook.py and families-curve.py share: timing a whole command, and the
release binaries they time."""

import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binaries():
    """Build trinvis and the site generator (release); their paths."""
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "trinvis", "--example", "syntetisk"],
        cwd=ROOT,
        check=True,
    )
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return (os.path.join(target, "release", "trinvis"),
            os.path.join(target, "release", "examples", "syntetisk"))


def run_once(cmd, out=None):
    """Wall seconds, CPU seconds and peak memory (MB) of one run of cmd, after deleting its
    output folder `out` (when given)."""
    if out and os.path.exists(out):
        shutil.rmtree(out)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(cmd, runs, out=None):
    """A warm-up (the files in the page cache, as in daily use), then `runs` runs: the median
    wall and CPU seconds and the highest peak memory."""
    run_once(cmd, out)
    times = [run_once(cmd, out) for _ in range(runs)]
    return (statistics.median(r[0] for r in times), statistics.median(r[1] for r in times),
            max(r[2] for r in times))


def size_mb(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 1e6
