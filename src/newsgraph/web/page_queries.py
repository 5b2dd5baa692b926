"""Read-only SQL the explorer pages need beyond the API's queries: facets, one doc, an entity."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from newsgraph.doc import Problem, Span


@dataclass(frozen=True)
class DocFilter:
    """What a search asks for: full-text words, a site and a date range (all optional)."""

    q: str = ""
    site: str = ""
    since: str = ""
    until: str = ""

    def where(self) -> tuple[str, list[Any]]:
        """The SQL conditions on `d` (docs) and their parameters."""
        terms, params = ["1 = 1"], []
        if self.q:
            # The unary + keeps SQLite from fetching each match's row by rowid: the covering
            # index docs_listing is scanned instead (a row's dates and site lie past its text).
            terms.append("+d.rowid IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?)")
            params.append(fts_words(self.q))
        if self.site:
            terms.append("d.site = ?")
            params.append(self.site)
        if self.since:
            terms.append("substr(d.published, 1, 10) >= ?")
            params.append(self.since)
        if self.until:
            terms.append("substr(d.published, 1, 10) <= ?")
            params.append(self.until)
        return " AND ".join(terms), params


@dataclass(frozen=True)
class DocHit:
    """One article in a result list."""

    id: str
    title: str
    published: str | None
    site: str | None


def fts_words(query: str) -> str:
    """The query as plain quoted words, so no user text is read as FTS5 syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


# Newest first (SQLite sorts NULL lowest, so undated articles come last), the order of the
# docs_listing index, so a page of results is read off the index without sorting.
NEWEST_FIRST = "ORDER BY d.published DESC, d.id DESC"


def search_docs(
    conn: sqlite3.Connection, wanted: DocFilter, limit: int = 20, offset: int = 0
) -> list[DocHit]:
    """One page of the matching articles, newest first (`facets` says how many match)."""
    where, params = wanted.where()
    rows = conn.execute(
        f"SELECT d.id, d.title, d.published, d.site FROM docs d WHERE {where} {NEWEST_FIRST}"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [DocHit(*r) for r in rows]


def docs_by_id(conn: sqlite3.Connection, ids: list[str]) -> list[DocHit]:
    """The articles with these ids, in the order given."""
    rows = conn.execute(
        "SELECT d.id, d.title, d.published, d.site FROM docs d"
        " WHERE d.id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    ).fetchall()
    found = {r[0]: DocHit(*r) for r in rows}
    return [found[i] for i in ids if i in found]


# Entities are counted over the newest matches only: counting them over every match of a
# common word reads every mention of thousands of articles.
ENTITY_SAMPLE = 100


@dataclass(frozen=True)
class Facets:
    """Counts beside a result list: how many match, by site, the dates covered, the entities
    most named."""

    total: int
    sites: list[tuple[str, int]]
    first_day: str | None
    last_day: str | None
    entities: list[tuple[str, str, str, int]]  # id, name, type, articles
    entity_sample: int = 0  # how many of the newest matches the entity counts cover


def search_page(
    conn: sqlite3.Connection, wanted: DocFilter, page: int, size: int
) -> tuple[list[DocHit], Facets]:
    """One page of the matching articles, newest first, and their facets."""
    # The newest matches, over which entities are counted, hold the first pages of the list.
    newest = search_docs(conn, wanted, ENTITY_SAMPLE)
    start = (page - 1) * size
    if start + size <= len(newest) or len(newest) < ENTITY_SAMPLE:
        hits = newest[start : start + size]
    else:
        hits = search_docs(conn, wanted, size, start)
    return hits, facets(conn, wanted, [hit.id for hit in newest])


def facets(conn: sqlite3.Connection, wanted: DocFilter, newest: list[str], top: int = 12) -> Facets:
    """The facets of the articles matching `wanted`: the total, sites and dates over all of
    them (one grouped query), the entities over `newest`, the ids of the newest
    `ENTITY_SAMPLE` of them."""
    where, params = wanted.where()
    # min and max of the whole value, cut to the day here: the same days, without cutting
    # every row's value in SQL.
    groups = conn.execute(
        "SELECT d.site, count(*), min(d.published), max(d.published)"
        f" FROM docs d WHERE {where} GROUP BY d.site",
        params,
    ).fetchall()
    sites = sorted(((s, n) for s, n, _, _ in groups if s), key=lambda g: (-g[1], g[0]))
    firsts = [g[2][:10] for g in groups if g[2] is not None]
    lasts = [g[3][:10] for g in groups if g[3] is not None]
    entities = conn.execute(
        "SELECT m.entity_id, max(m.name), max(m.type), count(DISTINCT m.doc_id)"
        " FROM entity_mentions m WHERE m.doc_id IN (SELECT value FROM json_each(?))"
        " GROUP BY m.entity_id ORDER BY 4 DESC, 2 LIMIT ?",
        (json.dumps(newest), top),
    ).fetchall()
    total = sum(n for _, n, _, _ in groups)
    return Facets(
        total, sites[:top], min(firsts, default=None), max(lasts, default=None),
        [tuple(e) for e in entities], min(ENTITY_SAMPLE, total),
    )  # fmt: skip


@dataclass
class StoredDoc:
    """A document as the article page shows it."""

    id: str
    source: str
    url: str | None
    title: str
    text: str
    body_start: int
    meta: dict[str, Any]
    spans: list[Span] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_doc(conn: sqlite3.Connection, doc_id: str) -> StoredDoc | None:
    """The document with this id, its spans and problems; None when there is none."""
    row = conn.execute(
        "SELECT id, source, url, title, text, body_start, meta FROM docs WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        return None
    doc_id, source, url, title, text, body_start, meta = row
    doc = StoredDoc(doc_id, source, url, title, text, body_start, json.loads(meta))
    links: dict[int, dict[str, int]] = {}
    for span_id, role, target in conn.execute(
        "SELECT span_id, role, target_id FROM span_links WHERE doc_id = ?", (doc_id,)
    ):
        links.setdefault(span_id, {})[role] = target
    rows = conn.execute(
        'SELECT id, kind, start, "end", label, value, stage FROM spans WHERE doc_id = ?', (doc_id,)
    ).fetchall()
    # Every value is a JSON object the store wrote: one parse of them all as an array is
    # quicker than a parse each (an article has a hundred spans or more).
    values = json.loads("[" + ",".join(r[5] for r in rows) + "]")
    doc.spans = [
        Span(i, k, s, e, lab, value, links.get(i, {}), st)
        for (i, k, s, e, lab, _, st), value in zip(rows, values, strict=True)
    ]
    doc.problems = [
        Problem(*p)
        for p in conn.execute(
            "SELECT stage, kind, message FROM problems WHERE doc_id = ? ORDER BY id", (doc_id,)
        )
    ]
    return doc


@dataclass(frozen=True)
class EntityInfo:
    """A canonical entity as its page shows it."""

    id: str
    name: str
    type: str
    aliases: dict[str, int]
    mentions: int
    articles: int


def load_entity(conn: sqlite3.Connection, entity_id: str) -> EntityInfo | None:
    """The entity with this id, or None."""
    row = conn.execute(
        "SELECT id, name, type, aliases, mentions, articles FROM entities WHERE id = ?",
        (entity_id,),
    ).fetchone()
    if row is None:
        return None
    return EntityInfo(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5])


@dataclass(frozen=True)
class PlaceCount:
    """A resolved place and how many times the articles name it."""

    name: str
    country: str
    lat: float
    lon: float
    mentions: int
    articles: int


# Places with coordinates; associations ("Serbs") and the whole-text focus span are left out.
PLACES_SQL = """
SELECT json_extract(value, '$.name'), coalesce(json_extract(value, '$.country'), ''),
       json_extract(value, '$.lat'), json_extract(value, '$.lon'),
       count(*), count(DISTINCT doc_id)
  FROM spans
 WHERE kind = 'place' AND label NOT IN ('association', 'focus', 'unresolved')
   AND json_extract(value, '$.lat') IS NOT NULL AND json_extract(value, '$.lon') IS NOT NULL
 GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC LIMIT ?
"""


def place_counts(conn: sqlite3.Connection, limit: int = 2000) -> list[PlaceCount]:
    """The places named across all articles, most named first."""
    rows = conn.execute(PLACES_SQL, (limit,)).fetchall()
    return [PlaceCount(str(n), str(c), float(la), float(lo), m, a) for n, c, la, lo, m, a in rows]
