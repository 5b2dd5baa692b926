"""Parallel ingest: the same real pages through the default pipeline on 1 and on 2 Dask workers.

Run: .venv/bin/python bench/dask_workers.py [--pages N] [--workers 1,2] [--partition-size N]
Pages: the scrapinghub benchmark's HTML, then htmldate-news's, from ../shared/eval (skipped with a
message when absent). Prints, for each worker count, inputs/s counted two ways: "cold" from
asking for the cluster to the end (process start-up and model loading included) and "warm" after
every worker has built the pipeline and loaded spaCy; the CPU seconds of the driver (reading,
merging, writing the store) and of the workers (the pipeline), so that a shortfall can be told
apart from other processes taking the cores (the load average is printed too); then the 2-to-1
ratios and whether the two databases are identical.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import dask

from corpus import corpus  # bench/ is on the path when this file runs
from newsgraph.eval.datasets import default_data_dir
from newsgraph.parallel import (
    DEFAULT_PARTITION_SIZE,
    dask_client,
    ingest_parallel,
    stored_rows,
    warm_up,
)
from newsgraph.sources import read_paths
from newsgraph.stages import DEFAULT_STAGES
from newsgraph.store import Store


@dataclass
class Timing:
    workers: int
    inputs: int
    cold: float  # seconds from asking for the cluster to the last commit
    warm: float  # seconds from every worker being ready to the last commit
    driver_cpu: float  # CPU seconds the driver process spent in the ingest itself
    worker_cpu: float  # CPU seconds the workers spent, all together


def run(files: list[str], workers: int, db: Path, partition_size: int) -> Timing:
    began = time.perf_counter()
    with dask_client(workers) as client:
        warm_up(client, DEFAULT_STAGES)
        ready = time.perf_counter()
        cpu, workers_cpu = time.process_time(), client.run(time.process_time)
        with Store(db) as store:
            summary = ingest_parallel(
                read_paths(files), store, DEFAULT_STAGES, client, partition_size=partition_size
            )
        cpu = time.process_time() - cpu
        ended = time.perf_counter()
        spent = sum(client.run(time.process_time).values()) - sum(workers_cpu.values())
    print(f"  {workers} worker(s): {summary.line()}; load average {load()}", flush=True)
    return Timing(workers, summary.seen, ended - began, ended - ready, cpu, spent)


def load() -> str:
    """The machine's load averages: other processes on the same cores make the ratio noisy."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    args = parser.parse_args()
    files = corpus(args.data_dir, args.pages)
    if not files:
        sys.exit(f"no benchmark pages under {args.data_dir}: skipped")
    print(f"{len(files)} pages, stages {','.join(DEFAULT_STAGES)}")
    counts = [int(n) for n in args.workers.split(",")]
    with (
        tempfile.TemporaryDirectory() as folder,
        dask.config.set({"temporary-directory": folder}),  # workers' scratch space goes too
    ):
        dbs = [Path(folder) / f"w{n}.db" for n in counts]
        timings = [
            run(files, n, db, args.partition_size) for n, db in zip(counts, dbs, strict=True)
        ]
        same = all(stored_rows(db) == stored_rows(dbs[0]) for db in dbs[1:])
    for t in timings:
        print(
            f"{t.workers} worker(s): cold {t.inputs / t.cold:6.2f} inputs/s ({t.cold:6.1f} s)  "
            f"warm {t.inputs / t.warm:6.2f} inputs/s ({t.warm:6.1f} s)  "
            f"CPU s: driver {t.driver_cpu:5.1f}, workers {t.worker_cpu:6.1f} "
            f"(the workers got {t.worker_cpu / t.warm:.2f} of {t.workers} cores)"
        )
    first = timings[0]
    for t in timings[1:]:
        print(
            f"{t.workers} vs {first.workers}: cold {first.cold / t.cold:.2f}x, "
            f"warm {first.warm / t.warm:.2f}x (target >= 1.8x for 2 vs 1)"
        )
    print(f"databases identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
