"""An entity's page read in bounded steps, however many articles name it.

One query lists the entity's articles with their dates (from covering indexes, never the
article rows); the timeline is counted from that list. Quotes about it are looked for in those
articles newest first, a growing batch at a time, stopping once a page is full; quotes by it come
off an index of speakers; and who appears alongside is counted over the newest `COMPANY_SAMPLE`
articles only, which the page says.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.store_quotes import QuoteHit, find_quotes

COMPANY_SAMPLE = 200  # co-occurrence is counted over this many of the newest articles
BATCHES = (20, 100, 500)  # articles searched for quotes at each step; the last one repeats


@dataclass(frozen=True)
class EntityArticles:
    """The articles naming an entity, newest first (undated ones last), with their days."""

    ids: list[str]
    published: list[str | None]

    def days(self) -> list[tuple[str, int]]:
        """Articles per day of publication, oldest day first; undated articles left out."""
        days = Counter(p[:10] for p in self.published if p and len(p) >= 10)
        return sorted(days.items())

    def undated(self) -> int:
        """How many of the articles have no day."""
        return sum(1 for p in self.published if not p or len(p) < 10)


# An entity's articles with their dates: looked up one by one when it has a few, or read off
# the date-ordered index docs_listing, already newest first, when it is in most articles.
ARTICLES_BY_ID = """
SELECT DISTINCT m.doc_id, d.published FROM entity_mentions m
  JOIN docs d INDEXED BY docs_dates ON d.id = m.doc_id WHERE m.entity_id = ?
"""
ARTICLES_BY_DATE = """
SELECT d.id, d.published FROM docs d INDEXED BY docs_listing
 WHERE d.id IN (SELECT m.doc_id FROM entity_mentions m WHERE m.entity_id = ?)
 ORDER BY d.published DESC, d.id DESC
"""
SCAN_SHARE = 0.2  # the share of all articles beyond which reading the whole index is cheaper


def entity_articles(conn: sqlite3.Connection, entity_id: str, articles: int) -> EntityArticles:
    """Every article naming the entity (`articles` of them, as its row says), newest first."""
    everything = conn.execute("SELECT max(rowid) FROM docs").fetchone()[0] or 0
    if articles > SCAN_SHARE * everything:
        rows = conn.execute(ARTICLES_BY_DATE, (entity_id,)).fetchall()
    else:
        rows = conn.execute(ARTICLES_BY_ID, (entity_id,)).fetchall()
        rows.sort(key=lambda r: (r[1] or "", r[0]), reverse=True)  # "" sorts undated last
    return EntityArticles([r[0] for r in rows], [r[1] for r in rows])


def _batches(ids: list[str]) -> Iterator[list[str]]:
    """The ids in order, in batches of growing size."""
    start, step = 0, 0
    while start < len(ids):
        size = BATCHES[min(step, len(BATCHES) - 1)]
        yield ids[start : start + size]
        start, step = start + size, step + 1


SPEAKER_QUOTES = """
SELECT count(*) FROM spans INDEXED BY spans_speakers
 WHERE kind = 'quote' AND json_extract(value, '$.speaker') = ?
"""
MANY_QUOTES = 200  # beyond this, the newest articles are searched first


def quotes_by(
    conn: sqlite3.Connection, entity_id: str, name: str, articles: EntityArticles, limit: int
) -> list[QuoteHit]:
    """Quotes whose speaker is the entity's canonical name, in articles naming it: from the
    index of speakers, or, for a speaker quoted very often, from its newest articles first."""
    if conn.execute(SPEAKER_QUOTES, (name,)).fetchone()[0] <= MANY_QUOTES:
        return find_quotes(conn, spoken_by=name, naming=entity_id, limit=limit)
    found: list[QuoteHit] = []
    for batch in _batches(articles.ids):
        found += find_quotes(conn, spoken_by=name, doc_ids=batch, limit=limit - len(found))
        if len(found) >= limit:
            break
    return found


# The quotes holding a mention of the entity in some articles, found from its mentions (one
# index seek per article) rather than by testing every quote of those articles.
QUOTED_IN_SQL = """
SELECT q.doc_id, count(DISTINCT q.id)
  FROM spans e INDEXED BY spans_entity_ids
  JOIN spans q INDEXED BY spans_quotes
    ON q.doc_id = e.doc_id AND q.kind = 'quote' AND q.start <= e.start AND q."end" >= e."end"
 WHERE json_extract(e.value, '$.entity') = ? AND e.kind = 'entity'
   AND e.doc_id IN (SELECT value FROM json_each(?))
 GROUP BY q.doc_id
"""


def quotes_about(
    conn: sqlite3.Connection, entity_id: str, articles: EntityArticles, limit: int
) -> list[QuoteHit]:
    """Quotes whose words hold a mention linked to the entity, newest articles first."""
    holding: list[str] = []  # articles with such quotes, newest first
    found = 0
    for batch in _batches(articles.ids):
        counts = dict(conn.execute(QUOTED_IN_SQL, (entity_id, json.dumps(batch))).fetchall())
        holding += [doc_id for doc_id in batch if doc_id in counts]
        found += sum(counts.values())
        if found >= limit:
            break
    if not holding:
        return []
    return find_quotes(conn, about_entity=entity_id, doc_ids=holding, limit=limit)


def alongside(
    conn: sqlite3.Connection, entity_id: str, articles: EntityArticles, limit: int
) -> list[tuple[str, str, str, int]]:
    """People and organisations named in the entity's newest `COMPANY_SAMPLE` articles: id,
    name, type and how many of those articles they share, most first."""
    rows = conn.execute(
        "SELECT o.entity_id, max(o.name), max(o.type), count(DISTINCT o.doc_id)"
        " FROM entity_mentions o WHERE o.doc_id IN (SELECT value FROM json_each(?))"
        " AND o.entity_id <> ? AND o.type IN ('PERSON', 'ORG')"
        " GROUP BY o.entity_id ORDER BY 4 DESC, 2 LIMIT ?",
        (json.dumps(articles.ids[:COMPANY_SAMPLE]), entity_id, limit),
    ).fetchall()
    return [(str(i), str(n), str(t), int(c)) for i, n, t, c in rows]
