"""A Doc to and from the JSON contract of DESIGN §2."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from newsgraph.doc import Doc, JsonDict, Meta, Problem, Span
from newsgraph.errors import SpanError

# `extra` and `provenance` appear in the JSON only when they hold something.
_OPTIONAL = ("extra", "provenance")
_META_FIELDS = tuple(f.name for f in fields(Meta) if f.name not in _OPTIONAL)
_LIST_FIELDS = ("authors", "tags")


def meta_to_dict(meta: Meta) -> JsonDict:
    """The contract's `meta` object."""
    out = {name: getattr(meta, name) for name in _META_FIELDS}
    out.update({name: getattr(meta, name) for name in _OPTIONAL if getattr(meta, name)})
    return out


def meta_from_dict(data: JsonDict) -> Meta:
    """Build Meta from a contract `meta` object or a record's keys; unknown keys go to `extra`."""
    known = {k: _field_value(k, v) for k, v in data.items() if k in _META_FIELDS}
    extra, provenance = _object(data.get("extra")), _object(data.get("provenance"))
    extra.update(
        {k: v for k, v in data.items() if k not in _META_FIELDS and not _is_object(k, data)}
    )
    return Meta(**known, extra=extra, provenance=provenance)


def _is_object(key: str, data: JsonDict) -> bool:
    """`extra` and `provenance` are ours when they hold objects; anything else is a plain key."""
    return key in _OPTIONAL and isinstance(data[key], dict)


def _object(value: Any) -> JsonDict:
    return dict(value) if isinstance(value, dict) else {}


def _field_value(name: str, value: Any) -> Any:
    """Coerce a record's value to the field's type: one author as a list, a number as text."""
    if name in _LIST_FIELDS:
        items = value if isinstance(value, list) else [value] if value else []
        return [str(v) for v in items]
    if value is None:
        return None if name in ("published", "modified", "image") else ""
    return value if isinstance(value, str) else str(value)


def span_to_dict(span: Span) -> JsonDict:
    """One span in contract form."""
    return asdict(span)


def doc_to_dict(doc: Doc) -> JsonDict:
    """The whole document in contract form."""
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "meta": meta_to_dict(doc.meta),
        "text": doc.text,
        "body_start": doc.body_start,
        "spans": [span_to_dict(s) for s in doc.spans],
        "problems": [asdict(p) for p in doc.problems],
    }


def doc_to_json(doc: Doc) -> str:
    """The contract as one line of JSON (code points kept, not escaped)."""
    return json.dumps(doc_to_dict(doc), ensure_ascii=False)


def span_from_dict(data: JsonDict) -> Span:
    """Read one contract span, refusing missing or mistyped fields."""
    try:
        return Span(
            id=_int(data["id"]),
            kind=str(data["kind"]),
            start=_int(data["start"]),
            end=_int(data["end"]),
            label=str(data.get("label") or ""),
            value=dict(data.get("value") or {}),
            args={str(k): _int(v) for k, v in (data.get("args") or {}).items()},
            stage=str(data.get("stage") or ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise SpanError(f"not a valid span: {data!r} ({exc})") from None


def doc_from_dict(data: JsonDict) -> Doc:
    """Rebuild a Doc from its contract form, checking every span."""
    doc = Doc(
        str(data.get("text") or ""),
        id=str(data.get("id") or ""),
        source=str(data.get("source") or ""),
        url=data.get("url"),
        meta=meta_from_dict(data.get("meta") or {}),
        body_start=_int(data.get("body_start") or 0),
    )
    doc.load_spans(span_from_dict(s) for s in data.get("spans") or [])
    doc.problems = [Problem(**p) for p in data.get("problems") or []]
    return doc


def doc_from_json(line: str) -> Doc:
    """Rebuild a Doc from one line of contract JSON."""
    return doc_from_dict(json.loads(line))


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not an integer")
    return value
