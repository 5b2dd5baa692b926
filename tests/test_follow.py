"""`newsgraph follow`: rounds that fetch conditionally, store only what is new, survive restarts."""

from __future__ import annotations

import hashlib
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from newsgraph.follow import Follower, parse_interval
from newsgraph.sources.fetch import Fetcher, FetchPolicy
from newsgraph.stages import build_pipeline
from newsgraph.store import Store
from tests.conftest import newsgraph_cmd
from tests.loopback import HTML, Hit, Reply, Site, html_page, serve


class NewsSite:
    """A site whose feed lists some articles; both answer conditional GETs by ETag."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}  # path -> the item's <pubDate> in the feed
        self.site: Site | None = None

    def feed(self, hit: Hit) -> Reply:
        assert self.site is not None
        entries = "".join(
            f"<item><title>Story {path}</title><link>{self.site.url(path)}</link>"
            f"<pubDate>{stamp}</pubDate></item>"
            for path, stamp in self.items.items()
        )
        body = f"<rss version='2.0'><channel><title>T</title>{entries}</channel></rss>".encode()
        return _tagged(hit, body, "application/rss+xml")

    def page(self, hit: Hit) -> Reply:
        text = f"Story {hit.path} tells what the council decided on Monday about the harbour."
        return _tagged(hit, html_page(f"Story {hit.path}", text), HTML["Content-Type"])

    def add(self, *paths: str, stamp: str = "Mon, 03 Mar 2025 09:30:00 +0000") -> None:
        """List more articles in the feed."""
        assert self.site is not None
        for path in paths:
            self.items[path] = stamp
            self.site.routes[path] = self.page


def _tagged(hit: Hit, body: bytes, content_type: str) -> Reply:
    etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
    if hit.headers.get("If-None-Match") == etag:
        return Reply(304, headers={"ETag": etag})
    return Reply(body=body, headers={"Content-Type": content_type, "ETag": etag})


@pytest.fixture
def news() -> Iterator[NewsSite]:
    news = NewsSite()
    with serve({"/feed.xml": news.feed}) as site:
        news.site = site
        yield news


def page_requests(site: Site) -> list[tuple[str, str | None]]:
    """(path, If-None-Match sent) of every request other than robots.txt."""
    return [(h.path, h.headers.get("If-None-Match")) for h in site.hits if h.path != "/robots.txt"]


def summary(done: CompletedProcess[str]) -> str:
    """The round's summary without its timestamp."""
    return done.stdout.strip().split(" ", 1)[1]


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("0.5s", 0.5)]
)
def test_intervals_are_read(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "15x", "m", "0s", "1h 2"])
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not an interval like 30s, 15m or 1h"):
        parse_interval(text)


def test_rounds_store_only_what_is_new_across_restarts(
    news: NewsSite, cli: Callable[..., CompletedProcess[str]]
) -> None:
    assert news.site is not None
    feed = news.site.url("/feed.xml")
    options = ("--delay", "0.01", "--timeout", "2", "--tries", "1", "--user-agent", "tidebot/4")
    follow = ("follow", feed, "--once", "--stages", "extract", *options)
    news.add("/a", "/b")
    first = cli(*follow)
    assert (summary(first), first.returncode) == (
        "2 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems",
        0,
    )
    assert {hit.headers["User-Agent"] for hit in news.site.hits} == {"tidebot/4"}
    news.site.hits.clear()
    second = cli(*follow)
    assert summary(second) == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    [(path, sent)] = page_requests(news.site)
    assert path == "/feed.xml" and sent is not None  # asked conditionally; nothing else fetched
    news.add("/c")
    news.site.hits.clear()
    third = cli(*follow)
    assert summary(third) == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    assert [path for path, _ in page_requests(news.site)] == ["/feed.xml", "/c"]


def follower(site: Site, db: Path) -> Follower:
    policy = FetchPolicy(delay=0.01, read_timeout=1, backoff=0.01, tries=2)
    store = Store(db)
    return Follower([site.url("/feed.xml")], store, build_pipeline(["extract"]), Fetcher(policy))


def test_a_new_date_in_the_feed_refetches_the_page_conditionally(
    news: NewsSite, tmp_path: Path
) -> None:
    assert news.site is not None
    news.add("/a", "/b")
    run = follower(news.site, tmp_path / "news.db")
    assert run.round().line() == "2 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    news.add("/a", stamp="Tue, 04 Mar 2025 10:00:00 +0000")
    news.site.hits.clear()
    assert run.round().line() == "0 stored, 0 replaced, 1 unchanged, 0 skipped, 0 problems"
    assert [p for p, sent in page_requests(news.site) if sent] == ["/feed.xml", "/a"]
    run.store.close()


def test_a_page_that_failed_is_tried_again_next_round(news: NewsSite, tmp_path: Path) -> None:
    assert news.site is not None
    news.add("/a")
    news.site.routes["/a"] = Reply(503)
    run = follower(news.site, tmp_path / "news.db")
    first = run.round()
    assert first.line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 1 problems"
    [problem] = run.store.problems()
    assert problem.message.endswith("answered HTTP 503 Service Unavailable (gave up after 2 tries)")
    news.site.routes["/a"] = news.page
    assert run.round().line() == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    run.store.close()


def test_a_feed_that_fails_is_a_problem_until_it_reads_again(tmp_path: Path) -> None:
    with serve({"/feed.xml": Reply(404)}) as site:
        run = follower(site, tmp_path / "news.db")
        assert run.round().line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 1 problems"
        assert [p.kind for p in run.store.problems()] == ["http_status"]
        site.routes["/feed.xml"] = Reply(body=b"<rss version='2.0'><channel/></rss>")
        assert run.round().line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
        assert run.store.problems() == []
        run.store.close()


def test_a_stop_request_ends_the_round_before_the_next_page(news: NewsSite, tmp_path: Path) -> None:
    assert news.site is not None
    news.add("/a", "/b")
    run = follower(news.site, tmp_path / "news.db")
    run.stop.set()
    assert run.run(0.01, report=lambda s: None) == 0
    assert news.site.hits == []
    run.stop.clear()
    assert run.run(0.01, rounds=2, report=lambda s: None) == 2
    assert run.store.count() == 2
    run.store.close()


def test_a_feed_file_is_followed_too(news: NewsSite, tmp_path: Path) -> None:
    assert news.site is not None
    news.add("/a")
    feed = tmp_path / "feed.xml"
    feed.write_bytes(news.feed(Hit("/feed.xml", {}, 0)).body)
    run = follower(news.site, tmp_path / "news.db")
    run.feeds = [str(feed)]
    assert run.round().line() == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    run.store.close()


def test_sigterm_stops_follow_cleanly(news: NewsSite, tmp_path: Path) -> None:
    assert news.site is not None
    news.add("/a")
    command = [*newsgraph_cmd(), "follow", news.site.url("/feed.xml"), "--every", "1h"]
    options = ["--db", str(tmp_path / "news.db"), "--stages", "extract", "--delay", "0.01"]
    with subprocess.Popen(
        [*command, *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        first = process.stdout.readline()  # the first round is done
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert first.split(" ", 1)[1].startswith("1 stored")
    assert process.returncode == 0
    assert "stopped; every finished page is stored" in err


def test_a_sitemap_index_is_followed_through_its_sitemaps(tmp_path: Path) -> None:
    news = NewsSite()
    maps: dict[str, list[str]] = {"/s1.xml": ["/a"], "/s2.xml": ["/b"]}

    def sitemap(hit: Hit) -> Reply:
        assert news.site is not None
        urls = "".join(f"<url><loc>{news.site.url(p)}</loc></url>" for p in maps[hit.path])
        return _tagged(hit, f"<urlset>{urls}</urlset>".encode(), "application/xml")

    def index(hit: Hit) -> Reply:
        assert news.site is not None
        names = "".join(f"<sitemap><loc>{news.site.url(p)}</loc></sitemap>" for p in maps)
        return _tagged(hit, f"<sitemapindex>{names}</sitemapindex>".encode(), "text/xml")

    with serve({"/feed.xml": index, "/s1.xml": sitemap, "/s2.xml": sitemap}) as site:
        news.site = site
        news.add("/a", "/b", "/c")
        run = follower(site, tmp_path / "news.db")
        assert run.round().line() == "2 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
        maps["/s2.xml"].append("/c")
        site.hits.clear()
        assert run.round().line() == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
        assert page_requests(site) == [
            ("/feed.xml", site.requests_to("/feed.xml")[0].headers.get("If-None-Match")),
            ("/s1.xml", site.requests_to("/s1.xml")[0].headers["If-None-Match"]),
            ("/s2.xml", site.requests_to("/s2.xml")[0].headers["If-None-Match"]),
            ("/c", None),
        ]
        run.store.close()


# -- review regressions -------------------------------------------------------------------------


def test_a_feed_that_is_no_feed_stays_a_problem_when_the_server_answers_304(
    tmp_path: Path,
) -> None:
    def not_a_feed(hit: Hit) -> Reply:
        return _tagged(hit, b"<?xml version='1.0'?><error>maintenance</error>", "text/xml")

    with serve({"/feed.xml": not_a_feed}) as site:
        run = follower(site, tmp_path / "news.db")
        for _ in range(2):
            assert run.round().line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 1 problems"
            assert [p.kind for p in run.store.problems()] == ["content_type"]
        assert page_requests(site) == [("/feed.xml", None), ("/feed.xml", None)]
        run.store.close()


def test_a_page_two_feeds_list_is_fetched_once_a_round(news: NewsSite, tmp_path: Path) -> None:
    assert news.site is not None
    news.add("/a")
    news.site.routes["/other.xml"] = news.feed
    run = follower(news.site, tmp_path / "news.db")
    run.feeds = [news.site.url("/feed.xml"), news.site.url("/other.xml")]
    assert run.round().line() == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    assert [path for path, _ in page_requests(news.site)] == ["/feed.xml", "/a", "/other.xml"]
    news.site.hits.clear()
    assert run.round().line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    assert [path for path, _ in page_requests(news.site)] == ["/feed.xml", "/other.xml"]
    run.store.close()


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/x-rss+xml"])
def test_a_feed_served_under_another_type_is_followed(
    news: NewsSite, tmp_path: Path, content_type: str
) -> None:
    assert news.site is not None
    news.add("/a")
    feed = news.feed(Hit("/feed.xml", {}, 0)).body
    news.site.routes["/feed.xml"] = Reply(body=feed, headers={"Content-Type": content_type})
    run = follower(news.site, tmp_path / "news.db")
    assert run.round().line() == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    run.store.close()


def test_a_sitemap_index_that_names_itself_is_read_once_a_round(tmp_path: Path) -> None:
    news = NewsSite()

    def index(hit: Hit) -> Reply:
        assert news.site is not None
        names = "".join(
            f"<sitemap><loc>{news.site.url(p)}</loc></sitemap>" for p in ("/feed.xml", "/s.xml")
        )
        return Reply(
            body=f"<sitemapindex>{names}</sitemapindex>".encode(),
            headers={"Content-Type": "text/xml"},
        )

    def sitemap(hit: Hit) -> Reply:
        assert news.site is not None
        body = f"<urlset><url><loc>{news.site.url('/a')}</loc></url></urlset>".encode()
        return Reply(body=body, headers={"Content-Type": "application/xml"})

    with serve({"/feed.xml": index, "/s.xml": sitemap}) as site:
        news.site = site
        news.add("/a")
        run = follower(site, tmp_path / "news.db")
        assert run.round().line() == "1 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
        assert [path for path, _ in page_requests(site)] == ["/feed.xml", "/s.xml", "/a"]
        run.store.close()
