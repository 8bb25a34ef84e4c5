#!/usr/bin/env python3
"""Preview benchmark for `handbook serve`: save-to-reload latency and burst folding.

1. Generates a handbook of ``--pages`` pages (default 1000) with the generator
   of scripts/bench.py, and builds the release binary (or takes ``--binary``).
2. Starts ``handbook serve --port 0`` on it and subscribes to the reload event
   stream (``/__handbook/events``) like a browser tab does.
3. Saves one page ``--saves`` times (default 20): each save rewrites the file
   with one changed word, and the latency is the time from just before the
   write to the arrival of the ``reload`` event; after each event the page is
   fetched and must contain the new word (so the reload shows the edit).
   Prints median and max, and the median time to fetch the edited page.
4. Changes 200 files at once (like a ``git checkout``) and counts the reload
   events (= rebuilds) that follow: the goal is exactly one.
5. Times ``handbook build`` on the same handbook, for the "a full rebuild is
   never slower than build" comparison.
6. With ``--browser``: the same handbook in Chromium (``scripts/bench_preview.mjs``):
   from the file write to the reloaded page's new DOM, median and max.

Speed goals live here, not in timed unit tests; absolute times on shared
machines are noise, so compare the figures of one run with each other.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the generator of the build benchmark)


def http_get(addr: tuple[str, int], path: str) -> tuple[int, str]:
    with socket.create_connection(addr, timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    return status, body.decode("utf-8", "replace")


class Events:
    """A reload-event subscriber on its own thread; records arrival times."""

    def __init__(self, addr: tuple[str, int]):
        self.times: list[float] = []
        self.cond = threading.Condition()
        self.sock = socket.create_connection(addr)
        self.sock.sendall(b"GET /__handbook/events HTTP/1.1\r\nHost: x\r\n\r\n")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buf = b""
        while True:
            chunk = self.sock.recv(4096)
            if not chunk:
                return
            buf += chunk
            while b"\n\n" in buf:
                msg, buf = buf.split(b"\n\n", 1)
                if b"event: reload" in msg:
                    with self.cond:
                        self.times.append(time.perf_counter())
                        self.cond.notify_all()

    def wait(self, count: int, timeout: float = 10.0) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: len(self.times) >= count, timeout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--binary", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--browser", action="store_true",
                    help="also time save → new DOM in Chromium (scripts/bench_preview.mjs)")
    args = ap.parse_args()

    binary = args.binary.resolve() if args.binary else bench.build_binary()
    work = Path(tempfile.mkdtemp(prefix="handbook-serve-bench-"))
    try:
        root = work / "h"
        gen = bench.Gen(args.pages, args.seed)
        gen.plan()
        stats = gen.write(root)
        print(f"generated {stats['pages']} pages in {root}", file=sys.stderr)

        server = subprocess.Popen([str(binary), "serve", "--port", "0", "--root", str(root)],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = server.stdout.readline()
            hostport = line.split("http://")[1].split("/")[0]
            host, port = hostport.rsplit(":", 1)
            addr = (host, int(port))
            events = Events(addr)
            time.sleep(0.3)

            # The page to edit: a free chapter section.
            page = sorted(p for p in (root / "content").rglob("*.md")
                          if "/faser/" not in str(p) and p.name != "index.md")[0]
            rel = page.relative_to(root / "content").with_suffix("")
            url = "/" + "/".join(bench.slugify(part) for part in rel.parts) + "/"
            status, _ = http_get(addr, url)
            assert status == 200, f"{url} → {status}"
            original = page.read_text(encoding="utf-8")

            latencies, fetches = [], []
            for i in range(args.saves):
                word = f"Maaling{i:03d}"
                text = original.replace("\n---\n", f"\n---\n\n{word}\n", 1)
                before = len(events.times)
                start = time.perf_counter()
                page.write_text(text, encoding="utf-8")
                if not events.wait(before + 1):
                    raise SystemExit(f"no reload event after save {i}")
                latencies.append((events.times[before] - start) * 1000)
                t0 = time.perf_counter()
                status, body = http_get(addr, url)
                fetches.append((time.perf_counter() - t0) * 1000)
                assert status == 200 and word in body, f"save {i} not visible at {url}"
                time.sleep(0.15)

            # 200 files at once.
            files = sorted((root / "content").rglob("*.md"))[:200]
            time.sleep(0.5)
            before = len(events.times)
            for f in files:
                f.write_text(f.read_text(encoding="utf-8") + "\nÆndret.\n", encoding="utf-8")
            events.wait(before + 1)
            time.sleep(2.0)
            burst_rebuilds = len(events.times) - before
        finally:
            server.terminate()
            server.wait()

        builds = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([str(binary), "build", "--root", str(root), "--out", str(work / "out")],
                           check=True, capture_output=True)
            builds.append((time.perf_counter() - t0) * 1000)

        print(f"\n| {args.pages} pages | median | max |\n| --- | --- | --- |")
        print(f"| save → reload event ({args.saves} saves) | {statistics.median(latencies):.0f} ms | {max(latencies):.0f} ms |")
        print(f"| fetch of the edited page after the event | {statistics.median(fetches):.0f} ms | {max(fetches):.0f} ms |")
        print(f"| `handbook build` (3 runs) | {statistics.median(builds):.0f} ms | {max(builds):.0f} ms |")
        print(f"\nrebuilds after changing 200 files at once: {burst_rebuilds}")
        if args.browser:
            script = Path(__file__).resolve().parent / "bench_preview.mjs"
            subprocess.run(["node", str(script), str(root), "--saves", str(args.saves),
                            "--binary", str(binary)], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
