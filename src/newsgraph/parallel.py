"""Ingest on Dask: workers run partitions of the inputs, the driver merges them in order.

The driver reads the inputs and drops the unchanged ones exactly as serial ingest does, then cuts
the rest into partitions. Each partition is processed by a worker; its result is written as a
shard beside the database the moment it arrives, and shards are merged into the store in input
order, one transaction each, through serial ingest's own writing code. So the stored result is
the serial one, and a killed run loses nothing: the next run skips what was merged, merges the
shards that were finished, and recomputes only the rest.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.doc import Doc, Problem
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.ingest import Summary, fresh_docs, signature, write_or_record
from newsgraph.pipeline import Pipeline, one_line
from newsgraph.shards import ShardFolder, encode_docs
from newsgraph.sources import Failure, Input
from newsgraph.sources.inputs import digest
from newsgraph.stages import build_pipeline
from newsgraph.store import Store

# Small partitions keep both workers busy to the end of a run (bench/dask_workers.py on 300 pages,
# 2 workers vs 1: 1.71x at 32, 1.80x at 8, 1.84x at 4); the cost is one shard and one
# transaction per partition, which the merge pays in milliseconds.
DEFAULT_PARTITION_SIZE = 4
# Partitions sent ahead of the one being merged, per worker: enough to keep every worker busy
# while the driver merges, few enough that the inputs read ahead stay a small part of memory.
AHEAD_PER_WORKER = 3
RETRIES = 2  # a partition whose worker died (or that raised) is run again this many times

log = logging.getLogger(__name__)

Progress = Callable[["Status"], None]


@dataclass
class Status:
    """Where a parallel ingest stands: the serial summary, plus new inputs and partitions."""

    summary: Summary
    fresh: int = 0  # new or changed inputs read so far, the ones the workers get
    partitions: int = 0
    merged: int = 0

    @property
    def seen(self) -> int:
        """Inputs handled so far (stored, unchanged, skipped or problems)."""
        return self.summary.seen

    def line(self) -> str:
        """Where the run stands, in one line."""
        return (
            f"{self.summary.line()}; {self.merged}/{self.partitions} partitions merged, "
            f"{self.fresh} new inputs read"
        )


@dataclass
class Partition:
    """A run of consecutive fresh inputs, named by their sources and digests."""

    key: str
    docs: list[Doc]

    @property
    def sources(self) -> list[str]:
        """The sources of its inputs, in order."""
        return [d.source for d in self.docs]


def partitions(docs: Iterable[Doc], size: int = DEFAULT_PARTITION_SIZE) -> Iterator[Partition]:
    """Cut the stream into partitions of about `size` inputs, at places the inputs choose.

    A partition ends after an input whose own hash says so (one in `size`), not after a count:
    when a rerun no longer has some inputs (merged before a kill), only the partitions that held
    them change, and the finished shards of all the others are found again under their names."""
    seen: set[str] = set()
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        # The cap keeps one long partition from running alone on one worker at the end.
        if _ends_partition(doc, size) or len(batch) >= 2 * size:
            yield _named(batch, seen)
            batch = []
    if batch:
        yield _named(batch, seen)


def _input_hash(doc: Doc) -> str:
    return digest(f"{doc.source}\t{doc.raw.digest if doc.raw else ''}".encode())


def _ends_partition(doc: Doc, size: int) -> bool:
    return int(_input_hash(doc)[:12], 16) % size == 0


def _named(docs: list[Doc], seen: set[str]) -> Partition:
    key = digest("\n".join(_input_hash(d) for d in docs).encode())
    while key in seen:  # the same inputs given twice in one run: two partitions, two shards
        key = digest(key.encode())
    seen.add(key)
    return Partition(key, docs)


def process_partition(stage_names: tuple[str, ...], docs: list[Doc]) -> bytes:
    """Run one partition through the pipeline on a worker; return its shard bytes."""
    done = list(_worker_pipeline(stage_names).pipe(docs))
    for doc in done:
        doc.analysis = None  # the spaCy Doc is big and never stored
    return encode_docs(done)


@lru_cache(maxsize=4)
def _worker_pipeline(stage_names: tuple[str, ...]) -> Pipeline:
    """The pipeline, built once per worker process (models load on its first batch)."""
    return build_pipeline(stage_names)


def warm_up(client: Any, stage_names: Sequence[str]) -> None:
    """Build the pipeline and load its models on every worker, before any timing starts."""
    client.run(_warm_worker, tuple(stage_names))


def _warm_worker(stage_names: tuple[str, ...]) -> None:
    probe = Input("warm-up", "text", "A ferry strike.\n\nWorkers said they would strike. " * 3, "")
    _worker_pipeline(stage_names)(probe.to_doc())


def _distributed() -> Any:
    """The `distributed` module, imported when first needed (it takes a second), untyped."""
    return importlib.import_module("distributed")


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: of the scheduler at `scheduler`, else of a local cluster of processes."""
    dask = _distributed()
    if scheduler:
        with _connect(dask, scheduler) as client:
            yield client
        return
    with (
        dask.LocalCluster(
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # a local cluster listens on loopback only
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        dask.Client(cluster) as client,
    ):
        yield client


def _connect(dask: Any, scheduler: str) -> Any:
    try:
        return dask.Client(scheduler, timeout="10s")
    except (OSError, ValueError) as exc:  # refused, timed out, or not an address
        raise NewsgraphError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def ingest_parallel(
    items: Iterable[Input | Failure],
    store: Store,
    stage_names: Sequence[str],
    client: Any,
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    progress: Progress | None = None,
) -> Summary:
    """Ingest on the client's workers, storing exactly what serial `ingest` would store."""
    names = tuple(stage_names)
    status = Status(Summary())
    report = progress or (lambda _status: None)
    salt = signature(build_pipeline(names)).encode()  # also checks the names before any work
    run = _Run(store, ShardFolder(store.path), client, names, status, report)
    with run.shards.locked():
        fresh = fresh_docs(items, store, status.summary, salt, lambda _s: report(status))
        for partition in partitions(_counted(fresh, status), partition_size):
            run.add(partition)
        run.finish()
    return status.summary


def _counted(docs: Iterable[Doc], status: Status) -> Iterator[Doc]:
    for doc in docs:
        status.fresh += 1
        yield doc


@dataclass
class _Pending:
    """A partition sent out (or found finished on disk) and not merged yet."""

    partition: Partition  # its inputs are kept to run it again if its shard cannot be read
    future: Any = None  # None once its shard is on disk
    error: BaseException | None = None  # set when every try failed
    recomputed: bool = False  # sent out again because its shard could not be read

    @property
    def key(self) -> str:
        """The partition's name, which is its shard's."""
        return self.partition.key


class _Run:
    """One parallel ingest: partitions sent out, shards saved as they come, merged in order."""

    def __init__(
        self,
        store: Store,
        shards: ShardFolder,
        client: Any,
        names: tuple[str, ...],
        status: Status,
        report: Callable[[Status], None],
    ) -> None:
        self.store, self.shards, self.client, self.names = store, shards, client, names
        self.status, self.report = status, report
        self.queue: deque[_Pending] = deque()
        self.ahead = AHEAD_PER_WORKER * max(1, len(client.nthreads()))

    def add(self, partition: Partition) -> None:
        """Send a partition to the workers, unless an earlier run already finished it."""
        pending = _Pending(partition)
        if not self.shards.has(partition.key):
            pending.future = self._submit(partition.docs)
        self.queue.append(pending)
        self.status.partitions += 1
        while len(self.queue) > self.ahead:
            self._merge_next()

    def finish(self) -> None:
        """Merge every partition still out, in order."""
        while self.queue:
            self._merge_next()

    def _submit(self, docs: list[Doc]) -> Any:
        return self.client.submit(process_partition, self.names, docs, retries=RETRIES, pure=False)

    def _merge_next(self) -> None:
        head = self.queue[0]
        docs = self._finished(head)
        self.queue.popleft()
        if docs is None:
            self._record_lost(head)
        else:
            self._merge(head.key, docs)
        self.status.merged += 1
        self.report(self.status)

    def _finished(self, pending: _Pending) -> list[Doc] | None:
        """The partition's processed documents, once its shard is on disk and read; None when
        no worker could process it. A shard that cannot be read is computed again, once."""
        while True:
            while pending.future is not None:
                self._wait_for_any()
            if pending.error is not None:
                return None
            try:
                return self.shards.read(pending.key)
            except StoreError as exc:
                self._set_aside(pending, exc)

    def _set_aside(self, pending: _Pending, exc: StoreError) -> None:
        """Move an unreadable shard out of the way and send its partition out again (or, when
        the shard was already recomputed, give up on it)."""
        moved = self.shards.set_aside(pending.key)
        then = "its inputs become problems" if pending.recomputed else "its partition runs again"
        log.warning("%s; moved to %s, %s", exc, moved, then)  # one line, however long
        if pending.recomputed:
            pending.error = exc
        else:
            pending.recomputed, pending.future = True, self._submit(pending.partition.docs)

    def _wait_for_any(self) -> None:
        """Block until some partition finishes, then save every finished one as a shard."""
        running = [p.future for p in self.queue if p.future is not None]
        _distributed().wait(running, return_when="FIRST_COMPLETED")
        for pending in self.queue:
            if pending.future is not None and pending.future.done():
                self._save(pending)

    def _save(self, pending: _Pending) -> None:
        future, pending.future = pending.future, None
        try:
            data = future.result()
        except Exception as exc:  # a worker died on every try, or the partition raised
            pending.error = exc
        else:
            self.shards.write(pending.key, data)
        future.release()

    def _merge(self, key: str, docs: list[Doc]) -> None:
        """Write a shard's documents in one transaction, as serial ingest writes a batch."""
        with self.store.transaction():
            for doc in docs:
                write_or_record(doc, self.store, self.status.summary)
        self.shards.remove(key)

    def _record_lost(self, pending: _Pending) -> None:
        """Record each input of a partition that no worker could process, with the reason."""
        error = pending.error or RuntimeError("lost")
        problem = Problem("parallel", type(error).__name__, one_line(error))
        summary = self.status.summary
        with self.store.transaction():
            for source in pending.partition.sources:
                self.store.record_failure(source, [problem])
        summary.problems += len(pending.partition.sources)
        summary.problem_sources.extend(pending.partition.sources)


# Columns that say when a row was written, or number rows in writing order, not what was stored.
_UNCOMPARED = {"stored_at", "at", "problems.id"}


def stored_rows(db: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, sorted, without timestamps: what "the same output" means for a store."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("sqlite_", "docs_fts"))
        ]
        return {t: _table_rows(conn, t) for t in sorted(tables)}
    finally:
        conn.close()


def _table_rows(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    kept = [f'"{n}"' for n in names if n not in _UNCOMPARED and f"{table}.{n}" not in _UNCOMPARED]
    rows = conn.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
    return sorted(rows, key=repr)
