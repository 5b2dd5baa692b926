"""The SQL behind the HTTP API: functions over a read-only sqlite3 connection, JSON-ready output.

Every value reaches SQLite as a bound parameter; only fixed fragments written here are joined
into the statements. Days are the first ten characters of `published` (the publisher's own
calendar day); a document dated only to the month or year has no day and is left out of
timelines and date filters.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsgraph.errors import SearchQueryError, StoreError
from newsgraph.schema import SCHEMA_VERSION
from newsgraph.store import plain_words_query
from newsgraph.store_quotes import (
    ABOUT,
    ABOUT_ENTITY,
    BY_OUTLET,
    BY_SPEAKER,
    QUOTES_SQL,
    like_pattern,
    quote_hit,
)
from newsgraph.web import entity_queries

PER_PAGE = 20
JsonDict = dict[str, Any]

# Private-use characters mark matches inside snippets, so the snippet splits into plain-text
# parts and no article text is ever treated as markup; news text almost never holds them, and
# one that does only shifts a match mark.
_OPEN, _CLOSE = "\ue000", "\ue001"
_DAY = "substr(d.published, 1, 10)"
_HAS_DAY = "length(d.published) >= 10"


def connect(db_path: str | Path) -> sqlite3.Connection:
    """Open the store read-only: SQLite itself refuses any write through this connection."""
    path = Path(db_path).resolve()
    if not path.is_file():
        raise StoreError(f"no database at {db_path}; create one with 'newsgraph ingest'")
    uri = f"file:{quote(str(path))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


_THREAD = threading.local()


def thread_connection(db_path: str | Path) -> sqlite3.Connection:
    """This thread's read-only connection to the database, opened on first use and kept:
    the server's event loop serves request after request, and opening a connection (and
    parsing the schema on its first query) costs more than many of the queries the pages run."""
    opened: dict[str, sqlite3.Connection] = _THREAD.__dict__.setdefault("opened", {})
    key = str(db_path)
    if key not in opened:
        opened[key] = connect(db_path)
    return opened[key]


def check_schema(conn: sqlite3.Connection, db_path: str | Path) -> None:
    """Refuse a file that is not a newsgraph store of this version (a read-only one cannot
    be migrated here)."""
    try:
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {db_path} as a newsgraph database: {exc}") from None
    if found != SCHEMA_VERSION:
        raise StoreError(
            f"{db_path} has schema version {found}, this newsgraph serves version "
            f"{SCHEMA_VERSION}; run 'newsgraph ingest' on it first to upgrade it"
        )


@dataclass(frozen=True)
class Filters:
    """Which documents a search, timeline or map covers; None means no restriction."""

    q: str | None = None
    site: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE conditions over `docs d` (FTS aside) and their parameters."""
        conditions, params = ["1"], []
        for sql, value in (
            ("d.site = ? COLLATE NOCASE", self.site),
            ("d.language = ? COLLATE NOCASE", self.language),
            (f"{_HAS_DAY} AND {_DAY} >= ?", self.since and self.since.isoformat()),
            (f"{_HAS_DAY} AND {_DAY} <= ?", self.until and self.until.isoformat()),
            (
                "EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = d.id"
                " AND m.entity_id = ?)",
                self.entity,
            ),
        ):
            if value:
                conditions.append(sql)
                params.append(value)
        return " AND ".join(conditions), params


def _run(
    conn: sqlite3.Connection,
    filters: Filters,
    select: str,
    tail: str = "",
    extra: tuple[Any, ...] = (),
    outer: str = "{docs}",
) -> list[tuple[Any, ...]]:
    """Run `SELECT select` over the matching documents (`outer` may wrap it as `{docs}`); a
    query that is not valid FTS5 syntax is read again as plain words."""
    where, params = filters.where()
    q = (filters.q or "").strip()
    if not q:
        inner = f"SELECT {select} FROM docs d WHERE {where} {tail}"
        return conn.execute(outer.replace("{docs}", inner), [*params, *extra]).fetchall()
    inner = (
        f"SELECT {select} FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid"
        f" WHERE docs_fts MATCH ? AND {where} {tail}"
    )
    for fts_query in (q, plain_words_query(q)):
        try:
            statement = outer.replace("{docs}", inner)
            return conn.execute(statement, [fts_query, *params, *extra]).fetchall()
        except sqlite3.OperationalError as exc:
            error = exc
    raise SearchQueryError(f"cannot search for {q!r}: {error}")


def search(conn: sqlite3.Connection, filters: Filters, page: int) -> JsonDict:
    """One page of matching documents (best match first, else newest), the total and facets."""
    total = _run(conn, filters, "count(*)")[0][0]
    return {
        "total": total,
        "page": page,
        "per_page": PER_PAGE,
        "pages": -(-total // PER_PAGE),
        "results": [_result(row) for row in _page_rows(conn, filters, page)],
        "facets": {
            "site": _facet(conn, filters, "d.site"),
            "language": _facet(conn, filters, "d.language"),
        },
    }


def _page_rows(conn: sqlite3.Connection, filters: Filters, page: int) -> list[tuple[Any, ...]]:
    columns = "d.id, d.title, d.published, d.site, d.language"
    limit = (PER_PAGE, (page - 1) * PER_PAGE)
    if (filters.q or "").strip():
        snippet = f"snippet(docs_fts, 1, '{_OPEN}', '{_CLOSE}', '…', 16)"
        order = "ORDER BY bm25(docs_fts, 5.0, 1.0), d.rowid LIMIT ? OFFSET ?"
        return _run(conn, filters, f"{columns}, {snippet}", order, limit)
    lead = "substr(d.text, d.body_start + 1, 200)"  # no query: the body's first words
    order = "ORDER BY d.published IS NULL, d.published DESC, d.rowid LIMIT ? OFFSET ?"
    return _run(conn, filters, f"{columns}, {lead}", order, limit)


def _result(row: tuple[Any, ...]) -> JsonDict:
    doc_id, title, published, site, language, snippet = row
    return {
        "id": doc_id,
        "title": title,
        "published": published,
        "site": site,
        "language": language,
        "snippet": snippet_parts(snippet or ""),
    }


def snippet_parts(snippet: str) -> list[JsonDict]:
    """A marked snippet as plain-text parts, each saying whether it matched the query."""
    parts: list[JsonDict] = []
    for n, chunk in enumerate(snippet.split(_OPEN)):
        matched, _, rest = chunk.rpartition(_CLOSE) if n else ("", "", chunk)
        parts += [{"text": t, "match": m} for t, m in ((matched, True), (rest, False)) if t]
    return parts


def _facet(conn: sqlite3.Connection, filters: Filters, column: str) -> list[JsonDict]:
    """How many matching documents each value of a column has, most first."""
    tail = f"AND {column} <> '' GROUP BY {column} ORDER BY 2 DESC, 1 LIMIT 20"
    rows = _run(conn, filters, f"{column}, count(*)", tail)
    return [{"value": value, "count": count} for value, count in rows]


def timeline(conn: sqlite3.Connection, filters: Filters) -> JsonDict:
    """Matching documents per day, oldest day first, and how many have no day."""
    select = f"CASE WHEN {_HAS_DAY} THEN {_DAY} END AS day, count(*)"
    rows = _run(conn, filters, select, "GROUP BY day ORDER BY day")
    return {
        "total": sum(n for _, n in rows),
        "undated": sum(n for day, n in rows if day is None),
        "days": [{"day": day, "articles": n} for day, n in rows if day is not None],
    }


PLACES_SQL = """
SELECT json_extract(s.value, '$.geonames') AS geonames, json_extract(s.value, '$.name') AS name,
       max(json_extract(s.value, '$.country')), json_extract(s.value, '$.lat') AS lat,
       json_extract(s.value, '$.lon') AS lon, max(json_extract(s.value, '$.feature_class')),
       sum(s.label <> 'focus'), count(DISTINCT s.doc_id),
       count(DISTINCT CASE WHEN s.label = 'focus' THEN s.doc_id END)
  FROM spans s
 WHERE s.kind = 'place' AND s.label <> 'unresolved' AND s.doc_id IN ({docs})
 GROUP BY coalesce(geonames, name)
HAVING lat IS NOT NULL AND lon IS NOT NULL
 ORDER BY 8 DESC, 7 DESC, name
"""
PLACE_FIELDS = (
    "geonames",
    "name",
    "country",
    "lat",
    "lon",
    "feature_class",
    "mentions",
    "articles",
    "focus",
)


def places(conn: sqlite3.Connection, filters: Filters) -> list[JsonDict]:
    """Resolved places in the matching documents with their coordinates and counts, the most
    widely reported first; `focus` counts the articles mostly about the place."""
    rows = _run(conn, filters, "d.id", outer=PLACES_SQL)
    return [dict(zip(PLACE_FIELDS, row, strict=True)) for row in rows]


# Quotes: store_quotes' statement and filters, plus words inside the quote and a count.
QUOTE_WORDS = "AND json_extract(q.value, '$.text') LIKE ? ESCAPE '\\'"
QUOTES_COUNT_SQL = (
    "SELECT count(*) FROM spans q JOIN docs d ON d.id = q.doc_id WHERE q.kind = 'quote' {filters}"
)


@dataclass(frozen=True)
class QuoteFilters:
    """Which quotes to list; each is part of a name or words, any case."""

    speaker: str | None = None
    about: str | None = None
    outlet: str | None = None
    q: str | None = None
    about_entity: str | None = None  # an entity id: a mention linked to it is in the words

    def where(self) -> tuple[str, list[Any]]:
        """The extra conditions over `spans q` and their parameters."""
        filters: list[str] = []
        params: list[Any] = []
        for sql, value, times in (
            (BY_SPEAKER, self.speaker and like_pattern(self.speaker), 2),
            (ABOUT, self.about and like_pattern(self.about), 1),
            (ABOUT_ENTITY, self.about_entity, 1),
            (BY_OUTLET, self.outlet and like_pattern(self.outlet), 1),
        ):
            if value:
                filters.append(sql)
                params += [value] * times
        for word in (self.q or "").split():  # every word, anywhere in the quoted words
            filters.append(QUOTE_WORDS)
            params.append(like_pattern(word))
        return "\n ".join(filters), params


def quotes(conn: sqlite3.Connection, filters: QuoteFilters, page: int) -> JsonDict:
    """One page of quotes, newest documents first, and how many match. An `about` that is an
    entity's id matches by the id; any other `about` is part of a name."""
    if filters.about and is_entity(conn, filters.about):
        filters = replace(filters, about=None, about_entity=filters.about)
    where, params = filters.where()
    total = conn.execute(QUOTES_COUNT_SQL.format(filters=where), params).fetchone()[0]
    limit = [PER_PAGE, (page - 1) * PER_PAGE]
    rows = conn.execute(QUOTES_SQL.format(filters=where, index=""), [*params, *limit]).fetchall()
    return _paged(total, page, [quote_hit(row).to_dict() for row in rows])


def is_entity(conn: sqlite3.Connection, entity_id: str) -> bool:
    """Whether a canonical entity has this id."""
    found = conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return found is not None


def _paged(total: int, page: int, results: list[JsonDict]) -> JsonDict:
    pages = -(-total // PER_PAGE)
    return {"total": total, "page": page, "per_page": PER_PAGE, "pages": pages, "results": results}


# Entities.
ENTITY_COLUMNS = "id, name, type, aliases, mentions, articles"


def entities(
    conn: sqlite3.Connection, q: str | None, entity_type: str | None, page: int
) -> JsonDict:
    """One page of canonical entities whose name or another form holds `q`, most widely
    reported first, optionally of one type."""
    conditions, params = ["1"], []
    if q:
        conditions.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
        params += [like_pattern(q), like_pattern(q)]
    if entity_type:
        conditions.append("type = ?")
        params.append(entity_type.upper())
    where = " AND ".join(conditions)
    total = conn.execute(f"SELECT count(*) FROM entities WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT {ENTITY_COLUMNS} FROM entities WHERE {where}"
        " ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?",
        [*params, PER_PAGE, (page - 1) * PER_PAGE],
    ).fetchall()
    return _paged(total, page, [_entity(row) for row in rows])


def _entity(row: tuple[Any, ...]) -> JsonDict:
    entity_id, name, entity_type, aliases, mentions, articles = row
    return {
        "id": entity_id,
        "name": name,
        "type": entity_type,
        "aliases": json.loads(aliases),
        "mentions": mentions,
        "articles": articles,
    }


ENTITY_QUOTES_LIMIT = 50
ALONGSIDE_LIMIT = 20


def entity(conn: sqlite3.Connection, entity_id: str) -> JsonDict | None:
    """One entity with its articles per day, its quotes, the quotes naming it and the people
    and organisations named in its newest articles; None when there is no such entity."""
    row = conn.execute(
        f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    found = _entity(row)
    articles = entity_queries.entity_articles(conn, entity_id, found["articles"])
    by = entity_queries.quotes_by(conn, entity_id, found["name"], articles, ENTITY_QUOTES_LIMIT)
    about = entity_queries.quotes_about(conn, entity_id, articles, ENTITY_QUOTES_LIMIT)
    alongside = entity_queries.alongside(conn, entity_id, articles, ALONGSIDE_LIMIT)
    days, undated = entity_queries.entity_days(conn, entity_id)
    return found | {
        "timeline": [{"day": day, "articles": n} for day, n in days],
        "undated": undated,
        "quotes_by": [q.to_dict() for q in by],
        "quotes_about": [q.to_dict() for q in about],
        "alongside": [{"id": i, "name": n, "type": t, "articles": k} for i, n, t, k in alongside],
        "alongside_sample": len(articles.newest(entity_queries.COMPANY_SAMPLE)),
    }
