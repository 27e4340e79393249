#!/usr/bin/env python3
"""Peak memory of `trinvis build` on the example with one file made as heavy as the limits
allow (each under the 2 MB file-size limit, each list at its item limit): the figures behind
the memory bound in README's *Safety and limits*.

Each case replaces one file of the example (made with `trinvis init`) and builds the site
once as a warm-up and then RUNS times (default 3); the highest peak memory (max RSS) and the
median wall time are printed, with whether the build was refused (an input over a limit is
refused before anything is drawn).

    python3 scripts/memory-bound.py
"""

import datetime
import os
import re
import shutil
import subprocess
import tempfile

from timing import ROOT, binaries

RUNS = int(os.environ.get("RUNS", "3"))
LIMIT = 2 * 1024 * 1024


def day(i, start=datetime.date(2023, 9, 18)):
    return (start + datetime.timedelta(days=i % 1100)).isoformat()


def front_matter(plan, key, block):
    """The plan with its top-level `key:` list replaced by `block` (or added)."""
    end = plan.index("\n---", 3)
    fm, rest = plan[:end], plan[end:]
    fm = re.sub(rf"\n{key}:\n(?:[ \-].*\n?)*", "\n", fm + "\n").rstrip("\n")
    return f"{fm}\n{block}{rest}"


def fill(make, unit):
    """As many units as fit under the file-size limit."""
    n = 1
    while len(make(n * 2).encode()) < LIMIT - 4096:
        n *= 2
    lo, hi = n, n * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if len(make(mid).encode()) < LIMIT - 4096 else (lo, mid)
    return make(lo), f"{lo:,} {unit}"


def cases(site):
    plan = open(os.path.join(site, "content/familier/berg/plan.md"), encoding="utf-8").read()
    journey = open(os.path.join(site, "content/familier/berg/rejse.yaml"), encoding="utf-8").read()
    chapter = open(os.path.join(site, "content/metode/velkommen.md"), encoding="utf-8").read()
    step = "      - tekst: Skridt {i} på vejen\n        frist: 2026-03-01\n        ansvarlig: familien\n"

    def goals(n, steps):
        out = "mål:\n"
        for g in range(n):
            out += f"  - titel: Mål nummer {g}\n    hvem: familien\n    område: sundhed\n    delmål:\n"
            out += "".join(step.format(i=i) for i in range(steps))
        return front_matter(plan, "mål", out)

    yield ("plan.md: goals of 3 steps", "content/familier/berg/plan.md",
           *fill(lambda n: goals(n, 3), "goals"))
    yield ("plan.md: goals of 100 steps", "content/familier/berg/plan.md",
           *fill(lambda n: goals(n, 100), "goals"))
    people = lambda n: front_matter(plan, "netværk", "netværk:\n" + "".join(
        f"  - navn: Person {i}\n    relation: ven\n    type: privat\n    nærhed: {1 + i % 3}\n"
        for i in range(n)))
    yield ("plan.md: a network of 200 people", "content/familier/berg/plan.md", people(200), "200 people")
    agreements = lambda n: front_matter(plan, "aftaler", "aftaler:\n" + "".join(
        f"  - hvem: familien\n    hvad: Aftale nummer {i} om noget\n    frist: {day(i)}\n"
        for i in range(n)))
    yield ("plan.md: agreements", "content/familier/berg/plan.md", *fill(agreements, "agreements"))
    who5 = lambda n: plan.replace("målinger:\n  who5:\n", "målinger:\n  who5:\n" + "".join(
        f"    - dato: {day(i)}\n      hvem: mor\n      score: {(i * 4) % 100}\n" for i in range(n)), 1)
    yield ("plan.md: WHO-5 scores", "content/familier/berg/plan.md", *fill(who5, "scores"))
    notes = lambda n: plan + "\n" + "Noter fra mødet om planen og det videre forløb. " * n
    yield ("plan.md: notes of words", "content/familier/berg/plan.md", *fill(notes, "sentences"))
    events = lambda n: journey[: journey.index("forløb:")] + "forløb:\n" + "".join(
        f"  - dato: {day(i, datetime.date(2023, 9, 4))}\n    spor: {['familie', 'sundhed', 'beskæftigelse', 'fritid'][i % 4]}\n"
        f"    hvem: [mor]\n    tekst: Hændelse nummer {i} i forløbet\n" for i in range(n))
    yield ("rejse.yaml: 1,000 events", "content/familier/berg/rejse.yaml", events(1000), "1,000 events")
    yield ("chapter: a body of words", "content/metode/velkommen.md",
           *fill(lambda n: chapter + "\n" + "ord " * n, "words"))
    yield ("chapter: a body of one word", "content/metode/velkommen.md",
           *fill(lambda n: chapter + "\n" + "b" * n, "letters"))
    yield ("familie.yaml: a name of 1.9 M letters", "content/familier/holm/familie.yaml",
           re.sub(r"^navn: .*$", "navn: Familien" + "a" * 1_900_000,
                  open(os.path.join(site, "content/familier/holm/familie.yaml"), encoding="utf-8").read(),
                  count=1, flags=re.M), "refused")


def run(trinvis, site):
    out = os.path.join(site, "output")
    results = []
    for _ in range(RUNS + 1):
        if os.path.exists(out):
            shutil.rmtree(out)
        p = subprocess.Popen([trinvis, "build", "--root", site, "--dato", "2026-11-24"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = datetime.datetime.now()
        _, status, usage = os.wait4(p.pid, 0)
        results.append(((datetime.datetime.now() - start).total_seconds(), usage.ru_maxrss / 1024,
                        os.waitstatus_to_exitcode(status)))
    results = results[1:]
    wall = sorted(r[0] for r in results)[len(results) // 2]
    return wall, max(r[1] for r in results), results[0][2]


def main():
    trinvis, _ = binaries()
    print(f"{datetime.date.today()}, {os.cpu_count()} cores; highest peak of {RUNS} builds after a warm-up")
    print()
    print("| case | size | peak MB | time | built |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        base = os.path.join(work, "base")
        subprocess.run([trinvis, "init", base], check=True, stderr=subprocess.DEVNULL)
        wall, peak, code = run(trinvis, base)
        print(f"| the example as it is | | {peak:.0f} | {wall:.2f} s | {'yes' if code == 0 else 'refused'} |", flush=True)
        for name, rel, text, size in cases(base):
            site = os.path.join(work, "case")
            if os.path.exists(site):
                shutil.rmtree(site)
            shutil.copytree(base, site, ignore=shutil.ignore_patterns("output"))
            with open(os.path.join(site, rel), "w", encoding="utf-8") as f:
                f.write(text)
            wall, peak, code = run(trinvis, site)
            mb = len(text.encode()) / 1e6
            print(f"| {name} | {size}, {mb:.1f} MB | {peak:.0f} | {wall:.2f} s | {'yes' if code == 0 else 'refused'} |",
                  flush=True)


if __name__ == "__main__":
    main()
