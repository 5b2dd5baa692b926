"""Read inputs, run the pipeline, write the store: one broken input never stops the batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from newsgraph.doc import Doc, Problem
from newsgraph.pipeline import Pipeline, one_line
from newsgraph.sources import Failure, Input
from newsgraph.sources.inputs import digest
from newsgraph.store import Store
from newsgraph.version import __version__

Progress = Callable[["Summary"], None]

NO_TEXT = Problem("extract", "no_text", "no text was extracted")


@dataclass
class Summary:
    """What an ingest did with its inputs."""

    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: int = 0  # inputs that gave no document
    flawed: int = 0  # documents stored with a problem recorded on them
    problem_sources: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        """Inputs handled so far."""
        return self.stored + self.replaced + self.unchanged + self.skipped + self.problems

    @property
    def clean(self) -> bool:
        """True when no input became a problem."""
        return not self.problem_sources

    def line(self) -> str:
        """The summary as one line for people."""
        flawed = f" ({self.flawed} stored with problems)" if self.flawed else ""
        return (
            f"{self.stored} stored, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{self.skipped} skipped, {self.problems} problems{flawed}"
        )


def signature(pipeline: Pipeline) -> str:
    """What makes an earlier run's output reusable: the version and the stages run."""
    return f"newsgraph {__version__}: {' > '.join(pipeline.names)}"


def ingest(
    items: Iterable[Input | Failure],
    store: Store,
    pipeline: Pipeline,
    *,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> Summary:
    """Run every new or changed input through the pipeline and into the store."""
    summary = Summary()
    report = progress or (lambda _summary: None)
    fresh = fresh_docs(items, store, summary, signature(pipeline).encode(), report)
    docs = pipeline.pipe(fresh)
    while True:
        # The pipeline runs outside the write lock, so readers and other writers are not held
        # up by spaCy; each batch then lands in one transaction (a crash loses one batch).
        batch = list(islice(docs, batch_size))
        with store.transaction():
            for doc in batch:
                write_or_record(doc, store, summary)
                report(summary)
        if len(batch) < batch_size:
            return summary


def fresh_docs(
    items: Iterable[Input | Failure], store: Store, summary: Summary, salt: bytes, report: Progress
) -> Iterator[Doc]:
    """The inputs as fresh docs, minus those stored unchanged; unreadable ones recorded."""
    for item in items:
        if isinstance(item, Failure):
            store.record_failure(item.source, [Problem("read", item.kind, item.message)])
            summary.problems += 1
            summary.problem_sources.append(item.source)
            continue
        key = digest(salt + item.digest.encode())
        if store.knows_input(item.source, key):
            summary.unchanged += 1
            report(summary)
            continue
        try:
            doc = item.to_doc()
        except (ValueError, TypeError) as exc:  # metadata of the wrong shape in a record
            store.record_failure(item.source, [Problem("read", "malformed", one_line(exc))])
            summary.problems += 1
            summary.problem_sources.append(item.source)
            continue
        doc.raw = replace(doc.raw, digest=key) if doc.raw else None
        yield doc


def write_or_record(doc: Doc, store: Store, summary: Summary) -> None:
    """Write one document; if the store refuses it, record why and go on with the others."""
    try:
        with store.transaction():
            _write(doc, store, summary)
    except (sqlite3.Error, ValueError, TypeError) as exc:
        store.record_failure(doc.source, [Problem("store", type(exc).__name__, one_line(exc))])
        summary.problems += 1
        summary.problem_sources.append(doc.source)


def _write(doc: Doc, store: Store, summary: Summary) -> None:
    key = doc.raw.digest if doc.raw else ""
    if doc.skipped is not None:
        store.record_skip(doc.source, key, doc.skipped)
        summary.skipped += 1
    elif "text" in doc.failed or not doc.id:
        # Without text nothing else could run: the stages marked not_run only repeat that.
        causes = [p for p in doc.problems if p.kind != "not_run"]
        store.record_failure(doc.source, causes or [NO_TEXT])
        summary.problems += 1
        summary.problem_sources.append(doc.source)
    else:
        result = store.put(doc, key)
        setattr(summary, result, getattr(summary, result) + 1)
        if doc.problems:
            summary.flawed += 1
            summary.problem_sources.append(doc.source)
