"""Quote queries over a store's tables: by speaker, by an entity named in the words, by outlet.

They read the `spans` and `span_links` tables that `Store.put` fills, so they need no schema of
their own: a quote's speaker, mention and outlet are in its JSON value, its cue is a linked span.
Text matching is case-insensitive and by part of the name ("vucic" finds Aleksandar Vucic);
`about_entity` matches by entity id instead: a quote is about an entity when a mention linked to
it lies inside the quoted words, whatever that mention says ("Mr. Vucic", "Vucic").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

# The page of quotes is chosen first, reading only what the filters and the order need (the
# article's date from the covering index docs_dates); the cue's words, read from the article's
# text, are fetched for that page's rows alone.
QUOTES_SQL = """
SELECT q.doc_id, d.title, d.published, q.id, q.label, q.value, q.start, q."end",
       (SELECT substr(d.text, c.start + 1, c."end" - c.start)
          FROM span_links l JOIN spans c ON c.doc_id = l.doc_id AND c.id = l.target_id
         WHERE l.doc_id = q.doc_id AND l.span_id = q.id AND l.role = 'cue') AS cue
  FROM (SELECT q.doc_id, q.id, d.published, q.start
          FROM spans q {index} JOIN docs d INDEXED BY docs_dates ON d.id = q.doc_id
         WHERE q.kind = 'quote' {filters}
         ORDER BY d.published DESC, q.doc_id, q.start
         LIMIT ? OFFSET ?) AS page
  JOIN spans q ON q.doc_id = page.doc_id AND q.id = page.id
  JOIN docs d ON d.id = page.doc_id
 ORDER BY page.published DESC, page.doc_id, page.start
"""
BY_SPEAKER = (
    "AND (json_extract(q.value, '$.speaker') LIKE ? ESCAPE '\\'"
    " OR json_extract(q.value, '$.mention') LIKE ? ESCAPE '\\')"
)
BY_OUTLET = "AND json_extract(q.value, '$.outlet') LIKE ? ESCAPE '\\'"
# An entity whose span lies inside the quoted words, by (part of) its name, or by its id.
ABOUT = """AND EXISTS (
    SELECT 1 FROM spans e
     WHERE e.doc_id = q.doc_id AND e.kind = 'entity' AND e.start >= q.start AND e."end" <= q."end"
       AND json_extract(e.value, '$.name') LIKE ? ESCAPE '\\')"""
ABOUT_ENTITY = """AND EXISTS (
    SELECT 1 FROM spans e
     WHERE json_extract(e.value, '$.entity') = ? AND e.doc_id = q.doc_id AND e.kind = 'entity'
       AND e.start >= q.start AND e."end" <= q."end")"""
IN_DOCS = "AND q.doc_id IN (SELECT value FROM json_each(?))"
# Spoken by exactly this canonical name (read off the index spans_speakers), in an article
# that names the entity with this id.
SPOKEN_BY = "AND json_extract(q.value, '$.speaker') = ?"
NAMING = (
    "AND EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = q.doc_id AND m.entity_id = ?)"
)


@dataclass(frozen=True)
class QuoteHit:
    """One stored quote with its document, speaker, cue and outlet."""

    doc_id: str
    title: str
    published: str | None
    span_id: int
    label: str
    text: str
    speaker: str | None
    mention: str | None
    outlet: str | None
    cue: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The hit as a JSON-ready dictionary."""
        return asdict(self)


def find_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    about_entity: str | None = None,
    outlet: str | None = None,
    doc_ids: Sequence[str] | None = None,
    spoken_by: str | None = None,
    naming: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteHit]:
    """Stored quotes, newest documents first, filtered by speaker (part of a name, or
    `spoken_by` a canonical name exactly), subject entity (by name or by id), outlet, to some
    documents, or to the documents `naming` an entity id."""
    filters: list[str] = []
    params: list[Any] = []
    for condition, value, times in (
        (BY_SPEAKER, speaker and like_pattern(speaker), 2),
        (ABOUT, about and like_pattern(about), 1),
        (ABOUT_ENTITY, about_entity, 1),
        (BY_OUTLET, outlet and like_pattern(outlet), 1),
        (IN_DOCS, None if doc_ids is None else json.dumps(list(doc_ids)), 1),
        (SPOKEN_BY, spoken_by, 1),
        (NAMING, naming, 1),
    ):
        if value:
            filters.append(condition)
            params += [value] * times
    # Restricted to some documents, read their quotes through the index by document: without
    # statistics SQLite would rather scan every quote and test each one's document.
    index = "" if doc_ids is None else "INDEXED BY spans_quotes"
    sql = QUOTES_SQL.format(filters="\n ".join(filters), index=index)
    rows = conn.execute(sql, [*params, limit, offset]).fetchall()
    return [quote_hit(row) for row in rows]


def like_pattern(words: str) -> str:
    """A LIKE pattern matching the words anywhere, with LIKE's own wildcards escaped."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def quote_hit(row: tuple[Any, ...]) -> QuoteHit:
    """A QuoteHit from a row of QUOTES_SQL."""
    doc_id, title, published, span_id, label, value, start, end, cue = row
    data = json.loads(value) if value else {}
    return QuoteHit(
        doc_id,
        title,
        published,
        span_id,
        label,
        str(data.get("text", "")),
        data.get("speaker"),
        data.get("mention"),
        data.get("outlet"),
        cue,
        start,
        end,
    )
