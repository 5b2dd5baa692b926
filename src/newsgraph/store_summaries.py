"""Summary tables the store keeps current for the explorer: entity days and quote subjects.

`entity_days` counts the articles naming each entity on each day, so an entity's timeline is
read off a few hundred rows instead of counted over every article naming it (thousands for the
most named); articles without a calendar day count under the day "". `quote_subjects` lists
the entities each quote names inside its words, so the quotes about an entity are found by its
id instead of by testing its mentions against the quotes around them.

`Store` calls `add_doc` right after storing a document's spans and entity shares, and
`remove_doc` right before deleting a document (its quote subjects go with it, by cascade), so
the tables always say what `entity_mentions`, `docs` and `spans` say. Schema migration 7 fills
them from what was stored before.
"""

from __future__ import annotations

import sqlite3

# The document's day (the first ten characters of `published`, when it has that many).
DAY_SQL = "CASE WHEN length(d.published) >= 10 THEN substr(d.published, 1, 10) ELSE '' END"
# Every entity the document names, once, counted (or uncounted) at the document's day.
COUNT_DAYS_SQL = f"""
INSERT INTO entity_days (entity_id, day, articles)
SELECT DISTINCT m.entity_id, {DAY_SQL}, ? FROM entity_mentions m JOIN docs d ON d.id = m.doc_id
 WHERE m.doc_id = ?
    ON CONFLICT (entity_id, day) DO UPDATE SET articles = articles + excluded.articles
"""
DROP_EMPTY_DAYS_SQL = f"""
DELETE FROM entity_days
 WHERE articles <= 0 AND day = (SELECT {DAY_SQL} FROM docs d WHERE d.id = ?)
   AND entity_id IN (SELECT entity_id FROM entity_mentions WHERE doc_id = ?)
"""
# A quote is about an entity when a mention linked to the entity lies inside its words (as
# store_quotes.ABOUT_ENTITY says).
QUOTE_SUBJECTS_SQL = """
INSERT INTO quote_subjects (doc_id, quote_id, entity_id)
SELECT DISTINCT q.doc_id, q.id, json_extract(e.value, '$.entity')
  FROM spans q JOIN spans e
    ON e.doc_id = q.doc_id AND e.kind = 'entity' AND e.start >= q.start AND e."end" <= q."end"
 WHERE q.doc_id = ? AND q.kind = 'quote' AND json_type(e.value, '$.entity') = 'text'
"""


def add_doc(conn: sqlite3.Connection, doc_id: str) -> None:
    """Count the just-stored document `doc_id` in its entities' days and note its quotes'
    subjects."""
    conn.execute(COUNT_DAYS_SQL, (+1, doc_id))
    conn.execute(QUOTE_SUBJECTS_SQL, (doc_id,))


def remove_doc(conn: sqlite3.Connection, doc_id: str) -> None:
    """Take the document `doc_id`, about to be deleted, out of its entities' days."""
    conn.execute(COUNT_DAYS_SQL, (-1, doc_id))
    conn.execute(DROP_EMPTY_DAYS_SQL, (doc_id, doc_id))
