"""What fetching remembers in the database: validators per URL, the pages each feed lists."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.sources.feeds import Listed
from newsgraph.sources.fetch import Fetched, Validators


@dataclass(frozen=True)
class DuePage:
    """A listed page to fetch this round, and the feed that listed it."""

    feed: str
    page: Listed


def validators(conn: sqlite3.Connection, url: str) -> Validators | None:
    """The ETag and Last-Modified last received for a URL, if any."""
    row = conn.execute(
        "SELECT etag, last_modified, final_url FROM fetch_state WHERE url = ?", (url,)
    ).fetchone()
    if row is None or not (row[0] or row[1]):
        return None
    return Validators(row[0], row[1], row[2])


def body_digest(conn: sqlite3.Connection, url: str) -> str | None:
    """The digest of the body last received for a URL."""
    row = conn.execute("SELECT digest FROM fetch_state WHERE url = ?", (url,)).fetchone()
    return None if row is None else row[0]


def remember_fetch(conn: sqlite3.Connection, fetched: Fetched, body_digest: str | None) -> None:
    """Keep a 200's validators and body digest; a 304 only refreshes the time and validators."""
    if fetched.not_modified:
        conn.execute(
            "UPDATE fetch_state SET status = 304, fetched_at = ?,"
            " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
            (_now(), fetched.etag, fetched.last_modified, fetched.url),
        )
        return
    conn.execute(
        "INSERT OR REPLACE INTO fetch_state"
        " (url, final_url, etag, last_modified, status, digest, fetched_at)"
        " VALUES (?,?,?,?,?,?,?)",
        (
            fetched.url,
            fetched.final_url,
            fetched.etag,
            fetched.last_modified,
            fetched.status,
            body_digest,
            _now(),
        ),
    )


def remember_sitemaps(conn: sqlite3.Connection, url: str, sitemaps: list[str]) -> None:
    """Keep the sitemaps an index names, to visit them again when the index answers 304."""
    conn.execute("UPDATE fetch_state SET sitemaps = ? WHERE url = ?", (json.dumps(sitemaps), url))


def known_sitemaps(conn: sqlite3.Connection, url: str) -> list[str]:
    """The sitemaps an index named when it was last read in full."""
    row = conn.execute("SELECT sitemaps FROM fetch_state WHERE url = ?", (url,)).fetchone()
    return list(json.loads(row[0])) if row is not None and row[0] else []


def remember_failure(conn: sqlite3.Connection, url: str) -> None:
    """Note a failed fetch (status 0), keeping the validators of the copy last received."""
    conn.execute(
        "INSERT INTO fetch_state (url, status, fetched_at) VALUES (?, 0, ?)"
        " ON CONFLICT(url) DO UPDATE SET status = 0, fetched_at = excluded.fetched_at",
        (url, _now()),
    )


def forget_failure(conn: sqlite3.Connection, listing: str) -> None:
    """Drop the problem recorded when a feed or sitemap failed, once it reads again."""
    with _atomic(conn):
        conn.execute("DELETE FROM problems WHERE source = ? AND doc_id IS NULL", (listing,))
        conn.execute(
            "DELETE FROM inputs WHERE source = ? AND status = 'failed' AND doc_id IS NULL",
            (listing,),
        )


def list_pages(conn: sqlite3.Connection, feed: str, listing: str, pages: list[Listed]) -> None:
    """Make `pages` what `listing` (the feed or one of its sitemaps) lists now."""
    listed_at = datetime.now(UTC).isoformat()  # also marks this listing's rows of this call
    with _atomic(conn):
        conn.executemany(
            "INSERT INTO feed_items (feed, listing, url, position, stamp, hints, listed_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT(feed, url) DO UPDATE SET"
            " listing = excluded.listing, position = excluded.position,"
            " stamp = excluded.stamp, hints = excluded.hints, listed_at = excluded.listed_at",
            [
                (feed, listing, p.url, i, p.stamp, json.dumps(p.hints), listed_at)
                for i, p in enumerate(pages)
            ],
        )
        conn.execute(
            "DELETE FROM feed_items WHERE feed = ? AND listing = ? AND listed_at <> ?",
            (feed, listing, listed_at),
        )


def keep_listings(conn: sqlite3.Connection, feed: str, listings: Iterable[str]) -> None:
    """Forget the pages of sitemaps that the feed's index no longer names."""
    conn.execute(
        "DELETE FROM feed_items WHERE feed = ? AND listing NOT IN (SELECT value FROM json_each(?))",
        (feed, json.dumps(list(listings))),
    )


def due_pages(conn: sqlite3.Connection, feed: str) -> list[DuePage]:
    """Listed pages not stored yet, that failed last time, or whose listed date changed."""
    rows = conn.execute(
        "SELECT f.url, f.stamp, f.hints FROM feed_items f"
        " LEFT JOIN inputs i ON i.source = f.url"
        " WHERE f.feed = ? AND (i.source IS NULL OR i.status = 'failed'"
        " OR (f.done_stamp IS NOT NULL AND f.done_stamp <> f.stamp))"
        " ORDER BY f.listing, f.position",
        (feed,),
    ).fetchall()
    return [DuePage(feed, Listed(url, stamp, json.loads(hints))) for url, stamp, hints in rows]


def mark_done(conn: sqlite3.Connection, handled: Iterable[DuePage]) -> None:
    """Note the listed date each handled page had, so that only a new date brings it back."""
    with _atomic(conn):
        conn.executemany(
            "UPDATE feed_items SET done_stamp = ? WHERE feed = ? AND url = ?",
            [(due.page.stamp, due.feed, due.page.url) for due in handled],
        )


@contextmanager
def _atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction, or a part of the caller's when one is open."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
