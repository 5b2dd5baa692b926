"""Feeds, sitemaps and URL lists: what they list, and `ingest` of URLs, feeds and list files."""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from newsgraph.errors import MalformedInput
from newsgraph.sources import Failure, Input, read_paths
from newsgraph.sources import web as web_module
from newsgraph.sources.feeds import (
    FEED,
    SITEMAP,
    SITEMAP_INDEX,
    URL_LIST,
    Listed,
    feed_pages,
    listing_kind,
    parse_listing,
)
from newsgraph.sources.fetch import FetchPolicy
from tests.loopback import HTML, Reply, Site, html_page, serve

LIMIT = 1_000_000
QUICK = FetchPolicy(delay=0.01, read_timeout=2, backoff=0.01)

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Test Tribune</title><link>https://tribune.example/</link>
<item><title>Ferry strike called</title><link>https://tribune.example/a</link>
<pubDate>Mon, 03 Mar 2025 09:30:00 +0100</pubDate><dc:creator>Amara Quist</dc:creator></item>
<item><title>Harbour reopens</title><link>https://tribune.example/b</link></item>
<item><title>No link here</title></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link>
</channel>
<item rdf:about="https://old.example/1"><title>One</title><link>https://old.example/1</link></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><title>Storm warning</title><link rel="alternate" href="/news/storm"/>
<id>tag:atom.example,2025:1</id><updated>2025-03-04T10:00:00Z</updated>
<published>2025-03-04T08:15:00-05:00</published><author><name>Lee Park</name></author></entry>
</feed>"""

SITEMAP_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://maps.example/x</loc><lastmod>2025-03-01</lastmod></url>
<url><loc>https://maps.example/y</loc>
<news:news><news:publication_date>2025-03-02T07:00:00+02:00</news:publication_date>
<news:title>Bridge closed</news:title></news:news></url>
</urlset>"""

INDEX_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemap-1.xml</loc></sitemap><sitemap><loc>/sitemap-2.xml.gz</loc></sitemap>
</sitemapindex>"""

URLS = b"# pages to read\nhttps://a.example/1\n\n  https://a.example/2  \n# done\n"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (RSS2, FEED),
        (RSS1, FEED),
        (ATOM, FEED),
        (SITEMAP_XML, SITEMAP),
        (gzip.compress(SITEMAP_XML), SITEMAP),
        (INDEX_XML, SITEMAP_INDEX),
        (URLS, URL_LIST),
        (b"<!doctype html><html><body><p>Hi</p></body></html>", None),
        (b"Harbour reopens\n\nhttps://a.example/1 was the source.\n", None),
        (b'{"url": "https://a.example/1", "text": "x"}\n', None),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"><a/></rdf:RDF>', None),
    ],
)
def test_listings_are_told_by_their_content(data: bytes, kind: str | None) -> None:
    assert listing_kind(data) == kind


def test_rss2_items_give_links_and_hints() -> None:
    pages = feed_pages(RSS2, "https://tribune.example/feed.xml")
    assert pages == [
        Listed(
            "https://tribune.example/a",
            "Mon, 03 Mar 2025 09:30:00 +0100",
            {
                "title": "Ferry strike called",
                "authors": ["Amara Quist"],
                "published": "2025-03-03T09:30:00+01:00",
                "feed": "https://tribune.example/feed.xml",
            },
        ),
        Listed(
            "https://tribune.example/b",
            "",
            {"title": "Harbour reopens", "feed": "https://tribune.example/feed.xml"},
        ),
    ]


def test_rss1_items_are_listed() -> None:
    assert [p.url for p in feed_pages(RSS1)] == ["https://old.example/1"]


def test_atom_entries_resolve_relative_links_and_keep_their_offset() -> None:
    [page] = feed_pages(ATOM, "https://atom.example/feeds/all.atom")
    assert page == Listed(
        "https://atom.example/news/storm",
        "2025-03-04T10:00:00Z",
        {
            "title": "Storm warning",
            "authors": ["Lee Park"],
            "published": "2025-03-04T08:15:00-05:00",
            "feed": "https://atom.example/feeds/all.atom",
        },
    )


def test_a_sitemap_gives_urls_lastmod_and_news_hints() -> None:
    listing = parse_listing(gzip.compress(SITEMAP_XML), max_bytes=LIMIT)
    assert listing is not None and listing.kind == SITEMAP
    assert listing.pages == [
        Listed("https://maps.example/x", "2025-03-01", {}),
        Listed(
            "https://maps.example/y",
            "",
            {"title": "Bridge closed", "published": "2025-03-02T07:00:00+02:00"},
        ),
    ]


def test_a_sitemap_index_names_its_sitemaps() -> None:
    listing = parse_listing(INDEX_XML, "https://maps.example/sitemap.xml", max_bytes=LIMIT)
    assert listing is not None and listing.pages == []
    assert listing.sitemaps == [
        "https://maps.example/sitemap-1.xml",
        "https://maps.example/sitemap-2.xml.gz",
    ]


def test_a_url_list_skips_comments_and_blank_lines() -> None:
    listing = parse_listing(URLS, max_bytes=LIMIT)
    assert listing is not None
    assert [p.url for p in listing.pages] == ["https://a.example/1", "https://a.example/2"]


def test_broken_gzip_is_a_clear_failure() -> None:
    with pytest.raises(MalformedInput, match="broken gzip"):
        parse_listing(gzip.compress(SITEMAP_XML)[:-12], max_bytes=LIMIT)


# -- reading listings over HTTP -----------------------------------------------------------------


def article(title: str) -> Reply:
    text = f"{title} was reported on Monday by our correspondent in the harbour town today."
    return Reply(body=html_page(title, text), headers=HTML)


def site_feed(site_base: str) -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Site</title>"
        f"<item><title>Ferry strike called</title><link>{site_base}/a</link></item>"
        f"<item><title>Bridge closed</title><link>{site_base}/b</link></item>"
        f"<item><title>Gone</title><link>{site_base}/private/c</link></item>"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def site() -> Iterator[Site]:
    """A news site with a feed, a sitemap index (one sitemap gzipped) and robots.txt."""
    routes = {
        "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private/\n"),
        "/a": article("Ferry strike called"),
        "/b": Reply(302, headers={"Location": "/b2"}),
        "/b2": article("Bridge closed"),
        "/private/c": article("Gone"),
        "/img": Reply(body=b"\x89PNG", headers={"Content-Type": "image/png"}),
    }
    with serve(routes) as served:
        routes["/feed.xml"] = Reply(
            body=site_feed(served.base), headers={"Content-Type": "application/rss+xml"}
        )
        routes["/sitemap.xml"] = Reply(body=INDEX_XML, headers={"Content-Type": "text/xml"})
        one = f"<urlset><url><loc>{served.base}/a</loc></url></urlset>".encode()
        two = f"<urlset><url><loc>{served.base}/img</loc></url></urlset>".encode()
        routes["/sitemap-1.xml"] = Reply(body=one, headers={"Content-Type": "application/xml"})
        routes["/sitemap-2.xml.gz"] = Reply(
            body=gzip.compress(two), headers={"Content-Type": "application/x-gzip"}
        )
        # A fetcher outlives a read (delays hold run-wide): none may carry one test's robots.txt
        # into the next test's server on a reused port.
        web_module.fetcher_for.cache_clear()
        yield served
        web_module.fetcher_for.cache_clear()


def outcome(items: list[Input | Failure]) -> list[tuple[str, str, str | None]]:
    """(source, kind or failure kind, final URL) per item, paths only."""
    return [
        (_path(i.source), i.kind, _path(i.url) if isinstance(i, Input) else None) for i in items
    ]


def _path(url: str | None) -> str:
    return "/" + url.split("/", 3)[3] if url and url.startswith("http") else str(url)


def test_a_feed_url_is_read_as_its_pages(site: Site) -> None:
    items = list(read_paths([site.url("/feed.xml")], fetch_policy=QUICK))
    assert outcome(items) == [
        ("/a", "html", "/a"),
        ("/b", "html", "/b2"),
        ("/private/c", "robots", None),
    ]
    first = items[0]
    assert isinstance(first, Input)
    assert first.meta == {"title": "Ferry strike called", "feed": site.url("/feed.xml")}
    assert "/private/c" not in site.paths()


def test_a_sitemap_index_url_is_followed_into_its_sitemaps(site: Site) -> None:
    items = list(read_paths([site.url("/sitemap.xml")], fetch_policy=QUICK))
    assert outcome(items) == [("/a", "html", "/a"), ("/img", "content_type", None)]
    assert items[1].message == f"{site.url('/img')} is image/png, not a page"  # type: ignore[union-attr]


def test_a_page_url_is_read_as_one_page(site: Site) -> None:
    assert outcome(list(read_paths([site.url("/b")], fetch_policy=QUICK))) == [
        ("/b", "html", "/b2")
    ]


def test_feed_and_url_list_files_are_expanded_to_fetched_pages(site: Site, tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes(site_feed(site.base))
    (tmp_path / "urls.txt").write_text(f"# mine\n{site.url('/b')}\n{site.url('/missing')}\n")
    files = [str(tmp_path / "feed.xml"), str(tmp_path / "urls.txt")]
    items = list(read_paths(files, fetch_policy=QUICK))
    assert outcome(items) == [
        ("/a", "html", "/a"),
        ("/b", "html", "/b2"),
        ("/private/c", "robots", None),
        ("/b", "html", "/b2"),
        ("/missing", "http_status", None),
    ]


def test_ingest_reads_a_feed_url_and_a_url_list_with_the_fetch_options(
    site: Site, cli: Callable[..., CompletedProcess[str]], tmp_path: Path
) -> None:
    (tmp_path / "urls.txt").write_text(f"{site.url('/a')}\n")
    options = ("--delay", "0.01", "--timeout", "2", "--tries", "1", "--user-agent", "tidebot/2")
    done = cli("ingest", site.url("/feed.xml"), "urls.txt", "--stages", "extract", *options)
    assert done.stdout.splitlines()[-1] == (
        "2 stored, 0 replaced, 1 unchanged, 0 skipped, 1 problems"
    )
    assert done.returncode == 3
    assert {hit.headers["User-Agent"] for hit in site.hits} == {"tidebot/2"}


def test_extract_fetches_with_the_fetch_options(
    site: Site, cli: Callable[..., CompletedProcess[str]]
) -> None:
    options = ("--delay", "0.01", "--user-agent", "tidebot/3")
    done = cli("extract", site.url("/b"), "--stages", "extract", *options)
    [line] = done.stdout.splitlines()
    assert (json.loads(line)["url"], done.returncode) == (site.url("/b2"), 0)
    assert site.paths() == ["/robots.txt", "/b", "/b2"]
    assert {hit.headers["User-Agent"] for hit in site.hits} == {"tidebot/3"}


@pytest.mark.parametrize("command", ["ingest", "extract", "follow"])
def test_a_bad_fetch_option_is_a_usage_error(
    cli: Callable[..., CompletedProcess[str]], command: str
) -> None:
    done = cli(command, "https://news.example/feed.xml", "--delay", "soon")
    assert done.returncode == 2
    assert "Invalid value for '--delay': 'soon' is not a valid float range." in done.stderr


def test_reads_under_one_policy_share_one_fetcher_and_its_delays(site: Site) -> None:
    patient = FetchPolicy(delay=0.3, read_timeout=2, backoff=0.01)
    assert web_module.fetcher_for(patient) is web_module.fetcher_for(FetchPolicy(**vars(patient)))
    assert web_module.fetcher_for(patient) is not web_module.fetcher_for(QUICK)
    list(read_paths([site.url("/a")], fetch_policy=patient))
    list(read_paths([site.url("/a")], fetch_policy=patient))  # a second read, same run
    times = [hit.at for hit in site.hits]
    assert site.paths() == ["/robots.txt", "/a", "/a"]  # robots.txt read once for both
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= 0.29


# -- review regressions -------------------------------------------------------------------------

SELF_INDEX = b"""<sitemapindex><sitemap><loc>/loop.xml</loc></sitemap>
<sitemap><loc>/sitemap-1.xml</loc></sitemap><sitemap><loc>/sitemap-1.xml</loc></sitemap>
</sitemapindex>"""


def test_a_sitemap_index_that_names_itself_is_read_once(site: Site) -> None:
    site.routes["/loop.xml"] = Reply(body=SELF_INDEX, headers={"Content-Type": "text/xml"})
    items = list(read_paths([site.url("/loop.xml")], fetch_policy=QUICK))
    assert outcome(items) == [("/a", "html", "/a")]
    assert site.paths() == ["/robots.txt", "/loop.xml", "/sitemap-1.xml", "/a"]


@pytest.mark.parametrize("content_type", ["text/html", "application/x-rss+xml"])
def test_a_feed_served_under_another_type_is_read_as_a_feed(site: Site, content_type: str) -> None:
    feed = Reply(body=site_feed(site.base), headers={"Content-Type": content_type})
    site.routes["/feed"] = feed
    items = list(read_paths([site.url("/feed")], fetch_policy=QUICK))
    assert [i.source for i in items] == [site.url(p) for p in ("/a", "/b", "/private/c")]


def _relative_feed(site_link: str) -> bytes:
    return (
        f"<rss version='2.0'><channel><title>T</title>{site_link}"
        "<item><title>One</title><link>/2024/a.html</link></item>"
        "<item><title>Two</title><link>b.html</link></item></channel></rss>"
    ).encode()


def test_a_feed_files_relative_links_resolve_against_its_site_link() -> None:
    listing = parse_listing(
        _relative_feed("<link>https://rel.example/news/</link>"), max_bytes=LIMIT
    )
    assert listing is not None
    assert [page.url for page in listing.pages] == [
        "https://rel.example/2024/a.html",
        "https://rel.example/news/b.html",
    ]
    assert listing.problem is None


def test_relative_links_that_nothing_resolves_are_a_problem(tmp_path: Path) -> None:
    (tmp_path / "rel.rss").write_bytes(_relative_feed(""))
    [failure] = list(read_paths([str(tmp_path / "rel.rss")], fetch_policy=QUICK))
    assert isinstance(failure, Failure)
    assert (failure.kind, failure.message) == (
        "malformed",
        "relative links with no base URL to resolve them: '/2024/a.html', 'b.html'",
    )
