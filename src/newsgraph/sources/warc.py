"""WARC and WARC.gz archives, streamed: each HTML page a crawler stored becomes one Input.

Only `response` records with a 2xx HTTP status and an HTML body become inputs. Every other
record (requests, metadata, warcinfo, revisits, redirects, images, …) is skipped on purpose and
counted in a `WarcStats`, whose one-line summary is logged at INFO on this module's logger when
the archive ends: skips are not problems. A record that cannot be read is a `Failure` for that
record alone; damage to the archive itself (a cut-off file, broken gzip) ends it with one
`Failure` saying where, after the records before the damage were read.
"""

from __future__ import annotations

import io
import logging
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from fastwarc.stream_io import BrotliReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    UnknownSource,
)
from newsgraph.sources.decode import Decoded, decode
from newsgraph.sources.inputs import Failure, Input, digest, sniff_kind

log = logging.getLogger(__name__)

_MAGIC = (b"WARC/1.0", b"WARC/1.1")
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK_SIZE = re.compile(rb"[0-9a-fA-F]{1,16}")
_READ_SIZE = 1 << 16


def is_warc(head: bytes) -> bool:
    """True when these first bytes of a file start a WARC 1.0 or 1.1 archive, gzipped or not."""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, len(_MAGIC[0]))
        except zlib.error:
            return False
    return head.startswith(_MAGIC)


def is_warc_file(path: Path) -> bool:
    """True when the file's content (not its name) says it is a WARC archive."""
    try:
        with path.open("rb") as handle:
            return is_warc(handle.read(1024))
    except OSError:
        return False  # the ordinary file reader reports why it cannot be read


@dataclass
class WarcStats:
    """What one archive held: pages read, records that failed, records skipped by reason."""

    archive: str
    pages: int = 0
    problems: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        """The counts in one line, e.g. 'warc: a.warc.gz: 3 pages, skipped 5 records (…)'."""
        reasons = sorted(self.skipped.items(), key=lambda item: (-item[1], item[0]))
        listed = ", ".join(f"{reason} {count}" for reason, count in reasons)
        skipped = f", skipped {self.skipped.total()} records" + (f" ({listed})" if listed else "")
        problems = f", {self.problems} problems" if self.problems else ""
        return f"warc: {self.archive}: {self.pages} pages{skipped}{problems}"


def read_warc(
    path: Path, *, max_bytes: int, stats: WarcStats | None = None
) -> Iterator[Input | Failure]:
    """Yield an Input per HTML page in a WARC file and a Failure per unreadable record."""
    name = os.fsencode(path).decode("utf-8", "replace")
    stats = stats if stats is not None else WarcStats(name)
    try:
        with path.open("rb") as handle:
            yield from read_warc_stream(handle, f"warc:{name}", max_bytes=max_bytes, stats=stats)
    except OSError as exc:
        stats.problems += 1
        yield Failure(f"warc:{name}", UnknownSource(f"cannot read {path}: {exc.strerror or exc}"))
    log.info("%s", stats.line())


def read_warc_stream(
    stream: BinaryIO, container: str, *, max_bytes: int, stats: WarcStats
) -> Iterator[Input | Failure]:
    """Yield the pages of a seekable WARC stream; record sources are `container#offset`."""
    gzipped = stream.read(2) == _GZIP_MAGIC
    stream.seek(0)
    # We un-gzip ourselves: FastWARC stops silently at a cut-off gzip member, and we must say
    # where an archive broke. Offsets are therefore positions in the uncompressed archive.
    gunzip = _Gunzip(stream) if gzipped else None
    records = ArchiveIterator(gunzip or stream, parse_http=False, stream_detect=False)
    done, last, current = 0, 0, None
    try:
        for record in records:
            current = record.stream_pos
            item = _read_record(record, container, max_bytes, stats)
            if item is not None:
                yield item
            done, last, current = done + 1, current, None
    except OSError as exc:
        damage = gunzip.broken if gunzip and gunzip.broken else str(exc)
    else:
        damage = gunzip.broken if gunzip else ""
    if damage:
        stats.problems += 1
        yield Failure(container, MalformedInput(_damage(damage, done, last, current)))


def _damage(what: str, done: int, last: int, current: int | None) -> str:
    if current is not None:
        where = f"in the record at offset {current}"
    else:
        where = f"after the record at offset {last}" if done else "at its start"
    earlier = f"{done} earlier record{'' if done == 1 else 's'} read"
    return f"the archive is damaged {where}: {what} ({earlier})"


class _BrokenArchive(OSError):
    """The archive itself is damaged: nothing after this point can be trusted."""


class _NotAPage(Exception):
    """A record skipped on purpose; the reason is counted, not reported as a problem."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read_record(
    record: WarcRecord, container: str, max_bytes: int, stats: WarcStats
) -> Input | Failure | None:
    source = f"{container}#{record.stream_pos}"
    if "Content-Length" not in record.headers:
        raise _BrokenArchive("the record's WARC header is cut off")
    try:
        item = _page(record, source, max_bytes)
    except _NotAPage as skip:
        stats.skipped[skip.reason] += 1
        return None
    except InputError as exc:
        stats.problems += 1
        return Failure(source, exc)
    stats.pages += 1
    return item


def _page(record: WarcRecord, source: str, max_bytes: int) -> Input:
    """The record as an Input, or _NotAPage saying why it is not one."""
    content_type = _check_response(record)
    body, notes = _body(record, max_bytes)
    decoded = _decode_text(body, content_type, record.http_charset)
    if content_type is None and sniff_kind(decoded.text) != "html":
        raise _NotAPage("non-HTML")
    crawled = record.headers.get("WARC-Date")
    return Input(
        source=source,
        kind="html",
        content=decoded.text,
        digest=digest(body),
        url=(record.headers.get("WARC-Target-URI") or "").strip("<> ") or None,
        meta={"crawled": crawled} if crawled else {},
        notes=notes + ([decoded.note] if decoded.lossy else []),
    )


def _check_response(record: WarcRecord) -> str | None:
    """Refuse all but 2xx HTTP responses of an HTML type; the type, or None when not given."""
    if record.record_type != WarcRecordType.response:
        raise _NotAPage(str(record.record_type))
    if not record.is_http:
        raise _NotAPage("non-HTTP")
    try:
        record.parse_http()
    except _BrokenArchive:
        raise
    except OSError as exc:
        raise MalformedInput(f"unreadable HTTP header: {exc}") from None
    status = record.http_headers.status_code
    if status is None:
        raise MalformedInput("the record's HTTP header has no status line")
    if not 200 <= status < 300:
        raise _NotAPage(f"HTTP {status // 100}xx")
    content_type = (record.http_content_type or "").strip().lower() or None
    if content_type is not None and content_type not in _HTML_TYPES:
        raise _NotAPage("non-HTML")
    return content_type


def _body(record: WarcRecord, max_bytes: int) -> tuple[bytes, list[str]]:
    """The HTTP body as the server meant it: whole, un-chunked and uncompressed."""
    size = record.content_length
    if size > max_bytes:
        raise _too_large(f"{size / 1e6:.1f} MB", max_bytes)
    data = _read_exactly(record, size)
    notes = []
    if record.headers.get("WARC-Truncated"):
        notes.append(f"the crawler cut this page short ({record.headers.get('WARC-Truncated')})")
    headers = record.http_headers
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        data = _dechunk(data)
    data, cut = _decode_content(data, headers.get("Content-Encoding") or "", max_bytes)
    return data, notes + ([f"the compressed body ends early ({cut})"] if cut else [])


def _read_exactly(record: WarcRecord, size: int) -> bytes:
    parts, got = [], 0
    while got < size:
        part = record.reader.read(min(size - got, _READ_SIZE))
        if not part:
            raise _BrokenArchive(f"the record ends after {got} of its {size} bytes")
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _dechunk(data: bytes) -> bytes:
    """Join the chunks of a chunked HTTP body; a body stored already joined is kept as it is."""
    parts, pos = [], 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        size_field = data[pos : end if end >= 0 else len(data)].split(b";")[0].strip()
        if not _CHUNK_SIZE.fullmatch(size_field):
            if pos == 0:
                return data  # some crawlers store the joined body but keep the header
            raise MalformedInput(f"the chunked HTTP body is broken at byte {pos}")
        size = int(size_field, 16)
        if size == 0:
            break
        parts.append(data[end + 1 : end + 1 + size])
        pos = end + 1 + size
        pos += 2 if data[pos : pos + 2] == b"\r\n" else 1
    return b"".join(parts)  # a missing last chunk is forgiven: the page so far is kept


def _decode_content(data: bytes, header: str, max_bytes: int) -> tuple[bytes, str]:
    """Undo each Content-Encoding, last applied first; also say if a compressed body ends
    early (crawlers cut long bodies), in which case what was decompressed is kept."""
    cut = ""
    for coding in reversed([c.strip().lower() for c in header.split(",") if c.strip()]):
        data, ended = _undo(coding, data, max_bytes)
        cut = cut or ("" if ended else coding)
    return data, cut


def _undo(coding: str, data: bytes, max_bytes: int) -> tuple[bytes, bool]:
    if coding == "identity":
        return data, True
    if coding in ("gzip", "x-gzip"):
        if not data.startswith(_GZIP_MAGIC):
            return data, True  # stored already decompressed, with the header kept
        return _inflate(data, 31, coding, max_bytes)
    if coding == "deflate":
        try:  # servers send both the zlib-wrapped form the RFC names and raw deflate
            return _inflate(data, 15, coding, max_bytes)
        except MalformedInput:
            return _inflate(data, -15, coding, max_bytes)
    if coding == "br":
        return _unbrotli(data, max_bytes), True
    raise MalformedInput(f"unsupported Content-Encoding {coding!r} (gzip, deflate and br are read)")


def _inflate(data: bytes, wbits: int, coding: str, max_bytes: int) -> tuple[bytes, bool]:
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise MalformedInput(f"broken {coding} HTTP body: {exc}") from None
    if len(out) > max_bytes:
        raise _too_large("larger once decompressed", max_bytes)
    return out, inflater.eof


def _unbrotli(data: bytes, max_bytes: int) -> bytes:
    try:
        out = BrotliReader(io.BytesIO(data)).read(max_bytes + 1)
    except OSError as exc:
        raise MalformedInput(f"broken br HTTP body: {exc}") from None
    if len(out) > max_bytes:
        raise _too_large("larger once decompressed", max_bytes)
    return out


def _decode_text(body: bytes, content_type: str | None, http_charset: str | None) -> Decoded:
    """decode() with the HTTP header's charset; an empty or unsniffable body is not a page."""
    try:
        decoded = decode(body, http_charset)
    except EmptyInput:
        raise _NotAPage("empty") from None
    except BinaryInput:
        if content_type is None:
            raise _NotAPage("non-HTML") from None
        raise
    return decoded


def _too_large(what: str, max_bytes: int) -> InputTooLarge:
    return InputTooLarge(
        f"the record is {what}, over the {max_bytes / 1e6:.1f} MB limit (--max-bytes)"
    )


class _Gunzip:
    """A read-only stream of a multi-member gzip file's uncompressed bytes, for FastWARC.

    Where the gzip data is corrupt or ends in the middle of a member, the stream ends and
    `broken` says why: FastWARC then still hands out the records decompressed so far."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._inflater = zlib.decompressobj(31)
        self._position = 0
        self.broken = ""

    def read(self, size: int = -1) -> bytes:
        """Up to `size` uncompressed bytes (at least one unless the archive ended)."""
        limit = size if size > 0 else _READ_SIZE
        out = b""
        while not out and not self.broken:
            compressed = self._next_input()
            if compressed is None:
                return b""
            try:
                out = self._inflater.decompress(compressed, limit)
            except zlib.error as exc:
                self.broken = f"broken gzip data: {exc}"
            if not (out or compressed or self._inflater.eof):
                self.broken = "the gzip data ends in the middle of a member"
        self._position += len(out)
        return out

    def _next_input(self) -> bytes | None:
        """The compressed bytes to feed next (empty to drain what zlib holds back), starting a
        new member after a finished one; None at the end of the file."""
        if self._inflater.eof:
            rest = self._inflater.unused_data or self._raw.read(_READ_SIZE)
            if not rest:
                return None
            self._inflater = zlib.decompressobj(31)
            return rest
        return self._inflater.unconsumed_tail or self._raw.read(_READ_SIZE)

    def tell(self) -> int:
        """Where the next uncompressed byte is."""
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        """Stay where the stream is; gzip data reads forward only."""
        if (offset, whence) not in ((self._position, 0), (0, 1)):
            raise io.UnsupportedOperation("a gzip stream reads forward only")
        return self._position

    def close(self) -> None:
        """Nothing to release: the caller owns the file."""
