"""HTML page -> Article: one parse, the main text, then the metadata read around it."""

from __future__ import annotations

from newsgraph.extraction.article import Article
from newsgraph.extraction.html_body import extract_body
from newsgraph.extraction.html_meta import read_metadata
from newsgraph.extraction.parse import parse_html


def extract_html(html: str, url: str | None = None) -> Article:
    """Extract the article an HTML page holds."""
    tree = parse_html(html)
    body = extract_body(tree)
    # The body's container tells the metadata reader where the visible byline should be.
    article = read_metadata(tree, url, body.container)
    article.body = body.text
    article.not_article = body.not_article
    return article
