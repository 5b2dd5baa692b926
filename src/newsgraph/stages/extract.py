"""The extraction stage: our own extractor for HTML and scraped text; a given body as it is."""

from __future__ import annotations

from dataclasses import fields

from newsgraph.doc import Doc, Meta
from newsgraph.errors import Skip
from newsgraph.extraction import Article, extract_html, extract_text
from newsgraph.ids import doc_id

MIN_WORDS = 8

# Article fields that map one to one onto Meta fields of the same name.
_SHARED = tuple(f.name for f in fields(Meta) if f.name not in ("extra", "provenance"))


class Extract:
    """Give a document its text (headline, blank line, body) and metadata from its raw input."""

    name = "extract"
    requires: tuple[str, ...] = ("raw",)
    produces: tuple[str, ...] = ("text", "meta")

    def __call__(self, doc: Doc) -> Doc:
        """Fill text, body_start, meta, url and id from the raw input."""
        if doc.raw is None:
            raise Skip("the document has no raw input to extract from")
        if doc.raw.kind == "body":
            body = doc.raw.content
            _check_enough_text(body, minimum=1)
        else:
            article = _extract(doc.raw.kind, doc.raw.content, doc.url)
            body = article.body
            _check_enough_text(body, minimum=MIN_WORDS, not_article=article.not_article)
            _fill_meta(doc.meta, article)
            doc.url = doc.url or article.url
        doc.set_text(doc.meta.title, body)
        doc.id = doc.id or doc_id(doc.url, doc.body)
        return doc


def _extract(kind: str, content: str, url: str | None) -> Article:
    return extract_html(content, url) if kind == "html" else extract_text(content, url)


def _check_enough_text(body: str, *, minimum: int, not_article: str = "") -> None:
    if not_article:
        raise Skip(not_article)
    words = len(body.split())
    if not words:
        raise Skip("no article text found")
    # A page with a handful of words is a menu or a stub, not an article.
    if words < minimum:
        raise Skip(f"too little text for an article ({words} words)")


def _fill_meta(meta: Meta, article: Article) -> None:
    """Fill the fields the input left empty with what extraction found, and say how."""
    # A value the input carried (a feed item's date, a JSON record's title) wins; say so.
    given = {name: "input" for name in _SHARED if getattr(meta, name)}
    for name in _SHARED:
        value = getattr(article, name, None)
        if value and not getattr(meta, name):
            setattr(meta, name, value)
    provenance = {
        "signals": {**article.signals, **given},
        "date_confidence": article.date_confidence,
        "notes": article.notes,
    }
    meta.provenance = {k: v for k, v in provenance.items() if v}
