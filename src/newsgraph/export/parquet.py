"""Parquet export: docs, spans, span_links, quotes, entities and problems, one file each.

Rows are buffered per table and written as a row group whenever a buffer fills, so a large
database streams through in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.doc import Doc, Span
from newsgraph.errors import ExportError
from newsgraph.export import parquet_schema as schemas
from newsgraph.export.common import iter_docs, output_folder, parse_time
from newsgraph.jsonform import meta_to_dict
from newsgraph.store import Store

Row = dict[str, Any]
GROUP_ROWS = 20_000  # rows per row group for the small-row tables
DOC_GROUP_ROWS = 1_000  # documents carry their whole text: smaller groups keep memory flat
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class TableWriter:
    """One Parquet file written a row group at a time; rows wait in column lists, which cost
    far less memory than a dictionary per row."""

    def __init__(self, path: Path, schema: pa.Schema, group_rows: int = GROUP_ROWS) -> None:
        self.schema = schema
        self.group_rows = group_rows
        self.columns: dict[str, list[Any]] = {name: [] for name in schema.names}
        self.queued = 0
        self.count = 0
        self.writer = pq.ParquetWriter(path, schema, compression="zstd")

    def add(self, row: Row) -> None:
        """Queue one row, writing a row group when enough are queued."""
        for name, values in self.columns.items():
            values.append(row[name])
        self.queued += 1
        if self.queued >= self.group_rows:
            self.flush()

    def flush(self) -> None:
        """Write the queued rows as one row group."""
        if self.queued:
            self.writer.write_table(pa.Table.from_pydict(self.columns, schema=self.schema))
            self.count += self.queued
            self.columns = {name: [] for name in self.schema.names}
            self.queued = 0

    def close(self) -> None:
        """Write what is left and finish the file."""
        self.flush()
        self.writer.close()


def write_parquet(store: Store, out: str) -> int:
    """Write the six tables into the folder `out`; return how many documents were written.

    The tables are written aside and moved into `out` together once all six are whole."""
    if out == "-":
        raise ExportError("parquet writes several files: give --out a folder, not '-'")
    with output_folder(out) as folder:
        return _write_tables(store, folder)


def _write_tables(store: Store, folder: Path) -> int:
    writers = {
        "docs": TableWriter(folder / "docs.parquet", schemas.DOCS, DOC_GROUP_ROWS),
        "spans": TableWriter(folder / "spans.parquet", schemas.SPANS),
        "span_links": TableWriter(folder / "span_links.parquet", schemas.SPAN_LINKS),
        "quotes": TableWriter(folder / "quotes.parquet", schemas.QUOTES),
    }
    try:
        for doc in iter_docs(store):
            _add_doc(writers, doc)
        _write_rows(folder / "entities.parquet", schemas.ENTITIES, _entity_rows(store))
        _write_rows(folder / "problems.parquet", schemas.PROBLEMS, _problem_rows(store))
    finally:
        for writer in writers.values():
            writer.close()
    return writers["docs"].count


def _write_rows(path: Path, schema: pa.Schema, rows: Iterator[Row]) -> None:
    writer = TableWriter(path, schema)
    try:
        for row in rows:
            writer.add(row)
    finally:
        writer.close()


def _add_doc(writers: dict[str, TableWriter], doc: Doc) -> None:
    writers["docs"].add(doc_row(doc))
    for span in doc.spans:
        writers["spans"].add(span_row(doc, span))
        for role, target in span.args.items():
            writers["span_links"].add(
                {"doc_id": doc.id, "span_id": span.id, "role": role, "target_id": target}
            )
        if span.kind == "quote":
            writers["quotes"].add(quote_row(doc, span))


def doc_row(doc: Doc) -> Row:
    """A document's row: its metadata as typed columns, the whole meta object as JSON."""
    meta = doc.meta
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": meta.title,
        "text": doc.text,
        "body_start": doc.body_start,
        "published": parse_time(meta.published),
        "published_text": meta.published,
        "modified": parse_time(meta.modified),
        "modified_text": meta.modified,
        "site": meta.site,
        "section": meta.section,
        "language": meta.language,
        "authors": meta.authors,
        "tags": meta.tags,
        "description": meta.description,
        "image": meta.image,
        "meta": _to_json(meta_to_dict(meta)),
    }


def span_row(doc: Doc, span: Span) -> Row:
    """A span's row, with the characters it covers; value and args as JSON text."""
    return {
        "doc_id": doc.id,
        "id": span.id,
        "kind": span.kind,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "text": span.covered(doc.text),
        "value": _to_json(span.value),
        "args": _to_json(span.args),
        "stage": span.stage,
    }


def quote_row(doc: Doc, quote: Span) -> Row:
    """A quote flattened with its document, speaker, cue and outlet."""
    cue = _linked(doc, quote, "cue")
    citation = _linked(doc, quote, "outlet")
    return {
        "doc_id": doc.id,
        "title": doc.meta.title,
        "url": doc.url,
        "published": parse_time(doc.meta.published),
        "published_text": doc.meta.published,
        "span_id": quote.id,
        "label": quote.label,
        "start": quote.start,
        "end": quote.end,
        "text": str(quote.value.get("text") or quote.covered(doc.text)),
        "speaker": quote.value.get("speaker"),
        "speaker_entity": entity_id(doc, _linked(doc, quote, "speaker")),
        "mention": quote.value.get("mention"),
        "cue": cue.covered(doc.text) if cue else None,
        "cue_lemma": cue.value.get("lemma") if cue else None,
        "outlet": quote.value.get("outlet"),
        "outlet_entity": entity_id(doc, _linked(doc, citation, "outlet") if citation else None),
    }


def _linked(doc: Doc, span: Span, role: str) -> Span | None:
    target = span.args.get(role)
    return None if target is None else doc.span(target)


def entity_id(doc: Doc, span: Span | None) -> str | None:
    """The entity id a span names: its own for an entity, the referent's for a mention."""
    if span is not None and span.kind == "mention":
        span = _linked(doc, span, "refers")
    if span is None or span.kind != "entity":
        return None
    found = span.value.get("entity")
    return found if isinstance(found, str) else None


def _entity_rows(store: Store) -> Iterator[Row]:
    sql = (
        "SELECT id, name, type, aliases, mentions, articles FROM entities"
        " WHERE id > ? ORDER BY id LIMIT 1000"
    )
    last = ""
    while rows := store.conn.execute(sql, (last,)).fetchall():
        for entity, name, kind, aliases, mentions, articles in rows:
            forms = [{"alias": a, "mentions": n} for a, n in json.loads(aliases).items()]
            yield {
                "id": entity,
                "name": name,
                "type": kind,
                "aliases": forms,
                "mentions": mentions,
                "articles": articles,
            }
        last = rows[-1][0]


def _problem_rows(store: Store) -> Iterator[Row]:
    sql = (
        "SELECT id, source, doc_id, stage, kind, message, at FROM problems"
        " WHERE id > ? ORDER BY id LIMIT 1000"
    )
    last = 0
    while rows := store.conn.execute(sql, (last,)).fetchall():
        for number, source, doc_id, stage, kind, message, at in rows:
            yield {
                "id": number,
                "source": source,
                "doc_id": doc_id,
                "stage": stage,
                "kind": kind,
                "message": message,
                "at": parse_time(at),
                "at_text": at,
            }
        last = rows[-1][0]
