"""A scriptable HTTP server on a loopback port for the fetching tests: routes, a request log."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What the server answers: status, headers, a body or a stream of chunks, a delay first."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunks: Iterable[bytes] | None = None  # sent one by one, the connection closed at the end
    chunk_pause: float = 0.0
    head_pause: float = 0.0  # when set, the status line and headers go a byte at a time


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    at: float


Route = Reply | Callable[[Hit], Reply]


@dataclass
class Site:
    """The routes a test serves, what was requested, and how many bytes streams sent."""

    routes: dict[str, Route]
    base: str = ""
    hits: list[Hit] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)
    closing: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base + path

    def paths(self) -> list[str]:
        """Every requested path, in order."""
        return [hit.path for hit in self.hits]

    def requests_to(self, path: str) -> list[Hit]:
        """The requests for one path."""
        return [hit for hit in self.hits if hit.path == path]


def html_page(title: str, text: str) -> bytes:
    """A small article page with enough words to be stored."""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    ).encode()


HTML = {"Content-Type": "text/html; charset=utf-8"}


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    """Serve `routes` on 127.0.0.1 (any free port) while the block runs."""
    site = Site(routes)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        site.closing.set()  # wakes slow replies so that no handler outlives the test
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hit = Hit(self.path, dict(self.headers.items()), time.monotonic())
            site.hits.append(hit)
            route = site.routes.get(self.path, Reply(404, b"not found"))
            reply = route(hit) if callable(route) else route
            if reply.delay and site.closing.wait(reply.delay):
                return
            # The client may give up (a limit was reached): that is what some tests look for.
            with contextlib.suppress(OSError):
                if reply.head_pause:
                    self._trickle(reply)
                else:
                    self._send(reply)

        def _trickle(self, reply: Reply) -> None:
            lines = [f"HTTP/1.0 {reply.status} {self.responses[reply.status][0]}"]
            lines += [f"{name}: {value}" for name, value in reply.headers.items()]
            head = ("\r\n".join(lines) + "\r\n\r\n").encode()
            for at in range(len(head)):
                if site.closing.wait(reply.head_pause):
                    return
                self.wfile.write(head[at : at + 1])
            self.wfile.write(reply.body)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.chunks is None and "Content-Length" not in reply.headers:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.chunks is None:
                self.wfile.write(reply.body)
                return
            for chunk in reply.chunks:
                if site.closing.wait(reply.chunk_pause) if reply.chunk_pause else False:
                    return
                self.wfile.write(chunk)
                site.sent[self.path] = site.sent.get(self.path, 0) + len(chunk)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    return Handler
