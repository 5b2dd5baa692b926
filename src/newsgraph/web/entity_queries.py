"""An entity's page read in bounded steps, however many articles name it.

The timeline comes from `entity_days` (articles per entity and day, kept by the store), and
quotes about the entity from `quote_subjects` (see store_summaries.py). Its articles are read
newest first only as far as the page needs: a page of them, and the newest `COMPANY_SAMPLE`,
over which who appears alongside is counted (which the page says). Quotes by it come off an
index of speakers, or from its newest articles first when it is quoted very often.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from newsgraph.store_quotes import QuoteHit, find_quotes

COMPANY_SAMPLE = 200  # co-occurrence is counted over this many of the newest articles
BATCHES = (20, 100, 500)  # articles searched for quotes at each step; the last one repeats


def entity_days(conn: sqlite3.Connection, entity_id: str) -> tuple[list[tuple[str, int]], int]:
    """Articles naming the entity per day, oldest day first, and how many have no day."""
    rows: list[tuple[str, int]] = conn.execute(
        "SELECT day, articles FROM entity_days WHERE entity_id = ? ORDER BY day", (entity_id,)
    ).fetchall()
    undated = rows[0][1] if rows and not rows[0][0] else 0  # "" sorts first
    return rows[1:] if undated else rows, undated


# An entity's articles newest first (undated ones last): looked up one by one and sorted when
# it has a few, or read off the date-ordered index docs_listing, testing each article for the
# entity, when it is in many (a page's worth is then found after reading a few index rows).
ARTICLES_BY_ID = """
SELECT DISTINCT m.doc_id, d.published FROM entity_mentions m
  JOIN docs d INDEXED BY docs_dates ON d.id = m.doc_id WHERE m.entity_id = ?
"""
ARTICLES_BY_DATE = """
SELECT d.id FROM docs d INDEXED BY docs_listing
 WHERE EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = d.id AND m.entity_id = ?)
 ORDER BY d.published DESC, d.id DESC LIMIT ?
"""
SCAN_SHARE = 0.05  # the share of all articles beyond which reading the date index is cheaper


class EntityArticles:
    """The articles naming an entity, newest first, read only as far as asked."""

    def __init__(self, conn: sqlite3.Connection, entity_id: str, articles: int) -> None:
        self.conn, self.entity_id = conn, entity_id
        everything = conn.execute("SELECT max(rowid) FROM docs").fetchone()[0] or 0
        self._by_date = articles > SCAN_SHARE * everything
        self._read: list[str] = []
        self._complete = False

    def newest(self, limit: int) -> list[str]:
        """The ids of the newest `limit` articles (all of them when there are fewer)."""
        if len(self._read) < limit and not self._complete:
            self._read = self._fetch(limit)
            self._complete = len(self._read) < limit
        return self._read[:limit]

    def _fetch(self, limit: int) -> list[str]:
        if self._by_date:
            rows = self.conn.execute(ARTICLES_BY_DATE, (self.entity_id, limit)).fetchall()
            return [r[0] for r in rows]
        rows = self.conn.execute(ARTICLES_BY_ID, (self.entity_id,)).fetchall()
        rows.sort(key=lambda r: (r[1] or "", r[0]), reverse=True)  # "" sorts undated last
        return [r[0] for r in rows]

    def batches(self) -> Iterator[list[str]]:
        """Every article id, newest first, in batches of growing size."""
        start, step, size = 0, 0, BATCHES[0]
        while True:
            batch = self.newest(start + size)[start:]
            if batch:
                yield batch
            if len(batch) < size:
                return
            start, step = start + size, step + 1
            size = BATCHES[min(step, len(BATCHES) - 1)]


def entity_articles(conn: sqlite3.Connection, entity_id: str, articles: int) -> EntityArticles:
    """The articles naming the entity (`articles` of them, as its row says), newest first."""
    return EntityArticles(conn, entity_id, articles)


SPEAKER_QUOTES = """
SELECT count(*) FROM (SELECT 1 FROM spans INDEXED BY spans_speakers
 WHERE kind = 'quote' AND json_extract(value, '$.speaker') = ? LIMIT ?)
"""
MANY_QUOTES = 200  # beyond this, the newest articles are searched first


def quotes_by(
    conn: sqlite3.Connection, entity_id: str, name: str, articles: EntityArticles, limit: int
) -> list[QuoteHit]:
    """Quotes whose speaker is the entity's canonical name, in articles naming it: from the
    index of speakers, or, for a speaker quoted very often, from its newest articles first."""
    if conn.execute(SPEAKER_QUOTES, (name, MANY_QUOTES + 1)).fetchone()[0] <= MANY_QUOTES:
        return find_quotes(conn, spoken_by=name, naming=entity_id, limit=limit)
    found: list[QuoteHit] = []
    for batch in articles.batches():
        found += find_quotes(conn, spoken_by=name, doc_ids=batch, limit=limit - len(found))
        if len(found) >= limit:
            break
    return found


# The articles holding quotes about the entity, newest first: among some articles, or among all.
SUBJECT_IN_SQL = """
SELECT DISTINCT doc_id FROM quote_subjects
 WHERE entity_id = ? AND doc_id IN (SELECT value FROM json_each(?))
"""
SUBJECT_DOCS_SQL = """
SELECT s.doc_id FROM quote_subjects s JOIN docs d INDEXED BY docs_dates ON d.id = s.doc_id
 WHERE s.entity_id = ? GROUP BY s.doc_id ORDER BY d.published DESC, s.doc_id LIMIT ?
"""


def quotes_about(
    conn: sqlite3.Connection, entity_id: str, articles: EntityArticles, limit: int
) -> list[QuoteHit]:
    """Quotes whose words hold a mention linked to the entity, newest articles first."""
    # The newest `limit` articles with such quotes hold the newest `limit` quotes; they are
    # looked for among the sample of newest articles first, then among all the entity's.
    sample = articles.newest(COMPANY_SAMPLE)
    found = {r[0] for r in conn.execute(SUBJECT_IN_SQL, (entity_id, json.dumps(sample)))}
    holding = [doc_id for doc_id in sample if doc_id in found]
    if len(holding) < limit and len(sample) == COMPANY_SAMPLE:  # there may be more
        holding = [r[0] for r in conn.execute(SUBJECT_DOCS_SQL, (entity_id, limit))]
    if not holding:
        return []
    return find_quotes(conn, about_entity=entity_id, doc_ids=holding[:limit], limit=limit)


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
        (json.dumps(articles.newest(COMPANY_SAMPLE)), entity_id, limit),
    ).fetchall()
    return [(str(i), str(n), str(t), int(c)) for i, n, t, c in rows]
