"""JSON Lines and JSON dumps: one object per record, with `html`, `text` or `body`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.errors import MalformedInput
from newsgraph.sources.inputs import Failure, Input, digest

# Which key holds the page, in order of preference, and the input kind it gives.
_CONTENT_KEYS = (("html", "html"), ("text", "text"), ("body", "body"))
_OWN_KEYS = {"html", "text", "body", "id", "url"}


def looks_like_json(text: str) -> bool:
    """True when one of the first lines is a JSON object, or the whole text is JSON."""
    if text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return False
    lines = [line for line in _lines(text[:1_000_000])[:20] if line.strip()][:5]
    return any(_is_object(line) for line in lines) or _whole_document(text) is not None


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def read_records(text: str, source: str) -> Iterator[Input | Failure]:
    """Yield an Input per record, and a Failure per broken line, losing no other line."""
    whole = _whole_document(text)
    if whole is not None:
        for index, obj in enumerate(whole, 1):
            yield _record(obj, source, index)
        return
    for lineno, line in enumerate(_lines(text), 1):
        if line.strip():
            yield _parse_line(line, source, lineno)


def _lines(text: str) -> list[str]:
    """JSON Lines end at "\n" only: U+2028 and friends are valid inside a JSON string."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _whole_document(text: str) -> list[Any] | None:
    """A pretty-printed JSON dump (one object or an array), or None for JSON Lines."""
    if text.lstrip()[:1] == "{" and text.count("\n") < 2:
        return None  # a single JSON Lines record reads the same either way
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, list) else [data]


def _parse_line(line: str, source: str, lineno: int) -> Input | Failure:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Failure(f"{source}#{lineno}", MalformedInput(f"not valid JSON: {exc}"))
    return _record(obj, source, lineno)


def record_source(container: str, obj: Any, position: int) -> str:
    """A record's source: by its own id or URL when it has one, so that lines added to or dropped
    from a feed do not make other records look changed; else by its position."""
    for key in ("id", "url"):
        value = obj.get(key) if isinstance(obj, dict) else None
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return f"{container}#{key}={value}"
    return f"{container}#{position}"


def _record(obj: Any, container: str, position: int) -> Input | Failure:
    obj, canonical, notes = _clean(obj)
    source = record_source(container, obj, position)
    if not isinstance(obj, dict):
        return Failure(
            source, MalformedInput(f"a record must be a JSON object, not {type(obj).__name__}")
        )
    found = next(((k, kind) for k, kind in _CONTENT_KEYS if isinstance(obj.get(k), str)), None)
    if found is None:
        return Failure(source, MalformedInput("the record has none of the keys html, text, body"))
    key, kind = found
    if not obj[key].strip():
        return Failure(source, MalformedInput(f"the record's {key!r} is empty"))
    return Input(
        source=source,
        kind=kind,
        content=obj[key],
        digest=digest(canonical),
        url=_str_or_none(obj.get("url")),
        id=str(obj.get("id") or ""),
        meta={k: v for k, v in obj.items() if k not in _OWN_KEYS},
        notes=notes,
    )


def _clean(obj: Any) -> tuple[Any, bytes, list[str]]:
    """The record with "\ud800"-style escapes (lone surrogates no file can hold) replaced,
    its canonical bytes (what the digest is taken of) and a note when anything was replaced."""
    try:
        return obj, _canonical(obj), []
    except UnicodeEncodeError:
        obj = _without_surrogates(obj)
        return obj, _canonical(obj), ["lone surrogate escapes were replaced with U+FFFD"]


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value
