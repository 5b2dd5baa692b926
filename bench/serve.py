"""Explorer latency: article, search and entity pages of `newsgraph serve` under concurrent load.

Run: .venv/bin/python bench/serve.py [--docs 5000] [--clients 16] [--requests 40] [--json]
     [--db FILE] [--workers N]
Builds a database of synthetic articles (bench/synthetic.py; `--db FILE` keeps it and reuses it
on the next run), starts the real server (`newsgraph serve`, a subprocess on a free loopback
port), warms it up, then runs `--clients` threads, each making `--requests` requests drawn at
random over the three page kinds: `/docs/{id}` (random articles), `/search?q=…` (common and rare
words, with and without site and date filters) and `/entities/{id}` (the most named entities and
rare ones). Prints p50, p95 and max per page kind (and per variant), requests/s, and the CPU
time the server process and the load generator spent per request.
The load generator runs on the same machine as the server and shares its cores, so the figures
include its own cost: they are an upper bound on what a separate client would see. The clients
send their next request as soon as an answer comes, so with 16 of them the latency is mostly
time spent waiting in the server's queue: about 16 / (requests per second).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from newsgraph import Store
from synthetic import SITES, articles  # bench/ is on the path when this file runs

Request = tuple[str, str, str]  # page kind, variant, path
TARGET_P95_MS = 100.0


def build(db: Path, count: int) -> None:
    """A database of `count` synthetic articles at `db` (kept when it already has them)."""
    if db.exists() and _doc_count(db) == count:
        Store(db).close()  # brings a kept database up to this version's schema
        return
    db.unlink(missing_ok=True)
    began = time.perf_counter()
    docs = articles(count)
    with Store(db) as store:
        for offset in range(0, count, 500):
            with store.transaction():
                for doc in docs[offset : offset + 500]:
                    store.put(doc, digest=doc.id)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"built {count} articles in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def _doc_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM docs").fetchone()[0])
    except sqlite3.DatabaseError:
        return -1
    finally:
        conn.close()


def request_mix(db: Path, rng: random.Random) -> dict[str, list[Request]]:
    """The requests to draw from, by page kind: articles, searches and entities."""
    conn = sqlite3.connect(db)
    try:
        return {
            "article": [("article", "random", f"/docs/{i}") for i in _doc_ids(conn, rng)],
            "search": _searches(conn, rng),
            "entity": _entity_pages(conn, rng),
        }
    finally:
        conn.close()


def _doc_ids(conn: sqlite3.Connection, rng: random.Random) -> list[str]:
    ids = [row[0] for row in conn.execute("SELECT id FROM docs")]
    return rng.sample(ids, min(200, len(ids)))


def _searches(conn: sqlite3.Connection, rng: random.Random) -> list[Request]:
    """Common words (in most articles), rare ones (in a handful), and filtered searches."""
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, docs_fts, row)")
    ranked = conn.execute("SELECT term, doc FROM temp.vocab ORDER BY doc DESC").fetchall()
    common = [t for t, _ in ranked[20:60] if len(t) > 3][:15]
    rare = rng.sample([t for t, n in ranked if n <= 5 and t.isalpha()], 15)
    first = conn.execute("SELECT min(published) FROM docs").fetchone()[0]
    middle = f"{first[:4]}-06-01"
    found: list[Request] = [("search", "common word", f"/search?q={w}") for w in common]
    found += [("search", "rare word", f"/search?q={w}") for w in rare]
    pairs = zip(common, rare, strict=True)
    found += [("search", "two words", f"/search?q={a}+{b}") for a, b in pairs]
    found += [
        ("search", "filtered", f"/search?q={w}&site={rng.choice(SITES)}&since={middle}")
        for w in common
    ]
    found += [("search", "no words", f"/search?since={middle}&page={n}") for n in (1, 2, 5)]
    return found


def _entity_pages(conn: sqlite3.Connection, rng: random.Random) -> list[Request]:
    ranked = [r[0] for r in conn.execute("SELECT id FROM entities ORDER BY articles DESC")]
    rare = [r[0] for r in conn.execute("SELECT id FROM entities WHERE articles <= 5")]
    pages = [("entity", "most named", f"/entities/{i}") for i in ranked[:5]]
    pages += [("entity", "middle", f"/entities/{i}") for i in ranked[20:30]]
    return pages + [
        ("entity", "rare", f"/entities/{i}") for i in rng.sample(rare, min(10, len(rare)))
    ]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`newsgraph serve` as shipped, waiting until it answers."""
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/timeline", timeout=5)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def run_load(
    base: str, mix: dict[str, list[Request]], clients: int, each: int, seed: int
) -> tuple[list[tuple[Request, float, int]], float]:
    """Every client's requests, timed: (request, seconds, status), and the wall time."""
    results: list[tuple[Request, float, int]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        mine = []
        with httpx.Client(base_url=base, timeout=60) as http:
            for _ in range(each):
                wanted = rng.choice(mix[rng.choice(list(mix))])
                began = time.perf_counter()
                status = _status(http, wanted[2])
                mine.append((wanted, time.perf_counter() - began, status))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def _status(http: httpx.Client, path: str) -> int:
    """The status of a GET, or 0 when the connection failed (counted as an error)."""
    try:
        reply = http.get(path)
    except httpx.TransportError as exc:
        print(f"{path}: {exc!r}", file=sys.stderr)
        return 0
    if reply.status_code != 200:
        print(f"{path}: {reply.status_code} {reply.text[:200]!r}", file=sys.stderr)
    return reply.status_code


def warm_up(base: str, mix: dict[str, list[Request]]) -> None:
    """One pass over a few requests of each variant, so caches and templates are loaded."""
    with httpx.Client(base_url=base, timeout=60) as http:
        for requests in mix.values():
            for request in requests[::4]:
                http.get(request[2])


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def percentile(times: list[float], share: float) -> float:
    """The nearest-rank percentile of the times, in milliseconds."""
    ordered = sorted(times)
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summarise(results: list[tuple[Request, float, int]], wall: float) -> dict[str, Any]:
    """p50, p95 and max per page kind and per variant, errors, and requests per second."""
    groups: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for (kind, variant, _), seconds, status in results:
        for key in (kind, f"{kind}: {variant}"):
            groups[key].append(seconds)
            errors[key] += status != 200
    rows = {
        key: {
            "requests": len(times),
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(1000 * max(times), 1),
            "errors": errors[key],
        }
        for key, times in sorted(groups.items())
    }
    return {"requests": len(results), "seconds": round(wall, 2),
            "requests_per_s": round(len(results) / wall, 1), "pages": rows}  # fmt: skip


def report(summary: dict[str, Any], args: argparse.Namespace) -> str:
    """The summary as a table."""
    lines = [
        f"{args.docs} synthetic articles, {args.clients} clients x {args.requests} requests,"
        f" server workers: {args.workers} (load generator on the same cores)",
        f"{'page':26} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6}",
    ]
    for key, row in summary["pages"].items():
        flag = "" if ":" in key or row["p95_ms"] <= TARGET_P95_MS else "  over the 100 ms target"
        lines.append(
            f"{key:26} {row['requests']:5} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f}"
            f" {row['max_ms']:8.1f} {row['errors']:6}{flag}"
        )
    lines.append(f"{summary['requests']} requests in {summary['seconds']} s:"
                 f" {summary['requests_per_s']} requests/s")  # fmt: skip
    cpu = summary["cpu_ms_per_request"]
    server = "?" if cpu["server"] is None else cpu["server"]
    lines.append(f"CPU per request: server {server} ms, load generator {cpu['load_generator']} ms")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--workers", type=int, default=1, help="passed to newsgraph serve")
    parser.add_argument("--db", type=Path, help="keep the database here and reuse it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        build(db, args.docs)
        mix = request_mix(db, random.Random(11))
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            warm_up(f"http://127.0.0.1:{port}", mix)
            cpu = (cpu_seconds(server.pid), time.process_time())
            results, wall = run_load(
                f"http://127.0.0.1:{port}", mix, args.clients, args.requests, 5
            )
            cpu = (cpu_seconds(server.pid) - cpu[0], time.process_time() - cpu[1])
        finally:
            server.terminate()
            server.wait(timeout=30)
    summary = summarise(results, wall)
    summary["cpu_ms_per_request"] = {
        "server": round(1000 * cpu[0] / len(results), 2) if args.workers == 1 else None,
        "load_generator": round(1000 * cpu[1] / len(results), 2),
    }
    print(json.dumps(summary, indent=2) if args.json else report(summary, args))


if __name__ == "__main__":
    main()
