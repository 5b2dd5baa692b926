"""URLs and listing files to Inputs: pages fetched politely; feeds, sitemaps, URL lists expanded."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from newsgraph.errors import FetchError, InputError, UnsupportedType
from newsgraph.sources.decode import decode
from newsgraph.sources.feeds import (
    SITEMAP,
    SITEMAP_INDEX,
    URL_LIST,
    Listed,
    Listing,
    listing_kind,
    parse_listing,
)
from newsgraph.sources.fetch import PAGE_TYPES, Fetched, Fetcher
from newsgraph.sources.inputs import Failure, Input, digest, sniff_kind
from newsgraph.sources.policy import FetchPolicy

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What a feed, sitemap or URL list may be served as; gzipped sitemaps often come untyped.
LISTING_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/x-rss+xml",  # older names that servers still send
        "application/x-atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/gzip",
        "application/x-gzip",
        "application/octet-stream",
        "text/plain",
    }
)
MAX_DEPTH = 3  # sitemap indexes inside sitemap indexes, at most this deep


def is_url(path: str) -> bool:
    """True for an http:// or https:// argument, which is fetched rather than opened."""
    return path.lower().startswith(("http://", "https://"))


@cache
def fetcher_for(policy: FetchPolicy) -> Fetcher:
    """The one fetcher a process uses for a policy, so that each host's delay holds run-wide."""
    return Fetcher(policy)


def read_url(
    url: str, *, max_bytes: int, fetch_policy: FetchPolicy | None = None
) -> Iterator[Input | Failure]:
    """The page at a URL, or every page that the feed, sitemap or URL list there names."""
    fetcher = fetcher_for(fetch_policy or FetchPolicy())
    try:
        fetched = fetcher.get(url, types=PAGE_TYPES | LISTING_TYPES, max_bytes=max_bytes)
        found: Listing | Input = listing_at(fetched, max_bytes) or page_input(fetched, url)
    except InputError as exc:
        yield Failure(url, exc)
        return
    if isinstance(found, Input):
        yield found
    else:
        yield from read_listing(found, fetcher, max_bytes=max_bytes, seen={url})


def read_listing_file(
    data: bytes, source: str, *, max_bytes: int, fetch_policy: FetchPolicy | None = None
) -> Iterator[Input | Failure]:
    """Every page that a feed, sitemap or URL list file names, fetched."""
    try:
        listing = parse_listing(data, max_bytes=max_bytes)
    except InputError as exc:
        yield Failure(source, exc)
        return
    if listing is None:
        return
    if listing.problem is not None:  # a local file's relative links: say so, not nothing
        yield Failure(source, listing.problem)
    fetcher = fetcher_for(fetch_policy or FetchPolicy())
    yield from read_listing(listing, fetcher, max_bytes=max_bytes)


def read_listing(
    listing: Listing,
    fetcher: Fetcher,
    *,
    max_bytes: int,
    depth: int = MAX_DEPTH,
    seen: set[str] | None = None,
) -> Iterator[Input | Failure]:
    """Fetch every page a listing names; read an index's sitemaps in turn, `depth` levels deep.

    `seen` holds the URLs already read in this run (the listing's own among them): an index that
    names itself, or two sitemaps naming one page, fetch each URL once."""
    seen = set() if seen is None else seen
    for page in listing.pages:
        if page.url not in seen:
            seen.add(page.url)
            yield read_page(page, fetcher, max_bytes=max_bytes)
    for sitemap in listing.sitemaps:
        if sitemap in seen:
            continue
        seen.add(sitemap)
        try:
            inner = fetch_sitemap(sitemap, fetcher, max_bytes=max_bytes, depth=depth)
        except InputError as exc:
            yield Failure(sitemap, exc)
            continue
        yield from read_listing(inner, fetcher, max_bytes=max_bytes, depth=depth - 1, seen=seen)


def fetch_sitemap(url: str, fetcher: Fetcher, *, max_bytes: int, depth: int) -> Listing:
    """The sitemap (or nested index) an index names, or raise why it cannot be read."""
    if depth <= 0:
        raise FetchError(f"sitemap indexes nested more than {MAX_DEPTH} deep")
    fetched = fetcher.get(url, types=LISTING_TYPES, max_bytes=max_bytes)
    listing = listing_at(fetched, max_bytes)
    if listing is None or listing.kind not in (SITEMAP, SITEMAP_INDEX):
        raise UnsupportedType(f"{url} is not a sitemap")
    return listing


def read_page(listed: Listed, fetcher: Fetcher, *, max_bytes: int) -> Input | Failure:
    """Fetch one listed page as an Input (source: the URL as listed), or say why not."""
    try:
        fetched = fetcher.get(listed.url, max_bytes=max_bytes)
        return page_input(fetched, listed.url, listed.hints)
    except InputError as exc:
        return Failure(listed.url, exc)


def listing_at(fetched: Fetched, max_bytes: int) -> Listing | None:
    """The listing a fetched document is, None for a page; refuse XML that is neither."""
    # Feeds are often served as text/html: its content decides (a URL list is not sniffed there).
    if fetched.content_type in HTML_TYPES and listing_kind(fetched.body) in (None, URL_LIST):
        return None
    listing = parse_listing(fetched.body, fetched.final_url, max_bytes=max_bytes)
    if listing is None and fetched.content_type not in PAGE_TYPES | {""}:
        raise UnsupportedType(
            f"{fetched.final_url} is {fetched.content_type}, not a page, feed or sitemap"
        )
    return listing


def page_input(fetched: Fetched, source: str, hints: dict[str, Any] | None = None) -> Input:
    """A fetched page as an Input: decoded, its kind told, its final URL kept."""
    decoded = decode(fetched.body, fetched.charset)
    html = fetched.content_type in HTML_TYPES
    return Input(
        source=source,
        kind="html" if html else sniff_kind(decoded.text),
        content=decoded.text,
        digest=digest(fetched.body),
        url=fetched.final_url,
        meta=dict(hints or {}),
        notes=[decoded.note] if decoded.lossy else [],
    )
