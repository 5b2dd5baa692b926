"""The Parquet tables' schemas: typed columns, times as UTC timestamps beside the original text.

JSON-valued columns (`value`, `args`, `meta`) hold JSON text, which DuckDB reads with
`json_extract_string` and Polars with `str.json_path_match`/`str.json_decode`.
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us", tz="UTC")
_TEXT = pa.string()


def _required(name: str, kind: pa.DataType) -> pa.Field:
    return pa.field(name, kind, nullable=False)


DOCS = pa.schema(
    [
        _required("id", _TEXT),
        _required("source", _TEXT),
        ("url", _TEXT),
        ("title", _TEXT),
        _required("text", _TEXT),
        _required("body_start", pa.int32()),
        ("published", TIMESTAMP),
        ("published_text", _TEXT),
        ("modified", TIMESTAMP),
        ("modified_text", _TEXT),
        ("site", _TEXT),
        ("section", _TEXT),
        ("language", _TEXT),
        ("authors", pa.list_(_TEXT)),
        ("tags", pa.list_(_TEXT)),
        ("description", _TEXT),
        ("image", _TEXT),
        _required("meta", _TEXT),
    ]
)

SPANS = pa.schema(
    [
        _required("doc_id", _TEXT),
        _required("id", pa.int32()),
        _required("kind", _TEXT),
        _required("label", _TEXT),
        _required("start", pa.int32()),
        _required("end", pa.int32()),
        _required("text", _TEXT),
        _required("value", _TEXT),
        _required("args", _TEXT),
        _required("stage", _TEXT),
    ]
)

SPAN_LINKS = pa.schema(
    [
        _required("doc_id", _TEXT),
        _required("span_id", pa.int32()),
        _required("role", _TEXT),
        _required("target_id", pa.int32()),
    ]
)

QUOTES = pa.schema(
    [
        _required("doc_id", _TEXT),
        ("title", _TEXT),
        ("url", _TEXT),
        ("published", TIMESTAMP),
        ("published_text", _TEXT),
        _required("span_id", pa.int32()),
        _required("label", _TEXT),
        _required("start", pa.int32()),
        _required("end", pa.int32()),
        _required("text", _TEXT),
        ("speaker", _TEXT),
        ("speaker_entity", _TEXT),
        ("mention", _TEXT),
        ("cue", _TEXT),
        ("cue_lemma", _TEXT),
        ("outlet", _TEXT),
        ("outlet_entity", _TEXT),
    ]
)

ALIAS = pa.struct([("alias", _TEXT), ("mentions", pa.int64())])

ENTITIES = pa.schema(
    [
        _required("id", _TEXT),
        _required("name", _TEXT),
        _required("type", _TEXT),
        ("aliases", pa.list_(ALIAS)),
        _required("mentions", pa.int64()),
        _required("articles", pa.int64()),
    ]
)

PROBLEMS = pa.schema(
    [
        _required("id", pa.int64()),
        _required("source", _TEXT),
        ("doc_id", _TEXT),
        _required("stage", _TEXT),
        _required("kind", _TEXT),
        _required("message", _TEXT),
        ("at", TIMESTAMP),
        ("at_text", _TEXT),
    ]
)
