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

# Re-exported: the settings live apart so that reading them does not import httpx.
from newsgraph.sources.policy import USER_AGENT as USER_AGENT
from newsgraph.sources.policy import FetchPolicy as FetchPolicy
from newsgraph.sources.robots import ROBOTS_MAX_BYTES, Robots, host_of, robots_from, robots_url

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
        limit = min(self.policy.max_bytes, max_bytes or self.policy.max_bytes)
        fetched = self._with_retries(url, validators, types, limit, robots=True)
        if fetched.status >= 300 and not fetched.not_modified:
            raise HttpStatusError(_status_message(fetched, self.policy.tries))
        return fetched

    # -- retries and redirects ----------------------------------------------------------------

    def _with_retries(
        self,
        url: str,
        validators: Validators | None,
        types: Collection[str] | None,
        limit: int,
        *,
        robots: bool,
    ) -> Fetched:
        tries = self.policy.tries
        for attempt in range(1, tries + 1):
            try:
                fetched = self._follow(url, validators, types, limit, robots=robots)
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

    def _follow(
        self,
        url: str,
        validators: Validators | None,
        types: Collection[str] | None,
        limit: int,
        *,
        robots: bool,
    ) -> Fetched:
        deadline = self.clock() + self.policy.total_timeout
        visited = [url]
        while True:
            current = visited[-1]
            if robots:
                self._robots_of(current).check(current, self.policy.user_agent)
            send = validators if validators and current in (url, validators.url) else None
            answer = self._request(current, send, types, limit, deadline)
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

    def _request(
        self,
        url: str,
        validators: Validators | None,
        types: Collection[str] | None,
        limit: int,
        deadline: float,
    ) -> Fetched | str:
        """One GET: the answer, or the Location of a redirect."""
        headers = {"Accept": _ACCEPT, **(validators.headers() if validators else {})}
        with self._turn(url), self._client() as client:
            try:
                with client.stream("GET", url, headers=headers) as response:
                    return self._answer(url, response, types, limit, deadline)
            except httpx.TimeoutException as exc:
                raise FetchTimeout(_timeout_message(url, exc, self.policy)) from None
            except (httpx.TransportError, httpx.DecodingError) as exc:
                raise _Unreachable(f"cannot fetch {url}: {_reason(exc)}") from None

    def _answer(
        self,
        url: str,
        response: httpx.Response,
        types: Collection[str] | None,
        limit: int,
        deadline: float,
    ) -> Fetched | str:
        location = str(response.headers.get("location") or "")
        if response.status_code in _REDIRECTS and location:
            return location
        fetched = _head(url, response)
        if not 200 <= fetched.status < 300:
            return fetched  # an error or 304: no body worth reading
        if types is not None and fetched.content_type and fetched.content_type not in types:
            raise UnsupportedType(f"{url} is {fetched.content_type}, not a page")
        body = self._read_body(url, response, limit, deadline)
        return replace(fetched, body=body)

    def _read_body(self, url: str, response: httpx.Response, limit: int, deadline: float) -> bytes:
        """Read the body while it stays under the size and time limits, no further."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(url, f"{int(declared) / 1e6:.1f} MB", limit)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # as it arrives: a size would wait to fill it
            size += len(chunk)
            if size > limit:
                raise _too_large(url, f"more than {limit / 1e6:.1f} MB", limit)
            if self.clock() > deadline:
                raise FetchTimeout(
                    f"{url} took more than {self.policy.total_timeout:g} s (total time limit)"
                )
            chunks.append(chunk)
        return b"".join(chunks)

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
        host = host_of(url)
        wait = self._last.get(host, float("-inf")) + self._delay(host) - self.clock()
        if wait > 0:
            self.sleep(wait)
        try:
            yield
        finally:
            self._last[host] = self.clock()  # counted from the end: a slow answer slows us

    def _delay(self, host: str) -> float:
        robots = self._robots.get(host)
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
            fetched = self._with_retries(url, None, None, ROBOTS_MAX_BYTES, robots=False)
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
