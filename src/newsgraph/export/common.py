"""What every export format shares: documents streamed from the store, times, output files."""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from newsgraph.doc import Doc
from newsgraph.errors import ExportError
from newsgraph.store import Store

DOCS_PER_READ = 200  # ids fetched per query: enough to amortise it, few enough to stay small


def iter_docs(store: Store, chunk: int = DOCS_PER_READ) -> Iterator[Doc]:
    """Every stored document, oldest first, read a few at a time so memory stays flat."""
    last = 0
    while True:
        rows = store.conn.execute(
            "SELECT rowid, id FROM docs WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, chunk)
        ).fetchall()
        if not rows:
            return
        for _, doc_id in rows:
            yield store.get(doc_id)
        last = rows[-1][0]


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime; a date or a time without zone is read as UTC.

    Partial dates ("2024-05", "2024") and anything unreadable give None."""
    if not text or len(text) < 10:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


@contextmanager
def text_output(out: str) -> Iterator[TextIO]:
    """A UTF-8 text stream to write: stdout for '-', gzip for a '.gz' name, else a plain file."""
    if out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(out)
    try:
        stream = _open(path)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    with stream:
        yield stream


def _open(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    return path.open("w", encoding="utf-8", newline="")
