"""The SQLite store of record: documents, spans, links, problems, full-text search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from newsgraph.doc import Doc, Problem, Span
from newsgraph.errors import SearchQueryError, StoreError
from newsgraph.jsonform import meta_from_dict, meta_to_dict
from newsgraph.schema import migrate
from newsgraph.store_summaries import add_doc, remove_doc

PutResult = Literal["stored", "replaced", "unchanged"]

# One reusable encoder: json.dumps builds a new one per call, which dominated bulk inserts.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True)
class Hit:
    """One search result: the document, its title and a snippet with the matches marked."""

    id: str
    title: str
    snippet: str
    published: str | None
    site: str | None


@dataclass(frozen=True)
class EntityRow:
    """A canonical entity across documents, with the names it goes by and how often it comes."""

    id: str
    name: str
    type: str
    aliases: dict[str, int]  # each surface form and its mentions, most used first
    mentions: int
    articles: int


@dataclass
class _EntityCounts:
    """One entity's row while the store folds changes into it."""

    name: str
    type: str
    aliases: dict[str, int]
    mentions: int
    articles: int

    def row(self) -> tuple[str, str, str, int, int]:
        """The columns after the id, aliases most used first and those gone dropped."""
        # Ties broken by the name, so the order never depends on how ingest cut its transactions.
        live = ((a, n) for a, n in self.aliases.items() if n > 0)
        kept = sorted(live, key=lambda a: (-a[1], a[0]))
        return self.name, self.type, _to_json(dict(kept)), self.mentions, self.articles


@dataclass(frozen=True)
class ProblemRow:
    """A stored problem: what input it concerns and what went wrong."""

    source: str
    doc_id: str | None
    stage: str
    kind: str
    message: str
    at: str


class Store:
    """One SQLite file (WAL) holding everything newsgraph knows."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"no database at {self.path}; create one with 'newsgraph ingest'")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a newsgraph database: {exc}") from None

    def close(self) -> None:
        """Close the database file."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so they land together or not at all; a nested call is a savepoint."""
        nested = self.conn.in_transaction
        self.conn.execute("SAVEPOINT write" if nested else "BEGIN IMMEDIATE")
        try:
            yield
            if not nested:
                self._fold_entities()  # once per transaction: entities recur across a batch
        except BaseException:
            self.conn.execute("ROLLBACK TO write" if nested else "ROLLBACK")
            if nested:
                self.conn.execute("RELEASE write")
            raise
        self.conn.execute("RELEASE write" if nested else "COMMIT")

    # -- writing -----------------------------------------------------------------------------

    def put(self, doc: Doc, digest: str = "") -> PutResult:
        """Store a document, replacing an older version of it; unchanged input writes nothing."""
        if not doc.id:
            raise StoreError(f"document from {doc.source!r} has no id; run the extract stage")
        digest = digest or (doc.raw.digest if doc.raw else "")
        with self.transaction():
            old = self.conn.execute(
                "SELECT input_digest FROM docs WHERE id = ?", (doc.id,)
            ).fetchone()
            if old is not None and digest and old[0] == digest:
                self._remember_input(doc.source, digest, "stored", doc.id)
                return "unchanged"
            self._delete_doc_versions(doc, exists=old is not None)
            self._insert_doc(doc, digest)
            self._keep_entities(doc)
            self._replace_problems(doc.source, doc.id, doc.problems)
            self._remember_input(doc.source, digest, "stored", doc.id)
        return "replaced" if old is not None else "stored"

    def record_failure(self, source: str, problems: list[Problem]) -> None:
        """Record an input that produced no document (unreadable, or a stage failed on it).

        No digest is kept, so the input is retried on the next run; the link to the document
        the source gave before is kept, so a later good version still replaces it."""
        with self.transaction():
            self._replace_problems(source, None, problems)
            self._remember_input(source, "", "failed", self._previous_doc(source))

    def record_skip(self, source: str, digest: str, skip: Problem) -> None:
        """Record an input a stage dropped on purpose, so an unchanged re-run skips it quickly."""
        with self.transaction():
            self._replace_problems(source, None, [skip])
            self._remember_input(source, digest, "skipped", self._previous_doc(source))

    def knows_input(self, source: str, digest: str) -> bool:
        """True when this exact input from this source was already handled."""
        row = self.conn.execute(
            "SELECT 1 FROM inputs WHERE source = ? AND digest = ?", (source, digest)
        ).fetchone()
        return row is not None

    def _delete_doc_versions(self, doc: Doc, *, exists: bool) -> None:
        # The old version is the one with this id, or the one this source gave before its
        # content (and so a body-hash id) changed — unless another source now gives that one.
        if exists:
            self._delete_doc(doc.id)
        previous = self._previous_doc(doc.source)
        if previous is not None and previous != doc.id and not self._claimed(previous, doc.source):
            self._delete_doc(previous)

    def _delete_doc(self, doc_id: str) -> None:
        remove_doc(self.conn, doc_id)  # while its entity shares are still there
        self.conn.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
        self.conn.execute("DELETE FROM problems WHERE doc_id = ?", (doc_id,))

    def _previous_doc(self, source: str) -> str | None:
        row = self.conn.execute("SELECT doc_id FROM inputs WHERE source = ?", (source,)).fetchone()
        return None if row is None else row[0]

    def _claimed(self, doc_id: str, other_than: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM inputs WHERE doc_id = ? AND source <> ?", (doc_id, other_than)
        ).fetchone()
        return row is not None

    def _insert_doc(self, doc: Doc, digest: str) -> None:
        meta = doc.meta
        self.conn.execute(
            "INSERT INTO docs (id, source, url, input_digest, title, text, body_start, meta,"
            " published, site, language, stored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.source,
                doc.url,
                digest,
                doc.text[: doc.body_start].strip() or meta.title,
                doc.text,
                doc.body_start,
                _to_json(meta_to_dict(meta)),
                meta.published,
                meta.site,
                meta.language,
                _now(),
            ),
        )
        self.conn.executemany(
            'INSERT INTO spans (doc_id, id, kind, start, "end", label, value, stage)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    doc.id,
                    s.id,
                    s.kind,
                    s.start,
                    s.end,
                    s.label,
                    _to_json(s.value) if s.value else "{}",
                    s.stage,
                )
                for s in doc.spans
            ],
        )
        self.conn.executemany(
            "INSERT INTO span_links (doc_id, span_id, role, target_id) VALUES (?,?,?,?)",
            [(doc.id, s.id, role, t) for s in doc.spans for role, t in s.args.items()],
        )

    def _replace_problems(self, source: str, doc_id: str | None, problems: list[Problem]) -> None:
        self.conn.execute("DELETE FROM problems WHERE source = ?", (source,))
        self.conn.executemany(
            "INSERT INTO problems (source, doc_id, stage, kind, message, at) VALUES (?,?,?,?,?,?)",
            [(source, doc_id, p.stage, p.kind, p.message, _now()) for p in problems],
        )

    def _remember_input(self, source: str, digest: str, status: str, doc_id: str | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO inputs (source, digest, status, doc_id, at) VALUES (?,?,?,?,?)",
            (source, digest, status, doc_id, _now()),
        )

    def _keep_entities(self, doc: Doc) -> None:
        """Record the doc's share of each entity; triggers note it (and the shares of a replaced
        version) for `_fold_entities`, which runs when the transaction commits."""
        self.conn.executemany(
            "INSERT INTO entity_mentions (doc_id, entity_id, name, type, alias, mentions)"
            " VALUES (?,?,?,?,?,?)",
            _entity_shares(doc),
        )
        add_doc(self.conn, doc.id)

    def _fold_entities(self) -> None:
        """Fold every entity share added or removed since the last fold into `entities`."""
        changes = self.conn.execute(
            "SELECT entity_id, max(name), max(type), alias, sum(mentions) FROM entity_changes"
            " GROUP BY entity_id, alias"
        ).fetchall()
        if not changes:
            return
        articles = dict(
            self.conn.execute(
                "SELECT entity_id, sum(sign) FROM"
                " (SELECT DISTINCT entity_id, doc_id, sign FROM entity_changes) GROUP BY entity_id"
            ).fetchall()
        )
        self.conn.execute("DELETE FROM entity_changes")
        self._fold_entity_changes(changes, articles)

    def _fold_entity_changes(
        self, changes: list[tuple[str, str, str, str, int]], articles: dict[str, int]
    ) -> None:
        ids = list(articles)
        rows = {
            r[0]: _EntityCounts(r[1], r[2], json.loads(r[3]), r[4], r[5])
            for n in range(0, len(ids), 500)  # SQLite binds at most 999 variables by default
            for r in self.conn.execute(
                "SELECT id, name, type, aliases, mentions, articles FROM entities"
                f" WHERE id IN ({','.join('?' * len(ids[n : n + 500]))})",
                ids[n : n + 500],
            )
        }
        for entity_id, name, type_, alias, mentions in changes:
            counts = rows.setdefault(entity_id, _EntityCounts(name, type_, {}, 0, 0))
            counts.aliases[alias] = counts.aliases.get(alias, 0) + mentions
            counts.mentions += mentions
        for entity_id, change in articles.items():
            rows[entity_id].articles += change
        gone = [(i,) for i, c in rows.items() if c.articles <= 0]
        self.conn.executemany("DELETE FROM entities WHERE id = ?", gone)
        self.conn.executemany(
            "INSERT OR REPLACE INTO entities (id, name, type, aliases, mentions, articles)"
            " VALUES (?,?,?,?,?,?)",
            [(i, *c.row()) for i, c in rows.items() if c.articles > 0],
        )

    # -- reading -----------------------------------------------------------------------------

    def get(self, doc_id: str) -> Doc:
        """The stored document with this id, spans and problems included."""
        row = self.conn.execute(
            "SELECT id, source, url, text, body_start, meta FROM docs WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        doc = Doc(
            row[3],
            id=row[0],
            source=row[1],
            url=row[2],
            body_start=row[4],
            meta=meta_from_dict(json.loads(row[5])),
        )
        doc.load_spans(self._spans(doc_id))
        doc.problems = [
            Problem(*p)
            for p in self.conn.execute(
                "SELECT stage, kind, message FROM problems WHERE doc_id = ? ORDER BY id", (doc_id,)
            )
        ]
        return doc

    def _spans(self, doc_id: str) -> list[Span]:
        links: dict[int, dict[str, int]] = {}
        for span_id, role, target in self.conn.execute(
            "SELECT span_id, role, target_id FROM span_links WHERE doc_id = ?", (doc_id,)
        ):
            links.setdefault(span_id, {})[role] = target
        rows = self.conn.execute(
            'SELECT id, kind, start, "end", label, value, stage FROM spans WHERE doc_id = ?'
            " ORDER BY id",
            (doc_id,),
        )
        return [
            Span(i, k, s, e, lab, json.loads(v), links.get(i, {}), st)
            for i, k, s, e, lab, v, st in rows
        ]

    def ids(self) -> list[str]:
        """Every stored document id, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT id FROM docs ORDER BY rowid")]

    def count(self, table: str = "docs") -> int:
        """How many rows a table holds."""
        if table not in ("docs", "spans", "span_links", "problems", "inputs"):
            raise StoreError(f"no table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def search(
        self, query: str, *, limit: int = 10, offset: int = 0, mark: tuple[str, str] = ("[", "]")
    ) -> list[Hit]:
        """Full-text search over titles and texts, best match first, with marked snippets."""
        sql = (
            "SELECT d.id, d.title, snippet(docs_fts, 1, ?, ?, '…', 16), d.published, d.site"
            " FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid"
            " WHERE docs_fts MATCH ? ORDER BY bm25(docs_fts, 5.0, 1.0) LIMIT ? OFFSET ?"
        )
        for fts_query in (query, plain_words_query(query)):
            try:
                rows = self.conn.execute(sql, (*mark, fts_query, limit, offset)).fetchall()
            except sqlite3.OperationalError as exc:
                error = exc
                continue
            return [Hit(*r) for r in rows]
        raise SearchQueryError(f"cannot search for {query!r}: {error}")

    def entities(
        self, *, entity_type: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[EntityRow]:
        """Canonical entities, most widely reported first, optionally of one type (PERSON…)."""
        sql = "SELECT id, name, type, aliases, mentions, articles FROM entities"
        params: tuple[object, ...] = ()
        if entity_type:
            sql, params = sql + " WHERE type = ?", (entity_type.upper(),)
        sql += " ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?"
        rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        return [EntityRow(i, n, t, json.loads(a), m, d) for i, n, t, a, m, d in rows]

    def problems(self, *, limit: int = 100, kind: str | None = None) -> list[ProblemRow]:
        """Recorded problems, newest first, optionally of one kind."""
        sql = "SELECT source, doc_id, stage, kind, message, at FROM problems"
        params: tuple[object, ...] = ()
        if kind:
            sql, params = sql + " WHERE kind = ?", (kind,)
        rows = self.conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
        return [ProblemRow(*r) for r in rows]


def _entity_shares(doc: Doc) -> list[tuple[str, str, str, str, str, int]]:
    """How often the doc names each entity in each form: (doc, entity, name, type, alias, n)."""
    shares: dict[tuple[str, str], int] = {}
    names: dict[str, tuple[str, str]] = {}  # the first name and type given for each entity
    for span in doc.spans_of("entity"):
        entity_id = span.value.get("entity")
        if isinstance(entity_id, str):
            alias = " ".join(span.covered(doc.text).split())
            names.setdefault(entity_id, (str(span.value.get("name", alias)), span.label))
            shares[entity_id, alias] = shares.get((entity_id, alias), 0) + 1
    return [(doc.id, e, *names[e], alias, n) for (e, alias), n in shares.items()]


def plain_words_query(query: str) -> str:
    """A query read as plain words, for text that is not valid FTS5 syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
