"""The HTTP message inside a WARC response record: its header block and its body as sent.

We read the header block ourselves rather than through FastWARC, which takes a header whose
lines end in a bare LF for one endless header and leaves the page no body.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

from fastwarc.stream_io import BrotliReader

from newsgraph.errors import InputTooLarge, MalformedInput

GZIP_MAGIC = b"\x1f\x8b"
MAX_HEAD = 1 << 16  # an HTTP header block longer than this is not a header
_HEAD_END = re.compile(rb"\r?\n\r?\n")  # the blank line, whether lines end in CRLF or bare LF
_STATUS = re.compile(rb"HTTP/\d+(?:\.\d+)?[ \t]+(\d{3})(?:[ \t]|$)")
_CHUNK_SIZE = re.compile(rb"[0-9a-fA-F]{1,16}")


@dataclass
class HttpHead:
    """An HTTP response's status and header fields (names lowercased, in the order sent)."""

    status: int
    fields: list[tuple[str, str]]

    def get(self, name: str) -> str:
        """Every value of the field, comma-joined as HTTP allows; '' when it is absent."""
        return ", ".join(value for key, value in self.fields if key == name.lower())

    @property
    def content_type(self) -> str | None:
        """The first Content-Type's media type, lowercased; None when not given."""
        return self._content_type()[0].strip().lower() or None

    @property
    def charset(self) -> str | None:
        """The charset parameter of the first Content-Type, without quotes."""
        for parameter in self._content_type()[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'") or None
        return None

    def _content_type(self) -> list[str]:
        first = next((value for key, value in self.fields if key == "content-type"), "")
        return first.split(";")


def head_end(data: bytes) -> tuple[int, int] | None:
    """Where the header block ends and where the body starts, or None if no blank line yet."""
    found = _HEAD_END.search(data)
    return (found.start(), found.end()) if found else None


def parse_head(head: bytes) -> HttpHead:
    """The status line and fields of a header block; folded lines join the field above."""
    lines = [line.rstrip(b"\r") for line in head.split(b"\n")]
    status = _STATUS.match(lines[0].strip())
    if status is None:
        raise MalformedInput("the record's HTTP header has no status line")
    fields: list[tuple[str, str]] = []
    for line in lines[1:]:
        text = line.decode("latin-1")  # header bytes are opaque octets to HTTP
        if text[:1] in (" ", "\t") and fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {text.strip()}".strip())
        elif ":" in text:
            key, _, value = text.partition(":")
            fields.append((key.strip().lower(), value.strip()))
    return HttpHead(int(status.group(1)), fields)


def dechunk(data: bytes) -> bytes:
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


def decode_content(data: bytes, header: str, max_bytes: int) -> tuple[bytes, str]:
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
        if not data.startswith(GZIP_MAGIC):
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
        raise too_large("larger once decompressed", max_bytes)
    return out, inflater.eof


def _unbrotli(data: bytes, max_bytes: int) -> bytes:
    try:
        out = BrotliReader(io.BytesIO(data)).read(max_bytes + 1)
    except OSError as exc:
        raise MalformedInput(f"broken br HTTP body: {exc}") from None
    if len(out) > max_bytes:
        raise too_large("larger once decompressed", max_bytes)
    return out


def too_large(what: str, max_bytes: int) -> InputTooLarge:
    """The error for a record over the size limit, naming the option that sets it."""
    return InputTooLarge(
        f"the record is {what}, over the {max_bytes / 1e6:.1f} MB limit (--max-bytes)"
    )
