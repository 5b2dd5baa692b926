"""What extraction gives: the body and every metadata field, with the signal each came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """An extracted article; `body` holds paragraphs separated by blank lines."""

    title: str = ""
    body: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, with its offset when the page gives one
    modified: str | None = None
    site: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = ""
    url: str | None = None  # the canonical URL
    description: str = ""
    image: str | None = None
    # For each field filled, the signal that won: "json-ld", "og", "meta", "microdata", "time",
    # "byline", "dateline", "url", "title-tag", "text", … (docs/extraction.md lists them).
    signals: dict[str, str] = field(default_factory=dict)
    # How sure we are of `published` (0..1) and what was repaired or refused on the way.
    date_confidence: float = 0.0
    notes: list[str] = field(default_factory=list)
    # Why this page is not an article (a listing, an empty page), or "" when it is one.
    not_article: str = ""
