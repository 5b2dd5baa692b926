"""Limits one HTTP answer must keep: its size once decompressed, and a deadline that headers obey.

httpx would decompress each network chunk whole before we could count it, so that a kilobyte of
brotli may become gigabytes; we read the raw bytes and undo the Content-Encoding ourselves, a
bounded piece at a time. httpx's timeouts bound each read, not a whole answer, so a watchdog
shuts the socket at the deadline: a server trickling its status line cannot hold us longer.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import zlib
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, Protocol

from newsgraph.errors import FetchError, UnsupportedType

brotli: Any
try:  # brotli is optional: without it we neither ask for nor accept it
    import brotli  # type: ignore[import-untyped,no-redef]
except ImportError:  # pragma: no cover - it is installed alongside httpx here
    brotli = None

PIECE = 64 * 1024  # the most one decompression step may produce
ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"
_IDENTITY = frozenset({"", "identity"})
_BROKEN: tuple[type[Exception], ...] = (zlib.error, *((brotli.error,) if brotli else ()))


class _Inflater(Protocol):
    def pieces(self, data: bytes) -> Iterator[bytes]:
        """The decompressed bytes of `data`, in pieces of at most PIECE bytes."""


class _Zlib:
    """gzip and deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, coding: str) -> None:
        self._coding = coding
        self._inflater: Any = None

    def pieces(self, data: bytes) -> Iterator[bytes]:
        if self._inflater is None:
            self._inflater = zlib.decompressobj(_wbits(self._coding, data))
        yield self._inflater.decompress(data, PIECE)
        while self._inflater.unconsumed_tail:
            yield self._inflater.decompress(self._inflater.unconsumed_tail, PIECE)


class _Brotli:
    def __init__(self) -> None:
        assert brotli is not None
        self._decompressor = brotli.Decompressor()

    def pieces(self, data: bytes) -> Iterator[bytes]:
        yield self._decompressor.process(data, output_buffer_limit=PIECE)
        while not self._decompressor.can_accept_more_data():
            yield self._decompressor.process(b"", output_buffer_limit=PIECE)


def _wbits(coding: str, first: bytes) -> int:
    if coding in ("gzip", "x-gzip"):
        return 16 + zlib.MAX_WBITS
    # A zlib header: compression method 8, and the two bytes a multiple of 31.
    zlib_header = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS


def _inflater_for(coding: str, url: str) -> _Inflater | None:
    if coding in _IDENTITY:
        return None
    if coding in ("gzip", "x-gzip", "deflate"):
        return _Zlib(coding)
    if coding == "br" and brotli is not None:
        return _Brotli()
    raise UnsupportedType(f"{url} is compressed with {coding!r}, which we cannot undo")


def decoded(raw: Iterable[bytes], content_encoding: str, url: str) -> Iterator[bytes]:
    """The body of raw chunks with its Content-Encoding undone, in pieces of at most PIECE."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c not in _IDENTITY]
    if len(codings) > 1:
        raise UnsupportedType(f"{url} is compressed twice ({content_encoding})")
    inflater = _inflater_for(codings[0] if codings else "", url)
    if inflater is None:
        yield from raw
        return
    try:
        for chunk in raw:
            yield from inflater.pieces(chunk)
    except _BROKEN as exc:
        raise FetchError(f"{url} sent broken {codings[0]} data: {exc}") from None


class Watchdog:
    """Shut a request's sockets when `seconds` have passed; `fired` says whether it did."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: note each socket a connection opens (plain, then TLS)."""
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.fired:
                    _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    # shutdown, not close: it wakes a recv blocked in another thread, and httpx closes later.
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)
