"""The one-call Python entry point: a page in, a processed Doc out."""

from __future__ import annotations

from newsgraph.doc import Doc
from newsgraph.errors import NewsgraphError
from newsgraph.sources import Failure, read_bytes
from newsgraph.stages import build_pipeline


def process(page: str | bytes, url: str | None = None) -> Doc:
    """Run the default pipeline over one HTML page, scraped text or JSON record."""
    data = page.encode("utf-8") if isinstance(page, str) else page
    items = list(read_bytes(data, "api"))
    if len(items) != 1:
        raise NewsgraphError(f"expected one page, found {len(items)} records; use ingest()")
    item = items[0]
    if isinstance(item, Failure):
        raise item.error
    item.url = item.url or url
    return build_pipeline()(item.to_doc())
