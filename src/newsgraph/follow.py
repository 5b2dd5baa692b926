"""Keep a database current with feeds and sitemaps: fetch them conditionally, ingest what is new.

Each round fetches every feed (If-None-Match / If-Modified-Since), records the pages it lists,
then fetches the pages that are new, failed last time, or carry a new date in the listing, and
ingests them through the normal pipeline. Everything a round learns is in the database, so a
restart goes on where the last run stopped.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import InputError, InputTooLarge, UnknownSource, UnsupportedType
from newsgraph.ingest import Summary, ingest, signature
from newsgraph.pipeline import Pipeline
from newsgraph.sources import DEFAULT_MAX_BYTES, Failure, Input
from newsgraph.sources import fetch_state as state
from newsgraph.sources.feeds import Listing, parse_listing
from newsgraph.sources.fetch import PAGE_TYPES, Fetched, Fetcher
from newsgraph.sources.inputs import digest
from newsgraph.sources.web import (
    HTML_TYPES,
    LISTING_TYPES,
    MAX_DEPTH,
    is_url,
    listing_at,
    page_input,
)
from newsgraph.store import Store

_INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Feeds are often served as text/html: what they hold decides (see listing_at).
_FEED_TYPES = LISTING_TYPES | HTML_TYPES


def parse_interval(text: str) -> float:
    """Seconds in an interval such as '30s', '15m', '1h' or '1h30m'."""
    compact = text.strip().lower().replace(" ", "")
    parts = _INTERVAL_PART.findall(compact)
    seconds = sum(float(n) * _UNIT_SECONDS[unit] for n, unit in parts)
    if not parts or "".join(n + u for n, u in parts) != compact or seconds <= 0:
        raise ValueError(f"{text!r} is not an interval like 30s, 15m or 1h")
    return seconds


@dataclass
class Follower:
    """Rounds of fetching over some feeds into one store, stoppable between pages."""

    feeds: Sequence[str]
    store: Store
    pipeline: Pipeline
    fetcher: Fetcher = field(default_factory=Fetcher)
    max_bytes: int = DEFAULT_MAX_BYTES
    stop: threading.Event = field(default_factory=threading.Event)

    def run(
        self, every: float, *, rounds: int | None = None, report: Callable[[Summary], None]
    ) -> int:
        """Run a round every `every` seconds until stopped or `rounds` are done; count them."""
        done = 0
        while not self.stop.is_set():
            started = time.monotonic()
            report(self.round())
            done += 1
            if rounds is not None and done >= rounds:
                break
            self.stop.wait(max(0.0, every - (time.monotonic() - started)))
        return done

    def round(self) -> Summary:
        """Refresh every feed, then ingest the pages due; 304s count as unchanged."""
        handled: list[state.DuePage] = []
        not_modified: list[str] = []
        summary = ingest(self._items(handled, not_modified), self.store, self.pipeline)
        state.mark_done(self.store.conn, handled)
        summary.unchanged += len(not_modified)
        return summary

    def _items(
        self, handled: list[state.DuePage], not_modified: list[str]
    ) -> Iterator[Input | Failure]:
        fetched: set[str] = set()  # a page two feeds list is fetched once a round
        for feed in self.feeds:
            if self.stop.is_set():
                return
            yield from self._refresh(feed)
            for due in state.due_pages(self.store.conn, feed):
                if self.stop.is_set():
                    return
                handled.append(due)
                if due.page.url in fetched:
                    continue
                fetched.add(due.page.url)
                item = self._page(due)
                if item is None:
                    not_modified.append(due.page.url)
                else:
                    yield item

    # -- listings -------------------------------------------------------------------------------

    def _refresh(self, feed: str) -> list[Failure]:
        """Fetch a feed (and an index's sitemaps) and record what it lists; say what failed."""
        failures: list[Failure] = []
        listings = self._refresh_listing(feed, feed, MAX_DEPTH, (failures, {feed}))
        if listings is not None:
            state.keep_listings(self.store.conn, feed, listings)
        return failures

    def _refresh_listing(
        self, feed: str, url: str, depth: int, found: tuple[list[Failure], set[str]]
    ) -> list[str] | None:
        """The listings under `url`, itself included (None when it could not be read).

        `found` gathers what failed and the listings already read this round, so that an index
        naming itself (or a sitemap named twice) is read once."""
        failures, seen = found
        try:
            listing = self._fetch_listing(url)
        except InputError as exc:
            failures.append(Failure(url, exc))
            return None
        conn = self.store.conn
        state.forget_failure(conn, url)
        if listing is None:  # not modified: its pages stay listed, its sitemaps are checked
            sitemaps = state.known_sitemaps(conn, url)
        else:
            if listing.problem is not None:  # a local file's relative links
                failures.append(Failure(url, listing.problem))
            state.list_pages(conn, feed, url, listing.pages)
            state.remember_sitemaps(conn, url, listing.sitemaps)
            sitemaps = listing.sitemaps
        names = [url]
        for sitemap in [s for s in sitemaps if s not in seen] if depth > 1 else []:
            seen.add(sitemap)
            inner = self._refresh_listing(feed, sitemap, depth - 1, found)
            names.extend(inner if inner is not None else [sitemap])
        return names

    def _fetch_listing(self, url: str) -> Listing | None:
        """The listing at a URL or file; None when the server says it has not changed."""
        if not is_url(url):
            listing = parse_listing(_read_file(url, self.max_bytes), max_bytes=self.max_bytes)
        else:
            fetched = self._get(url, _FEED_TYPES, remember=False)
            if fetched.not_modified:
                state.remember_fetch(self.store.conn, fetched, None)
                return None
            listing = self._parsed(fetched)
        if listing is None:
            raise UnsupportedType(f"{url} is not a feed, sitemap or URL list")
        return listing

    def _parsed(self, fetched: Fetched) -> Listing | None:
        """The listing a fetched body is; its validators are kept only then, so that a 304 can
        never stand for a body that was no listing."""
        conn = self.store.conn
        try:
            listing = listing_at(fetched, self.max_bytes)
        except InputError:
            state.remember_failure(conn, fetched.url)
            raise
        if listing is None:
            state.remember_failure(conn, fetched.url)
        else:
            state.remember_fetch(conn, fetched, digest(fetched.body))
        return listing

    # -- pages ----------------------------------------------------------------------------------

    def _page(self, due: state.DuePage) -> Input | Failure | None:
        """A due page as an Input, a Failure, or None when the server says it has not changed."""
        url = due.page.url
        try:
            fetched = self._get(url, PAGE_TYPES, conditional=self._stored_unchanged(url))
            return None if fetched.not_modified else page_input(fetched, url, due.page.hints)
        except InputError as exc:
            return Failure(url, exc)

    def _stored_unchanged(self, url: str) -> bool:
        """True when the store holds the last body fetched from `url`, run by this pipeline:
        only then may a 304 stand for it."""
        known = state.body_digest(self.store.conn, url)
        key = digest(signature(self.pipeline).encode() + known.encode()) if known else ""
        return bool(key) and self.store.knows_input(url, key)

    def _get(
        self, url: str, types: Collection[str], *, conditional: bool = True, remember: bool = True
    ) -> Fetched:
        """GET through the fetcher, conditionally when asked; remember the answer when asked,
        a failure always."""
        conn = self.store.conn
        validators = state.validators(conn, url) if conditional else None
        try:
            fetched = self.fetcher.get(url, validators, types=types, max_bytes=self.max_bytes)
        except InputError:
            state.remember_failure(conn, url)
            raise
        if remember:
            state.remember_fetch(conn, fetched, digest(fetched.body) if fetched.body else None)
        return fetched


def _read_file(path: str, max_bytes: int) -> bytes:
    """A feed file's bytes (followed files are read whole each round: no conditional GET)."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnknownSource(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputTooLarge(f"{path} is over the {max_bytes / 1e6:.1f} MB limit")
    return data
