"""Re-ingest of an unchanged corpus against the first pass (serial, default pipeline).

Run: .venv/bin/python bench/reingest.py [--pages N]
Pages: the scrapinghub benchmark's HTML, then htmldate-news's, from ../shared/eval (skipped with a
message when absent). Times, in this process, the first pass (spaCy's load included, as a user
meets it) and a second pass over the same files, which must find every input unchanged; then the
second pass again as the command a user types (`newsgraph ingest`, interpreter start included).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import corpus  # bench/ is on the path when this file runs
from newsgraph.eval.datasets import default_data_dir
from newsgraph.ingest import Summary, ingest
from newsgraph.sources import read_paths
from newsgraph.stages import build_pipeline
from newsgraph.store import Store


def timed_pass(files: list[str], db: Path) -> tuple[float, Summary]:
    began = time.perf_counter()
    with Store(db) as store:
        summary = ingest(read_paths(files), store, build_pipeline())
    return time.perf_counter() - began, summary


def command_pass(files: list[str], db: Path) -> float:
    """The re-ingest as a user runs it."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "ingest", *files, "--db", str(db)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - began
    print(f"  command: {done.stdout.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    args = parser.parse_args()
    files = corpus(args.data_dir, args.pages)
    if not files:
        sys.exit(f"no benchmark pages under {args.data_dir}: skipped")
    print(f"{len(files)} pages, default stages, serial")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "news.db"
        first, summary = timed_pass(files, db)
        print(f"  first pass: {summary.line()}")
        again, summary = timed_pass(files, db)
        print(f"  re-ingest : {summary.line()}")
        command = command_pass(files, db)
    print(f"first pass        : {first:7.2f} s ({len(files) / first:7.1f} inputs/s)")
    print(f"re-ingest         : {again:7.2f} s ({len(files) / again:7.1f} inputs/s)")
    print(f"re-ingest command : {command:7.2f} s (interpreter start and imports included)")
    print(
        f"speed-up          : {first / again:7.1f}x in process, {first / command:.1f}x as a command"
    )
    print("(target >= 50x)")


if __name__ == "__main__":
    main()
