"""What every export format shares: documents streamed from the store, times, output files."""

from __future__ import annotations

import gzip
import io
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, TextIO

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

    Partial dates ("2024-05", "2024"), times outside what UTC can hold and anything
    unreadable give None."""
    if not text or len(text) < 10:
        return None
    try:
        when = datetime.fromisoformat(text)
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):  # overflow: a time whose UTC falls outside years 1-9999
        return None


@contextmanager
def text_output(out: str) -> Iterator[TextIO]:
    """A UTF-8 text stream to write: stdout for '-', gzip for a '.gz' name, else a plain file.

    A file is written under a temporary name beside it and takes its place only once the
    export ends without error: a failed export leaves no partial file behind."""
    if out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(out)
    with _replacing(path) as raw:
        # The gzip header names the file the reader will see, not the temporary one.
        zipped = gzip.GzipFile(path.name, "wb", fileobj=raw) if path.suffix == ".gz" else None
        with io.TextIOWrapper(zipped or raw, encoding="utf-8", newline="") as stream:
            yield stream


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A new file beside `path` that replaces it when the block ends without error, and is
    removed when it does not (leaving whatever `path` held before)."""
    temporary = path.with_name(_temporary_name(path))
    try:
        raw = temporary.open("xb")
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        with raw:
            yield raw
        _move(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def output_folder(out: str) -> Iterator[Path]:
    """A folder to write an export's files into; they move into `out` (made when missing) only
    when the block ends without error, else they are removed with the folder."""
    folder = Path(out)
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Inside `out`, so the files move with a rename on the same file system.
        staging = folder / _temporary_name(folder)
        staging.mkdir()
    except OSError as exc:
        raise ExportError(f"cannot make the folder {out}: {_reason(exc)}") from None
    try:
        yield staging
        for written in sorted(staging.iterdir()):
            _move(written, folder / written.name)
    except BaseException:
        if made:  # the folder is ours alone: leave no trace of the failed export
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _temporary_name(path: Path) -> str:
    # A random part keeps two exports of the same name from writing into one temporary file.
    return f".{path.name or 'export'}.{secrets.token_hex(4)}.part"


def _move(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
