"""Quote queries over a store's tables: by speaker, by an entity named in the words, by outlet.

They read the `spans` and `span_links` tables that `Store.put` fills, so they need no schema of
their own: a quote's speaker, mention and outlet are in its JSON value, its cue is a linked span.
Matching is case-insensitive and by part of the name ("vucic" finds Aleksandar Vucic).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

QUOTES_SQL = """
SELECT q.doc_id, d.title, d.published, q.id, q.label, q.value, q.start, q."end",
       (SELECT substr(d.text, c.start + 1, c."end" - c.start)
          FROM span_links l JOIN spans c ON c.doc_id = l.doc_id AND c.id = l.target_id
         WHERE l.doc_id = q.doc_id AND l.span_id = q.id AND l.role = 'cue') AS cue
  FROM spans q JOIN docs d ON d.id = q.doc_id
 WHERE q.kind = 'quote' {filters}
 ORDER BY d.published IS NULL, d.published DESC, q.doc_id, q.start
 LIMIT ? OFFSET ?
"""
BY_SPEAKER = (
    "AND (json_extract(q.value, '$.speaker') LIKE ? ESCAPE '\\'"
    " OR json_extract(q.value, '$.mention') LIKE ? ESCAPE '\\')"
)
BY_OUTLET = "AND json_extract(q.value, '$.outlet') LIKE ? ESCAPE '\\'"
# An entity whose span lies inside the quoted words.
ABOUT = """AND EXISTS (
    SELECT 1 FROM spans e
     WHERE e.doc_id = q.doc_id AND e.kind = 'entity' AND e.start >= q.start AND e."end" <= q."end"
       AND json_extract(e.value, '$.name') LIKE ? ESCAPE '\\')"""


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
    outlet: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteHit]:
    """Stored quotes, newest documents first, filtered by speaker, subject entity and outlet."""
    filters: list[str] = []
    params: list[Any] = []
    if speaker:
        filters.append(BY_SPEAKER)
        params += [like_pattern(speaker), like_pattern(speaker)]
    if about:
        filters.append(ABOUT)
        params.append(like_pattern(about))
    if outlet:
        filters.append(BY_OUTLET)
        params.append(like_pattern(outlet))
    sql = QUOTES_SQL.format(filters="\n ".join(filters))
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
