#!/usr/bin/env python3
"""Save one page's source and time until the new text is served, for `trinvis serve`,
`hugo server` and `mdbook serve`, side by side on the same 1,000 texts (the bundled
example's Holm plan, 1,000 times). Each tool is asked over HTTP every 2 ms until the page
has the new line; the same measure for all three. Tools not found are left out.

    python3 scripts/serve-compare.py [TRINVIS] [--runs N]

TRINVIS defaults to target/release/trinvis (`cargo build --release` first). hugo and
mdbook are taken from PATH (Debian: `apt-get install hugo`; `cargo install mdbook`).
It reports timings; it asserts nothing.
"""
import http.client
import os
import re
import threading
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N = 1000
RUNS = 21
for i, a in enumerate(sys.argv):
    if a == "--runs":
        RUNS = int(sys.argv[i + 1])
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()]
TRINVIS = args[0] if args else os.path.join(HERE, "target", "release", "trinvis")


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


# The secret of the link `trinvis serve` prints, by port: its pages need the cookie it sets.
SECRETS = {}


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {}
        if port in SECRETS:
            headers["Cookie"] = f"trinvis_adgang_{port}={SECRETS[port]}"
        c.request("GET", path, headers=headers)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def served(port, path, marker, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if marker.encode() in get(port, path)[1]:
                return True
        except OSError:
            pass
        time.sleep(0.002)
    return False


def start(cmd, port, path, cwd):
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, errors="replace")

    def read_link():
        for line in p.stderr:
            m = re.search(r"\?adgang=(\w+)", line)
            if m:
                SECRETS[port] = m.group(1)

    threading.Thread(target=read_link, daemon=True).start()
    t0 = time.monotonic()
    while time.monotonic() - t0 < 600:
        try:
            if get(port, path)[0] == 200:
                return p, time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.05)
    p.kill()
    raise SystemExit(f"{cmd[0]} did not start")


def memory_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def measure(name, cmd, cwd, port, path, source):
    p, first = start(cmd, port, path, cwd)
    time.sleep(1)
    original = open(source, encoding="utf-8").read()
    times = []
    try:
        for i in range(RUNS):
            marker = f"Saved{i}x{time.monotonic_ns()}"
            t0 = time.monotonic()
            with open(source, "w", encoding="utf-8") as f:
                f.write(original + f"\n\n{marker}\n")
            if not served(port, path, marker):
                print(f"{name}: the change never showed")
                break
            times.append((time.monotonic() - t0) * 1000)
            time.sleep(0.5)
        peak = memory_mb(p.pid)
    finally:
        p.terminate()
        p.wait()
        with open(source, "w", encoding="utf-8") as f:
            f.write(original)
    if times:
        print(
            f"{name}: first page after {first:.1f} s; save → new page served: median "
            f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}, "
            f"{len(times)} saves); peak memory {peak} MB"
        )


def main():
    work = tempfile.mkdtemp(prefix="serve-compare-")
    try:
        holm = os.path.join(HERE, "content", "familier", "holm")
        plan = open(os.path.join(holm, "plan.md"), encoding="utf-8").read()
        names = [f"familie-{i:04}" for i in range(N)]

        if os.path.exists(TRINVIS):
            site = os.path.join(work, "trinvis")
            subprocess.run([TRINVIS, "init", site], check=True, capture_output=True)
            for n in names[: N - 4]:
                d = os.path.join(site, "content", "familier", n)
                os.makedirs(d)
                for f in ["familie.yaml", "plan.md", "rejse.yaml"]:
                    shutil.copy(os.path.join(holm, f), d)
            port = free_port()
            measure(
                "trinvis serve",
                [TRINVIS, "serve", "--port", str(port), "--root", site],
                site, port, "/familier/familie-0500/index.html",
                os.path.join(site, "content", "familier", "familie-0500", "plan.md"),
            )
        else:
            print(f"trinvis: {TRINVIS} not found (cargo build --release)")

        if shutil.which("hugo"):
            site = os.path.join(work, "hugo")
            os.makedirs(os.path.join(site, "layouts", "_default"))
            os.makedirs(os.path.join(site, "content", "familier"))
            open(os.path.join(site, "hugo.toml"), "w").write(
                'baseURL = "http://127.0.0.1/"\ntitle = "compare"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
            )
            page = "<!doctype html><html><body>{{ .Content }}</body></html>\n"
            for t in ["single", "list"]:
                open(os.path.join(site, "layouts", "_default", f"{t}.html"), "w").write(page)
            open(os.path.join(site, "layouts", "index.html"), "w").write(
                "<!doctype html><html><body>{{ range .Site.RegularPages }}"
                "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n"
            )
            for n in names:
                open(os.path.join(site, "content", "familier", f"{n}.md"), "w",
                     encoding="utf-8").write(plan)
            port = free_port()
            measure(
                "hugo server",
                ["hugo", "server", "--port", str(port), "--bind", "127.0.0.1"],
                site, port, "/familier/familie-0500/",
                os.path.join(site, "content", "familier", "familie-0500.md"),
            )
        else:
            print("hugo: not found")

        mdbook = shutil.which("mdbook") or (
            "/tmp/mdbook/bin/mdbook" if os.path.exists("/tmp/mdbook/bin/mdbook") else None
        )
        if mdbook:
            site = os.path.join(work, "mdbook")
            os.makedirs(os.path.join(site, "src"))
            open(os.path.join(site, "book.toml"), "w").write('[book]\ntitle = "compare"\n')
            with open(os.path.join(site, "src", "SUMMARY.md"), "w") as f:
                f.write("# Summary\n\n")
                for n in names:
                    f.write(f"- [{n}]({n}.md)\n")
            for n in names:
                open(os.path.join(site, "src", f"{n}.md"), "w", encoding="utf-8").write(plan)
            port = free_port()
            measure(
                "mdbook serve",
                [mdbook, "serve", "--port", str(port), "--hostname", "127.0.0.1"],
                site, port, "/familie-0500.html",
                os.path.join(site, "src", "familie-0500.md"),
            )
        else:
            print("mdbook: not found")
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
