"""Files, folders, globs and stdin to Inputs; gzip read transparently; size limits kept."""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import InputError, InputTooLarge, MalformedInput, UnknownSource
from newsgraph.sources.decode import decode
from newsgraph.sources.feeds import listing_kind
from newsgraph.sources.inputs import Failure, Input, digest, sniff_kind
from newsgraph.sources.policy import FetchPolicy
from newsgraph.sources.records import looks_like_json, read_records
from newsgraph.sources.warc import is_warc_file, read_warc

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
STDIN = "-"
# Stdin has no name: each stream is named by its content, so a second stream of records never
# "replaces" the first, and the same stream fed again is recognised as unchanged.
STDIN_SOURCE = "stdin"


def read_paths(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_policy: FetchPolicy | None = None,
) -> Iterator[Input | Failure]:
    """Yield every input found under the given files, folders, globs, URLs or '-' for stdin;
    URLs, and the pages that feeds, sitemaps and URL lists name, are fetched under `fetch_policy`
    (the defaults when None)."""
    for path in paths:
        if path == STDIN:
            yield from read_stream(
                sys.stdin.buffer, STDIN_SOURCE, max_bytes=max_bytes, fetch_policy=fetch_policy
            )
            continue
        if path.lower().startswith(("http://", "https://")):
            # A page, or a feed, sitemap or URL list whose pages are fetched. The HTTP client
            # is imported only then: reading local files should not pay for it.
            from newsgraph.sources.web import read_url

            yield from read_url(path, max_bytes=max_bytes, fetch_policy=fetch_policy)
            continue
        files = expand(path)
        if not files:
            yield Failure(path, UnknownSource(f"no file or folder matches {path!r}"))
        for file in files:
            yield from read_file(file, max_bytes=max_bytes, fetch_policy=fetch_policy)


def expand(path: str) -> list[Path]:
    """The files a path names: itself, every file under a folder (sorted), or a glob's matches."""
    candidate = Path(path)
    if candidate.is_file():
        return [candidate]
    if candidate.is_dir():
        return sorted(p for p in candidate.rglob("*") if p.is_file() and not _hidden(p, candidate))
    return sorted(Path(p) for p in glob.glob(path, recursive=True) if Path(p).is_file())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, fetch_policy: FetchPolicy | None = None
) -> Iterator[Input | Failure]:
    """Yield the inputs one file holds (one page, many JSON records, a WARC's pages, or the
    pages a feed, sitemap or URL list names)."""
    if is_warc_file(path):  # streamed record by record: the size limit is per record
        yield from read_warc(path, max_bytes=max_bytes)
        return
    # A file name that is not valid UTF-8 must not make the source unstorable.
    source = "file:" + os.fsencode(path).decode("utf-8", "replace")
    try:
        size = path.stat().st_size
        if size > max_bytes and not path.name.endswith(".gz"):
            raise _too_large(size, max_bytes)
        with path.open("rb") as handle:
            yield from read_stream(handle, source, max_bytes=max_bytes, fetch_policy=fetch_policy)
    except InputError as exc:
        yield Failure(source, exc)
    except OSError as exc:
        yield Failure(source, UnknownSource(f"cannot read {path}: {exc.strerror or exc}"))


def read_stream(
    stream: BinaryIO,
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_policy: FetchPolicy | None = None,
) -> Iterator[Input | Failure]:
    """Yield the inputs a byte stream holds."""
    try:
        data = _read_limited(stream, max_bytes)
    except InputError as exc:
        yield Failure(source, exc)
        return
    if source == STDIN_SOURCE:
        source = f"stdin:{digest(data)[:12]}"
    if listing_kind(data) is not None:  # a feed, sitemap or URL list: its pages are fetched
        from newsgraph.sources.web import read_listing_file

        yield from read_listing_file(data, source, max_bytes=max_bytes, fetch_policy=fetch_policy)
        return
    yield from read_bytes(data, source, max_bytes=max_bytes)


def read_bytes(
    data: bytes, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Input | Failure]:
    """Yield the inputs some bytes hold, after un-gzipping and decoding them."""
    try:
        data = _gunzip(data, max_bytes)
        decoded = decode(data)
    except InputError as exc:
        yield Failure(source, exc)
        return
    text, notes = decoded.text, [decoded.note] if decoded.lossy else []
    if looks_like_json(text):
        yield from read_records(text, source)
        return
    kind = sniff_kind(text)
    yield Input(source=source, kind=kind, content=text, digest=digest(data), notes=notes)


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(None, max_bytes)
    return data


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return _read_limited(handle, max_bytes)  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as exc:
        raise MalformedInput(f"broken gzip data: {exc}") from None


def _too_large(size: int | None, max_bytes: int) -> InputTooLarge:
    limit = f"{max_bytes / 1e6:.1f} MB"
    what = f"{size / 1e6:.1f} MB" if size is not None else f"more than {limit}"
    return InputTooLarge(f"the input is {what}, over the {limit} limit (--max-bytes)")
