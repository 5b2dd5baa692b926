"""Already-scraped page text -> Article: find title, byline, dateline and body; drop chrome."""

from __future__ import annotations

from newsgraph.extraction.article import Article


def extract_text(text: str, url: str | None = None) -> Article:
    """Extract the article a scraped plain-text page holds."""
    raise NotImplementedError("being written")
