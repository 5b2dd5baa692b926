"""Shards: a partition's processed documents, kept on disk beside the database until merged.

A shard is JSON Lines, one document per line: the JSON contract of the document plus what the
contract leaves out and the store needs (the input digest, the skip reason, the failed products).
The raw input itself is not kept: the store never reads it, and it is most of a page's bytes.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from newsgraph.doc import Doc, JsonDict, Problem, Raw, Span
from newsgraph.errors import StoreError
from newsgraph.jsonform import doc_from_dict, doc_to_dict

SUFFIX = ".shard"
_LOCK = "lock"


def encode_docs(docs: Iterable[Doc]) -> bytes:
    """Processed documents as shard bytes (ASCII JSON, so even a lone surrogate survives)."""
    return b"".join(json.dumps(_record(doc)).encode("ascii") + b"\n" for doc in docs)


def decode_docs(data: bytes) -> list[Doc]:
    """The documents shard bytes hold, as the worker left them."""
    return [_doc(json.loads(line)) for line in data.splitlines() if line]


def _record(doc: Doc) -> JsonDict:
    raw = {"kind": doc.raw.kind, "digest": doc.raw.digest} if doc.raw else None
    skipped = asdict(doc.skipped) if doc.skipped else None
    return {"doc": doc_to_dict(doc), "raw": raw, "skipped": skipped, "failed": sorted(doc.failed)}


def _doc(record: JsonDict) -> Doc:
    # We wrote these spans ourselves: build them directly, not through the contract reader's
    # field-by-field checks (a third of the driver's time went there); load_spans still checks
    # that each fits the text and links to a span that exists.
    spans = [Span(**span) for span in record["doc"].pop("spans")]
    doc = doc_from_dict(record["doc"])
    doc.load_spans(spans)
    raw = record["raw"]
    doc.raw = Raw(raw["kind"], "", raw["digest"]) if raw else None
    doc.skipped = Problem(**record["skipped"]) if record["skipped"] else None
    doc.failed = set(record["failed"])
    return doc


class ShardFolder:
    """The folder beside a database (`news.db.shards/`) where finished partitions wait."""

    def __init__(self, db: str | Path) -> None:
        self.path = Path(f"{db}.shards")

    def file(self, key: str) -> Path:
        """Where the shard of this partition lives."""
        return self.path / f"{key}{SUFFIX}"

    def has(self, key: str) -> bool:
        """True when this partition was processed and is waiting to be merged."""
        return self.file(key).is_file()

    def write(self, key: str, data: bytes) -> None:
        """Write a shard atomically: a killed write leaves a temporary file, never half a shard."""
        temporary = self.path / f".{key}.tmp"
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.file(key))

    def read(self, key: str) -> list[Doc]:
        """The documents of a finished partition; StoreError when its shard cannot be read."""
        try:
            return decode_docs(self.file(key).read_bytes())
        except Exception as exc:  # whatever the damage (disk, a hand edit), the shard is lost
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            raise StoreError(f"the shard {self.file(key)} cannot be read ({reason})") from exc

    def set_aside(self, key: str) -> Path | None:
        """Move a shard that cannot be read out of the way of every later run (into
        `news.db.shards-damaged/`, kept for a look); return where, or None if it is gone."""
        aside = self.path.with_name(f"{self.path.name}-damaged")
        aside.mkdir(exist_ok=True)
        moved = aside / self.file(key).name
        try:
            os.replace(self.file(key), moved)
        except FileNotFoundError:
            return None
        return moved

    def remove(self, key: str) -> None:
        """Forget a shard once its documents are in the store."""
        self.file(key).unlink(missing_ok=True)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder for one run; remove it when the run leaves nothing to merge."""
        self.path.mkdir(parents=True, exist_ok=True)
        with (self.path / _LOCK).open("w") as handle:
            try:
                # The kernel drops the lock with the process, so a killed run never blocks the next.
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"another parallel ingest is using {self.path}") from None
            yield
            self._tidy()

    def _tidy(self) -> None:
        """Drop what a finished run no longer needs: temporaries and shards nobody will merge."""
        for leftover in self.path.iterdir():
            leftover.unlink(missing_ok=True)
        self.path.rmdir()
