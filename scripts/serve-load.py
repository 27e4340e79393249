#!/usr/bin/env python3
"""A bounded load on `trinvis serve` over loopback: how fast pages come while nothing else
happens, under many clients at once, and while hostile clients try to stall it (silent
connections, one that sends request after request and reads nothing, heads trickled a byte
at a time, a burst of connections). The figures behind README's *Live preview*.

Serves the bundled example (made with `trinvis init`) on a free port, with the secret of the
link it prints, and asks for a family's staff page (about 100 KB).

    python3 scripts/serve-load.py
"""

import os
import re
import socket
import statistics
import subprocess
import tempfile
import threading
import time

from timing import binaries

PAGE = "/familier/holm/"


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


class Server:
    def __init__(self, trinvis, site):
        self.p = subprocess.Popen([trinvis, "serve", "--root", site, "--port", "0"],
                                  stderr=subprocess.PIPE, text=True)
        line = ""
        while "http://127.0.0.1:" not in line:
            line = self.p.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/\?adgang=(\w+)", line)
        self.port, self.secret = int(m.group(1)), m.group(2)
        while "start →" not in line:
            line = self.p.stderr.readline()
        threading.Thread(target=lambda: [None for _ in self.p.stderr], daemon=True).start()

    def request(self, path=PAGE, timeout=30):
        """Seconds to the whole answer, and its status."""
        t = time.perf_counter()
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                       f"Cookie: trinvis_adgang_{self.port}={self.secret}\r\n\r\n").encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        return time.perf_counter() - t, int(data.split(b" ", 2)[1])

    def peak_mb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.p.kill()
        self.p.wait()


def clients(server, n, each):
    """n clients at once, each asking `each` times: every latency and status."""
    out, lock = [], threading.Lock()

    def one():
        mine = [server.request() for _ in range(each)]
        with lock:
            out.extend(mine)

    threads = [threading.Thread(target=one) for _ in range(n)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return out, time.perf_counter() - t


def row(name, results, wall=None):
    lat = [r[0] * 1000 for r in results]
    ok = sum(1 for r in results if r[1] == 200)
    rate = f"{len(results) / wall:.0f}/s" if wall else ""
    print(f"| {name} | {len(results)} | {ok} | {statistics.median(lat):.1f} | "
          f"{percentile(lat, 0.95):.1f} | {max(lat):.1f} | {rate} |", flush=True)


def main():
    trinvis, _ = binaries()
    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site")
        subprocess.run([trinvis, "init", site], check=True, stderr=subprocess.DEVNULL)
        s = Server(trinvis, site)
        try:
            print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; {PAGE} of the example")
            print()
            print("| load | requests | 200 | median ms | 95 % ms | max ms | rate |")
            print("|---|---|---|---|---|---|---|")
            for _ in range(20):
                s.request()
            row("one client, one request at a time", [s.request() for _ in range(300)])
            res, wall = clients(s, 50, 20)
            row("50 clients at once, 20 requests each", res, wall)

            # Hostile clients, all at once, while one client asks as before.
            stop = threading.Event()
            silent = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(100)]
            greedy = socket.create_connection(("127.0.0.1", s.port))
            one = (f"GET /familier/holm/vores-plan.pdf HTTP/1.1\r\nHost: 127.0.0.1:{s.port}\r\n"
                   f"Cookie: trinvis_adgang_{s.port}={s.secret}\r\n\r\n").encode()
            greedy.setblocking(False)
            try:
                greedy.send(one * 500)
            except BlockingIOError:
                pass

            def trickle():
                while not stop.is_set():
                    try:
                        c = socket.create_connection(("127.0.0.1", s.port))
                        for b in b"GET / HTTP/1.1\r\nHost: x\r\n":
                            if stop.is_set():
                                break
                            c.send(bytes([b]))
                            time.sleep(0.5)
                        c.close()
                    except OSError:
                        time.sleep(0.1)

            slow = [threading.Thread(target=trickle, daemon=True) for _ in range(20)]
            for t in slow:
                t.start()
            time.sleep(1)
            row("one client, beside 100 silent connections, a greedy one and 20 trickling heads",
                [s.request() for _ in range(200)])
            burst = []
            for _ in range(400):
                try:
                    c = socket.create_connection(("127.0.0.1", s.port), timeout=30)
                    c.sendall((f"GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{s.port}\r\n"
                               f"Cookie: trinvis_adgang_{s.port}={s.secret}\r\n\r\n").encode())
                    burst.append(c)
                except OSError:
                    pass
            answered = {"200": 0, "503": 0, "none": 0}
            t = time.perf_counter()
            for c in burst:
                try:
                    head = c.recv(12)
                    answered[head[9:12].decode() if head.startswith(b"HTTP/1.1") else "none"] += 1
                except OSError:
                    answered["none"] += 1
                c.close()
            print(f"| a burst of {len(burst)} connections on top | {len(burst)} | {answered['200']} "
                  f"(503: {answered['503']}, none: {answered['none']}) | | | "
                  f"{(time.perf_counter() - t) * 1000:.0f} (all) | |", flush=True)
            stop.set()
            for c in silent:
                c.close()
            greedy.close()
            row("one client, after all that", [s.request() for _ in range(100)])
            print()
            print(f"peak memory of trinvis serve: {s.peak_mb():.0f} MB")
        finally:
            s.stop()


if __name__ == "__main__":
    main()
