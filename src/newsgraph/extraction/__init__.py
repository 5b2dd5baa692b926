"""Our own article extractor: HTML pages and already-scraped text to an Article.

`extract_html` and `extract_text` are the two entry points; the `extract` stage and the
evaluation both call them, so what is measured is what runs.
"""

from __future__ import annotations

from newsgraph.extraction.article import Article
from newsgraph.extraction.html_page import extract_html
from newsgraph.extraction.text_page import extract_text

__all__ = ["Article", "extract_html", "extract_text"]
