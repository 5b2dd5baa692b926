"""A polite HTTP client: robots.txt obeyed, a delay per host, retries, limits, conditional GET."""

from __future__ import annotations

import email.utils
import re
import ssl
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

from newsgraph.errors import (
    FetchError,
    FetchTimeout,
    HttpStatusError,
    InputTooLarge,
    UnsupportedType,
)
from newsgraph.sources.limits import ACCEPT_ENCODING, Watchdog, decoded

# Re-exported: the settings live apart so that reading them does not import httpx.
from newsgraph.sources.policy import USER_AGENT as USER_AGENT
from newsgraph.sources.policy import FetchPolicy as FetchPolicy
from newsgraph.sources.robots import (
    ROBOTS_MAX_BYTES,
    Robots,
    host_of,
    politeness_key,
    robots_from,
    robots_url,
)

# What a page may be; anything else (images, PDFs, JSON…) is refused before its body is read.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends: the ETag and Last-Modified of the copy already held."""

    etag: str | None = None
    last_modified: str | None = None
    url: str | None = None  # the final URL they came from, when a redirect led there

    def headers(self) -> dict[str, str]:
        """The If-None-Match and If-Modified-Since headers these give."""
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class Fetched:
    """A server's final answer to a GET; the body is empty for 304 Not Modified."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str = ""
    retry_after: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server said our copy is still current."""
        return self.status == 304

    @property
    def validators(self) -> Validators:
        """What to send next time to fetch this page only if it changed."""
        return Validators(self.etag, self.last_modified, self.final_url)


@dataclass(frozen=True)
class _Ask:
    """What one GET asks for and accepts."""

    validators: Validators | None
    types: Collection[str] | None  # the content types accepted; None for any
    limit: int  # bytes, once decompressed
    truncate: bool = False  # keep the first `limit` bytes of a longer body, not refuse it
    robots: bool = True  # obey robots.txt (not when reading robots.txt itself)


# robots.txt: any type, and only its head when it is huge, as Google reads it.
_ROBOTS_ASK = _Ask(None, None, ROBOTS_MAX_BYTES, truncate=True, robots=False)


@dataclass
class _Budget:
    """Seconds left of a page's total time limit; politeness waits are not taken from it."""

    left: float


class _Unreachable(FetchError):
    """A network failure worth another try (refused, reset, DNS)."""


@dataclass
class Fetcher:
    """Fetch pages one at a time, politely; failures raise an InputError subclass."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _robots: dict[str, Robots] = field(default_factory=dict, repr=False)
    _ssl: ssl.SSLContext | None = field(default=None, repr=False)

    def get(
        self,
        url: str,
        validators: Validators | None = None,
        *,
        types: Collection[str] | None = PAGE_TYPES,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET a URL (200 or 304), or raise why not; `types` are the content types accepted."""
        _check_url(url)
        ask = _Ask(validators, types, max_bytes or self.policy.max_bytes)
        fetched = self._with_retries(url, ask)
        if fetched.status >= 300 and not fetched.not_modified:
            raise HttpStatusError(_status_message(fetched, self.policy.tries))
        return fetched

    # -- retries and redirects ----------------------------------------------------------------

    def _with_retries(self, url: str, ask: _Ask) -> Fetched:
        tries = self.policy.tries
        for attempt in range(1, tries + 1):
            try:
                fetched = self._follow(url, ask)
            except (FetchTimeout, _Unreachable) as exc:
                if attempt == tries:
                    raise type(exc)(f"{exc}{_gave_up(tries)}") from None
                self.sleep(self._backoff(attempt))
                continue
            if not _retryable(fetched.status) or attempt == tries:
                return fetched
            self.sleep(max(self._backoff(attempt), self._retry_after(fetched)))
        raise AssertionError("unreachable: the last try returns or raises")

    def _backoff(self, attempt: int) -> float:
        return float(self.policy.backoff * 2 ** (attempt - 1))

    def _retry_after(self, fetched: Fetched) -> float:
        """The server's Retry-After in seconds (a number or an HTTP date), capped."""
        wait = _seconds_until(fetched.retry_after) if fetched.retry_after else 0.0
        return min(max(wait, 0.0), self.policy.max_retry_after)

    def _follow(self, url: str, ask: _Ask) -> Fetched:
        budget = _Budget(self.policy.total_timeout)
        visited = [url]
        while True:
            current = visited[-1]
            if ask.robots:
                self._robots_of(current).check(current, self.policy.user_agent)
            validators = ask.validators
            send = validators if validators and current in (url, validators.url) else None
            answer = self._request(current, replace(ask, validators=send), budget)
            if isinstance(answer, Fetched):
                return _from_start(answer, url)
            visited.append(self._next_hop(url, visited, answer))

    def _next_hop(self, url: str, visited: list[str], location: str) -> str:
        target = urljoin(visited[-1], location)
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchError(f"{visited[-1]} redirects to {target!r}, not an http(s) URL")
        if target in visited:
            raise FetchError(f"redirect loop: {visited[-1]} leads back to {target}")
        if len(visited) > self.policy.max_redirects:
            raise FetchError(f"more than {self.policy.max_redirects} redirects from {url}")
        return target

    # -- one request ------------------------------------------------------------------------------

    def _request(self, url: str, ask: _Ask, budget: _Budget) -> Fetched | str:
        """One GET: the answer, or the Location of a redirect."""
        headers = {"Accept": _ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
        headers.update(ask.validators.headers() if ask.validators else {})
        with self._turn(url):
            # Timed from here: the politeness wait before is not the server's slowness.
            started = self.clock()
            try:
                return self._exchange(url, headers, ask, budget.left)
            finally:
                budget.left -= self.clock() - started

    def _exchange(
        self, url: str, headers: dict[str, str], ask: _Ask, seconds: float
    ) -> Fetched | str:
        """The request itself, within `seconds` from now, headers included."""
        if seconds <= 0:
            raise self._over_time(url)
        deadline = self.clock() + seconds
        with self._client() as client, Watchdog(seconds) as watchdog:
            try:
                extensions = {"trace": watchdog.trace}
                with client.stream("GET", url, headers=headers, extensions=extensions) as response:
                    answer = self._answer(url, response, ask, deadline)
            except httpx.TimeoutException as exc:
                raise FetchTimeout(_timeout_message(url, exc, self.policy)) from None
            except (httpx.TransportError, httpx.DecodingError) as exc:
                if watchdog.fired:
                    raise self._over_time(url) from None
                raise _Unreachable(f"cannot fetch {url}: {_reason(exc)}") from None
        if watchdog.fired:  # the shut socket looked like the end of a body sent until closing
            raise self._over_time(url)
        return answer

    def _answer(
        self, url: str, response: httpx.Response, ask: _Ask, deadline: float
    ) -> Fetched | str:
        location = str(response.headers.get("location") or "")
        if response.status_code in _REDIRECTS and location:
            return location
        fetched = _head(url, response)
        if not 200 <= fetched.status < 300:
            return fetched  # an error or 304: no body worth reading
        if ask.types is not None and fetched.content_type not in {"", *ask.types}:
            raise UnsupportedType(f"{url} is {fetched.content_type}, not a page")
        body = self._read_body(url, response, ask, deadline)
        return replace(fetched, body=body)

    def _read_body(self, url: str, response: httpx.Response, ask: _Ask, deadline: float) -> bytes:
        """Read the body while it stays under the size and time limits, no further."""
        limit = ask.limit
        declared = response.headers.get("content-length", "")
        if not ask.truncate and declared.isdigit() and int(declared) > limit:
            raise _too_large(url, f"{int(declared) / 1e6:.1f} MB", limit)
        chunks: list[bytes] = []
        size = 0
        # Raw, as it arrives (a size would wait to fill it), and decompressed piece by piece.
        for piece in _pieces(response):
            chunks.append(piece)
            size += len(piece)
            if size > limit:
                if ask.truncate:
                    return b"".join(chunks)[:limit]
                raise _too_large(url, f"more than {limit / 1e6:.1f} MB", limit)
            if self.clock() > deadline:
                raise self._over_time(url)
        return b"".join(chunks)

    def _over_time(self, url: str) -> FetchTimeout:
        total = self.policy.total_timeout
        return FetchTimeout(f"{url} took more than {total:g} s (total time limit)")

    def _client(self) -> httpx.Client:
        # A fresh client per request: nothing stays open between pages, so a Fetcher needs no
        # closing; the politeness delay makes the lost keep-alive irrelevant.
        if self._ssl is None:
            self._ssl = ssl.create_default_context(cafile=certifi.where())
        timeout = httpx.Timeout(
            self.policy.read_timeout,
            connect=self.policy.connect_timeout,
        )
        return httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=timeout,
            follow_redirects=False,
            verify=self._ssl,
        )

    @contextmanager
    def _turn(self, url: str) -> Iterator[None]:
        """Wait until the host's delay since our last request to it has passed."""
        server = politeness_key(url)
        wait = self._last.get(server, float("-inf")) + self._delay(url) - self.clock()
        if wait > 0:
            self.sleep(wait)
        try:
            yield
        finally:
            self._last[server] = self.clock()  # counted from the end: a slow answer slows us

    def _delay(self, url: str) -> float:
        robots = self._robots.get(host_of(url))
        asked = robots.crawl_delay(self.policy.user_agent) if robots else 0.0
        return max(self.policy.delay, min(asked, self.policy.max_crawl_delay))

    # -- robots.txt -------------------------------------------------------------------------------

    def _robots_of(self, url: str) -> Robots:
        host = host_of(url)
        known = self._robots.get(host)
        if known is None or self.clock() - known.read_at > self.policy.robots_ttl:
            known = self._robots[host] = self._read_robots(robots_url(url))
        return known

    def _read_robots(self, url: str) -> Robots:
        """Rules to obey; a missing file allows everything, a failing server nothing."""
        try:
            fetched = self._with_retries(url, _ROBOTS_ASK)
        except (FetchTimeout, _Unreachable) as exc:
            # The host is down: the page fails for that reason (already retried: not again),
            # and nothing is cached, so the next page asks again.
            raise FetchError(str(exc)) from None
        except (FetchError, InputTooLarge) as exc:
            return Robots(self.clock(), refusal=f"{url} could not be read ({exc})")
        return robots_from(fetched.status, fetched.body, url, self.clock())


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url!r} is not an http(s) URL")


def _pieces(response: httpx.Response) -> Iterator[bytes]:
    """The body as it arrives, decompressed by us in bounded pieces."""
    if response.is_stream_consumed:  # built already read (a mock transport): httpx decoded it
        return iter([response.content])
    coding = response.headers.get("content-encoding", "")
    return decoded(response.iter_raw(), coding, str(response.url))


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _head(url: str, response: httpx.Response) -> Fetched:
    """What the status line and headers say, without the body."""
    raw_type = response.headers.get("content-type", "")
    charset = _CHARSET.search(raw_type)
    return Fetched(
        url=url,
        final_url=url,
        status=response.status_code,
        content_type=raw_type.split(";")[0].strip().lower(),
        charset=charset.group(1) if charset else None,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        reason=response.reason_phrase,
        retry_after=response.headers.get("retry-after"),
    )


def _from_start(fetched: Fetched, start: str) -> Fetched:
    """The answer as one for the URL asked for, reached at the URL the redirects ended on."""
    return replace(fetched, url=start, final_url=fetched.url)


def _status_message(fetched: Fetched, tries: int) -> str:
    reason = f" {fetched.reason}" if fetched.reason else ""
    gave_up = _gave_up(tries) if _retryable(fetched.status) else ""
    return f"{fetched.final_url} answered HTTP {fetched.status}{reason}{gave_up}"


def _gave_up(tries: int) -> str:
    return f" (gave up after {tries} tries)" if tries > 1 else ""


def _timeout_message(url: str, exc: httpx.TimeoutException, policy: FetchPolicy) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection to {host_of(url)} within {policy.connect_timeout:g} s"
    return f"{url} sent nothing for {policy.read_timeout:g} s (read timeout)"


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _too_large(url: str, size: str, limit: int) -> InputTooLarge:
    return InputTooLarge(f"{url} is {size}, over the {limit / 1e6:.1f} MB limit")


def _seconds_until(value: str) -> float:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()
