"""Feeds (RSS, Atom), sitemaps and URL lists: the pages each names, with what it says of them."""

from __future__ import annotations

import email.utils
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsgraph.errors import InputTooLarge, MalformedInput

FEED, SITEMAP, SITEMAP_INDEX, URL_LIST = "feed", "sitemap", "sitemapindex", "urls"

# The first element of the document: a processing instruction, comments and a doctype may come
# before it, and it may carry a namespace prefix (rdf:RDF).
_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?"
    rb"([\w.-]+)",
    re.DOTALL | re.IGNORECASE,
)
_ROOT_KINDS = {b"rss": FEED, b"feed": FEED, b"urlset": SITEMAP, b"sitemapindex": SITEMAP_INDEX}
_RSS_1 = b"purl.org/rss/1.0"
_URL_LINE = re.compile(r"https?://[^\s/]+\S*")
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Listed:
    """One page a listing names: its URL, when the listing says it changed, and metadata hints."""

    url: str
    stamp: str = ""  # the listing's own date for the page, kept as written to notice changes
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Listing:
    """What a feed, sitemap, sitemap index or URL list names."""

    kind: str  # FEED, SITEMAP, SITEMAP_INDEX or URL_LIST
    pages: list[Listed] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # an index's sitemaps, to read in turn
    unresolved: list[str] = field(default_factory=list)  # relative links with no base to join

    @property
    def problem(self) -> MalformedInput | None:
        """Why some links were dropped, when they were: relative, and nothing to resolve them."""
        if not self.unresolved:
            return None
        shown = ", ".join(repr(link) for link in self.unresolved[:3])
        more = f" and {len(self.unresolved) - 3} more" if len(self.unresolved) > 3 else ""
        return MalformedInput(f"relative links with no base URL to resolve them: {shown}{more}")


def listing_kind(data: bytes) -> str | None:
    """FEED, SITEMAP, SITEMAP_INDEX or URL_LIST when the bytes (gzipped or not) are one."""
    head = _head(data)
    root = _ROOT.match(head)
    if root is not None:
        name = root.group(1).lower()
        if name == b"rdf" and _RSS_1 in head:
            return FEED
        return _ROOT_KINDS.get(name)
    return URL_LIST if _is_url_list(head) else None


def parse_listing(data: bytes, base_url: str | None = None, *, max_bytes: int) -> Listing | None:
    """The pages (and sitemaps) a listing names, or None when the bytes are no listing."""
    kind = listing_kind(data)
    if kind is None:
        return None
    data = _gunzip(data, max_bytes)
    if kind == FEED:
        return _feed(data, base_url)
    if kind == URL_LIST:
        return Listing(URL_LIST, [Listed(url) for url in _url_lines(data)])
    return _sitemap(data, kind, base_url)


# -- feeds --------------------------------------------------------------------------------------


def feed_pages(data: bytes, base_url: str | None = None) -> list[Listed]:
    """The item links of an RSS 0.9x/1.0/2.0 or Atom feed, with title, date and authors."""
    return _feed(data, base_url).pages


def _feed(data: bytes, base_url: str | None) -> Listing:
    # A stream, never a string: feedparser would fetch a string that looks like a URL.
    import feedparser  # 40 ms to import: paid only when a feed is read

    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    # A feed read from a file has no URL of its own: its <link> (the site) is the next best base.
    base = base_url or _absolute(str(parsed.feed.get("link") or ""), None) or None
    pages: dict[str, Listed] = {}
    unresolved: list[str] = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        url = _absolute(link, base)
        if not url and link.strip() and not urlsplit(link.strip()).scheme:
            unresolved.append(link.strip())
        if url and url not in pages:
            # dict.get: feedparser's own get() maps a missing `updated` to `published`, warning.
            stamp = str(dict.get(entry, "updated") or dict.get(entry, "published") or "")
            pages[url] = Listed(url, stamp, _entry_hints(entry, base_url))
    return Listing(FEED, list(pages.values()), unresolved=unresolved)


def _entry_link(entry: Any) -> str:
    link = entry.get("link")
    if link:
        return str(link)
    # Atom items without a rel="alternate" link sometimes give the page as their id.
    entry_id = str(entry.get("id") or "")
    return entry_id if entry_id.startswith(("http://", "https://")) else ""


def _entry_hints(entry: Any, feed_url: str | None) -> dict[str, Any]:
    """What meta_from_dict accepts from a feed item: title, authors, published; and the feed."""
    published = _iso_date(str(entry.get("published") or ""), entry.get("published_parsed"))
    authors = [str(a["name"]) for a in entry.get("authors") or [] if a.get("name")]
    hints = {
        "title": str(entry.get("title") or "").strip(),
        "authors": authors,
        "published": published,
        "feed": feed_url,
    }
    return {key: value for key, value in hints.items() if value}


def _iso_date(raw: str, parsed: Any) -> str | None:
    """The feed's date as ISO 8601 with its own offset; UTC when only feedparser could read it."""
    parsers: tuple[Callable[[str], datetime], ...] = (
        email.utils.parsedate_to_datetime,
        datetime.fromisoformat,
    )
    for parse in parsers:
        try:
            when = parse(raw.strip())
        except (TypeError, ValueError, IndexError):
            continue
        if when.tzinfo is not None:
            return when.isoformat()
    if parsed:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
    return None


# -- sitemaps -----------------------------------------------------------------------------------


def _sitemap(data: bytes, kind: str, base_url: str | None) -> Listing:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedInput(f"the sitemap is not XML: {exc}") from None
    if root is None:
        raise MalformedInput("the sitemap is empty")
    entries = [e for e in root if _local(e) in ("url", "sitemap")]
    if kind == SITEMAP_INDEX:
        sitemaps = _unique(_absolute(_child(e, "loc"), base_url) for e in entries)
        return Listing(kind, sitemaps=sitemaps)
    pages: dict[str, Listed] = {}
    for entry in entries:
        url = _absolute(_child(entry, "loc"), base_url)
        if url and url not in pages:
            pages[url] = Listed(url, _child(entry, "lastmod"), _news_hints(entry))
    return Listing(kind, list(pages.values()))


def _news_hints(entry: Any) -> dict[str, Any]:
    """Title and date from a Google News sitemap entry (<news:news>), when it has one."""
    news = next((e for e in entry if _local(e) == "news"), None)
    if news is None:
        return {}
    published = _iso_date(_child(news, "publication_date"), None)
    hints = {"title": _child(news, "title"), "published": published}
    return {key: value for key, value in hints.items() if value}


def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(element: Any, name: str) -> str:
    found = next((e for e in element if _local(e) == name), None)
    return (found.text or "").strip() if found is not None else ""


# -- URL lists and helpers ----------------------------------------------------------------------


def _url_lines(data: bytes) -> Iterator[str]:
    seen: set[str] = set()
    for line in data.decode("utf-8", "replace").splitlines():
        url = line.strip()
        if _URL_LINE.fullmatch(url) and url not in seen:
            seen.add(url)
            yield url


def _is_url_list(data: bytes) -> bool:
    """Every line that is not blank or a '#' comment is an http(s) URL, and there is one."""
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    if len(data) >= _SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sniffed head may end in the middle of a line
    urls = [line for line in lines if line and not line.startswith("#")]
    return bool(urls) and all(_URL_LINE.fullmatch(line) for line in urls)


def _absolute(url: str, base_url: str | None) -> str:
    url = url.strip()
    if not url:
        return ""
    url = urljoin(base_url, url) if base_url else url
    return url if urlsplit(url).scheme in ("http", "https") else ""


def _unique(urls: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(u for u in urls if u))


def _head(data: bytes) -> bytes:
    """The first few kilobytes, un-gzipped when the bytes are gzip."""
    if not data.startswith(b"\x1f\x8b"):
        return data[:_SNIFF_BYTES]
    try:
        return zlib.decompressobj(wbits=31).decompress(data, _SNIFF_BYTES)
    except zlib.error:
        return b""


def _gunzip(data: bytes, max_bytes: int = 64 * 1024 * 1024) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise MalformedInput(f"broken gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise InputTooLarge(f"the listing unpacks to more than {max_bytes / 1e6:.1f} MB")
    if not inflater.eof:
        raise MalformedInput("broken gzip data: the stream is cut short")
    return out
