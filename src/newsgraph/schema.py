"""The SQLite schema, as numbered migrations; PRAGMA user_version says which have run."""

from __future__ import annotations

import sqlite3

from newsgraph.errors import StoreError

# Append new migrations; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE docs (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        input_digest TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        body_start INTEGER NOT NULL,
        meta TEXT NOT NULL,
        published TEXT,
        site TEXT,
        language TEXT,
        stored_at TEXT NOT NULL
    );
    CREATE INDEX docs_source ON docs(source);
    CREATE INDEX docs_published ON docs(published);

    CREATE TABLE spans (
        doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        value TEXT NOT NULL,
        stage TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX spans_kind ON spans(kind, label);

    CREATE TABLE span_links (
        doc_id TEXT NOT NULL,
        span_id INTEGER NOT NULL,
        role TEXT NOT NULL,
        target_id INTEGER NOT NULL,
        PRIMARY KEY (doc_id, span_id, role),
        FOREIGN KEY (doc_id, span_id) REFERENCES spans(doc_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID;

    CREATE TABLE problems (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        doc_id TEXT,
        stage TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX problems_source ON problems(source);
    CREATE INDEX problems_doc ON problems(doc_id);

    CREATE TABLE inputs (
        source TEXT PRIMARY KEY,
        digest TEXT NOT NULL,
        status TEXT NOT NULL,
        doc_id TEXT,
        at TEXT NOT NULL
    );

    CREATE VIRTUAL TABLE docs_fts USING fts5(
        title, text, content='docs', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER docs_fts_insert AFTER INSERT ON docs BEGIN
        INSERT INTO docs_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER docs_fts_delete AFTER DELETE ON docs BEGIN
        INSERT INTO docs_fts(docs_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """,
    # 2: canonical entities across documents. entity_mentions holds each document's share of
    # an entity's counts (gone with the document); triggers note every share added or removed in
    # entity_changes, which Store.put folds into entities and empties in the same transaction.
    # No earlier version wrote entity spans with ids, so there is nothing to fill in here.
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        aliases TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        articles INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX entities_type ON entities(type, articles);

    CREATE TABLE entity_mentions (
        doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        alias TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (doc_id, entity_id, alias)
    ) WITHOUT ROWID;

    CREATE TABLE entity_changes (
        entity_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        alias TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        sign INTEGER NOT NULL
    );
    CREATE TRIGGER entity_mentions_added AFTER INSERT ON entity_mentions BEGIN
        INSERT INTO entity_changes VALUES
            (new.entity_id, new.doc_id, new.name, new.type, new.alias, new.mentions, 1);
    END;
    CREATE TRIGGER entity_mentions_removed AFTER DELETE ON entity_mentions BEGIN
        INSERT INTO entity_changes VALUES
            (old.entity_id, old.doc_id, old.name, old.type, old.alias, -old.mentions, -1);
    END;
    """,
    # 3: find quickly whether another source still gives a document before deleting it.
    """
    CREATE INDEX inputs_doc ON inputs(doc_id);
    """,
    # 4: an entity's articles, for the explorer's entity pages and the API's entity filter.
    """
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
    """,
    # 5: what fetching and `follow` remember between runs: each URL's validators for conditional
    # GET and its last answer, and the pages each followed feed or sitemap lists.
    """
    CREATE TABLE fetch_state (
        url TEXT PRIMARY KEY,
        final_url TEXT,
        etag TEXT,
        last_modified TEXT,
        status INTEGER NOT NULL,
        digest TEXT,
        sitemaps TEXT,
        fetched_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE feed_items (
        feed TEXT NOT NULL,
        listing TEXT NOT NULL,
        url TEXT NOT NULL,
        position INTEGER NOT NULL,
        stamp TEXT NOT NULL,
        done_stamp TEXT,
        hints TEXT NOT NULL,
        listed_at TEXT NOT NULL,
        PRIMARY KEY (feed, url)
    ) WITHOUT ROWID;
    CREATE INDEX feed_items_listing ON feed_items(feed, listing);
    """,
    # 6: the explorer's reads at thousands of articles. A docs row keeps published, site and
    # language after its long text, so reading them walks overflow pages: lists, facets and an
    # entity's dates read these covering indexes instead. Quotes and entity mentions inside one
    # article are found by position, and an entity's mentions by its id.
    """
    CREATE INDEX docs_listing ON docs(published, id, site, language);
    CREATE INDEX docs_dates ON docs(id, published, site, title);
    CREATE INDEX spans_quotes ON spans(doc_id, start, "end") WHERE kind = 'quote';
    CREATE INDEX spans_entity_ids ON spans(json_extract(value, '$.entity'), doc_id, start, "end")
        WHERE kind = 'entity';
    CREATE INDEX spans_speakers ON spans(json_extract(value, '$.speaker')) WHERE kind = 'quote';
    """,
    # 7: summaries for the explorer's entity pages, kept current by store_summaries.py and
    # filled here from what is stored: articles per entity and day, and the entities each quote
    # names inside its words.
    """
    CREATE TABLE entity_days (
        entity_id TEXT NOT NULL,
        day TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (entity_id, day)
    ) WITHOUT ROWID;
    INSERT INTO entity_days (entity_id, day, articles)
    SELECT m.entity_id,
           CASE WHEN length(d.published) >= 10 THEN substr(d.published, 1, 10) ELSE '' END,
           count(DISTINCT m.doc_id)
      FROM entity_mentions m JOIN docs d ON d.id = m.doc_id
     GROUP BY 1, 2;

    CREATE TABLE quote_subjects (
        doc_id TEXT NOT NULL REFERENCES docs(id) ON DELETE CASCADE,
        quote_id INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (doc_id, quote_id, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX quote_subjects_entity ON quote_subjects(entity_id, doc_id);
    INSERT INTO quote_subjects (doc_id, quote_id, entity_id)
    SELECT DISTINCT q.doc_id, q.id, json_extract(e.value, '$.entity')
      FROM spans q JOIN spans e
        ON e.doc_id = q.doc_id AND e.kind = 'entity' AND e.start >= q.start AND e."end" <= q."end"
     WHERE q.kind = 'quote' AND json_type(e.value, '$.entity') = 'text';
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring a database up to the current schema; return the version it started at."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {found}, newer than this newsgraph's "
            f"{SCHEMA_VERSION}; upgrade newsgraph to open it"
        )
    for version in range(found, SCHEMA_VERSION):
        with conn:
            conn.executescript(f"BEGIN; {MIGRATIONS[version]} PRAGMA user_version = {version + 1};")
    return found
