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

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedInput,
    UnknownSource,
)
from newsgraph.sources.decode import Decoded, decode
from newsgraph.sources.inputs import Failure, Input, digest, sniff_kind
from newsgraph.sources.warc_http import (
    GZIP_MAGIC,
    MAX_HEAD,
    HttpHead,
    dechunk,
    decode_content,
    head_end,
    parse_head,
    too_large,
)

log = logging.getLogger(__name__)

_MAGIC = (b"WARC/1.0", b"WARC/1.1")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, as surrogateescape
_READ_SIZE = 1 << 16


def is_warc(head: bytes) -> bool:
    """True when these first bytes of a file start a WARC 1.0 or 1.1 archive, gzipped or not."""
    if head.startswith(GZIP_MAGIC):
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
    gzipped = stream.read(2) == GZIP_MAGIC
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
    head, block, body_at = _check_response(record)
    body, notes = _body(record, head, block, body_at, max_bytes)
    decoded = _decode_text(body, head.content_type, head.charset)
    if head.content_type is None and sniff_kind(decoded.text) != "html":
        raise _NotAPage("non-HTML")
    crawled = record.headers.get("WARC-Date")
    return Input(
        source=source,
        kind="html",
        content=decoded.text,
        digest=digest(body),
        url=target_uri(record.headers.get_bytes(b"WARC-Target-URI")),
        meta={"crawled": crawled} if crawled else {},
        notes=notes + ([decoded.note] if decoded.lossy else []),
    )


def target_uri(raw: bytes | None) -> str | None:
    """WARC-Target-URI as text; bytes that are not UTF-8 are percent-encoded, not replaced,
    so two pages whose addresses differ only there keep different addresses."""
    text = (raw or b"").decode("utf-8", "surrogateescape").strip("<> \t")
    return _UNDECODABLE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", text) or None


def _check_response(record: WarcRecord) -> tuple[HttpHead, bytes, int]:
    """Refuse all but 2xx HTTP responses of an HTML type (or of none). Returns the HTTP
    header, the record's bytes read so far and where in them the body starts."""
    if record.record_type != WarcRecordType.response:
        raise _NotAPage(str(record.record_type))
    if not record.is_http:
        raise _NotAPage("non-HTTP")
    block, end = _read_head(record)
    head = parse_head(block[: end[0]] if end else block)
    if not 200 <= head.status < 300:
        raise _NotAPage(f"HTTP {head.status // 100}xx")
    if head.content_type is not None and head.content_type not in _HTML_TYPES:
        raise _NotAPage("non-HTML")
    if end is None:
        raise MalformedInput("the record's HTTP header never ends (no blank line), so no body")
    return head, block, end[1]


def _read_head(record: WarcRecord) -> tuple[bytes, tuple[int, int] | None]:
    """The record's first bytes, through the end of its HTTP header and perhaps a little
    more, with where the header ends and the body starts (None when the record ends first)."""
    size, block = record.content_length, b""
    while len(block) < size:
        block += _read_some(record, size, len(block))
        end = head_end(block)
        if end is not None:
            return block, end
        if len(block) > MAX_HEAD:
            raise MalformedInput(f"the record's HTTP header is over {MAX_HEAD} bytes")
    return block, None


def _body(
    record: WarcRecord, head: HttpHead, block: bytes, body_at: int, max_bytes: int
) -> tuple[bytes, list[str]]:
    """The HTTP body as the server meant it: whole, un-chunked and uncompressed."""
    size = record.content_length - body_at
    if size > max_bytes:
        raise too_large(f"{size / 1e6:.1f} MB", max_bytes)
    data = block[body_at:] + _read_rest(record, len(block))
    notes = []
    if record.headers.get("WARC-Truncated"):
        notes.append(f"the crawler cut this page short ({record.headers.get('WARC-Truncated')})")
    if "chunked" in head.get("Transfer-Encoding").lower():
        data = dechunk(data)
    data, cut = decode_content(data, head.get("Content-Encoding"), max_bytes)
    return data, notes + ([f"the compressed body ends early ({cut})"] if cut else [])


def _read_rest(record: WarcRecord, got: int) -> bytes:
    """The rest of a record's block, of which `got` bytes are read."""
    parts, size = [], record.content_length
    while got < size:
        part = _read_some(record, size, got)
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _read_some(record: WarcRecord, size: int, got: int) -> bytes:
    """The next bytes of a record of `size` bytes of which `got` are read; the archive is
    broken if they do not come."""
    part = record.reader.read(min(size - got, _READ_SIZE))
    if not part:
        raise _BrokenArchive(f"the record ends after {got} of its {size} bytes")
    return part


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
            rest = self._after_member()
            if not rest:
                return None
            self._inflater = zlib.decompressobj(31)
            return rest
        return self._inflater.unconsumed_tail or self._raw.read(_READ_SIZE)

    def _after_member(self) -> bytes:
        """The bytes after a finished member, past any zero bytes: writers pad files to a
        block size with zeros, and gzip itself reads them as padding, not as damage."""
        rest = self._inflater.unused_data or self._raw.read(_READ_SIZE)
        while rest and not rest.strip(b"\0"):
            rest = self._raw.read(_READ_SIZE)
        return rest.lstrip(b"\0")

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
