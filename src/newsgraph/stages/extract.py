"""A first extraction stage: trafilatura for HTML, first line as title for scraped text."""

from __future__ import annotations

import re
from typing import Any

from trafilatura import bare_extraction

from newsgraph.doc import Doc, Meta
from newsgraph.errors import Skip
from newsgraph.extraction.parse import parse_html
from newsgraph.ids import doc_id

MIN_WORDS = 8


class Extract:
    """Give a document its text (headline, blank line, body) and metadata from its raw input."""

    name = "extract"
    requires: tuple[str, ...] = ("raw",)
    produces: tuple[str, ...] = ("text", "meta")

    def __call__(self, doc: Doc) -> Doc:
        """Fill text, body_start, meta, url and id from the raw input."""
        if doc.raw is None:
            raise Skip("the document has no raw input to extract from")
        reader = {"html": _from_html, "text": _from_text, "body": _from_body}[doc.raw.kind]
        body, found = reader(doc.raw.content, doc)
        _check_enough_text(body, doc.raw.kind)
        _fill_meta(doc.meta, found)
        doc.set_text(doc.meta.title, body)
        doc.url = doc.url or found.get("url")
        doc.id = doc.id or doc_id(doc.url, doc.body)
        return doc


def _check_enough_text(body: str, kind: str) -> None:
    words = len(body.split())
    if not words:
        raise Skip("no article text found")
    # A given body is taken as it is; a page with a handful of words is a menu, not an article.
    if kind != "body" and words < MIN_WORDS:
        raise Skip(f"too little text for an article ({words} words)")


def _from_html(html: str, doc: Doc) -> tuple[str, dict[str, Any]]:
    tree = parse_html(html)
    extracted = bare_extraction(
        tree, url=doc.url, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        return "", {}
    result = extracted if isinstance(extracted, dict) else extracted.as_dict()
    found: dict[str, Any] = {
        "title": result.get("title") or "",
        "authors": _split_authors(result.get("author")),
        "published": result.get("date"),
        "site": result.get("sitename") or "",
        "section": ", ".join(result.get("categories") or []),
        "tags": list(result.get("tags") or []),
        "language": result.get("language") or "",
        "description": result.get("description") or "",
        "image": result.get("image"),
        "url": result.get("url"),
    }
    return result.get("text") or "", found


def _split_authors(author: str | None) -> list[str]:
    return [a.strip() for a in re.split(r";|\band\b", author or "") if a.strip()]


def _from_text(text: str, doc: Doc) -> tuple[str, dict[str, Any]]:
    lines = [line.strip() for line in text.splitlines()]
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    title = lines[first] if first < len(lines) else ""
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines[first + 1 :])).strip()
    return body, {"title": title}


def _from_body(body: str, doc: Doc) -> tuple[str, dict[str, Any]]:
    return body, {}


def _fill_meta(meta: Meta, found: dict[str, Any]) -> None:
    """Fill the fields the input left empty with what extraction found."""
    for name, value in found.items():
        if hasattr(meta, name) and value and not getattr(meta, name):
            setattr(meta, name, value)
