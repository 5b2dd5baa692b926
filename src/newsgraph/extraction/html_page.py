"""HTML page -> Article: main text and metadata."""

from __future__ import annotations

from newsgraph.extraction.article import Article


def extract_html(html: str, url: str | None = None) -> Article:
    """Extract the article an HTML page holds."""
    raise NotImplementedError("being written")
