"""The polite HTTP client against real servers on loopback: slow, failing, redirecting, huge."""

from __future__ import annotations

import gzip
import itertools
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from newsgraph.cli import main
from newsgraph.cli.base import fetch_policy
from newsgraph.errors import (
    FetchError,
    FetchTimeout,
    HttpStatusError,
    InputTooLarge,
    RobotsDisallowed,
    UnsupportedType,
)
from newsgraph.sources.decode import decode
from newsgraph.sources.fetch import USER_AGENT, Fetcher, FetchPolicy, Validators
from tests.loopback import HTML, Hit, Reply, html_page, serve

PAGE = html_page("Harbour reopens", "The harbour reopened on Monday after a week of repairs.")
FAST = FetchPolicy(delay=0.0, read_timeout=0.5, connect_timeout=0.5, backoff=0.01)


def fetcher(**changes: object) -> Fetcher:
    """A fetcher with short limits, changed as a test needs."""
    return Fetcher(FetchPolicy(**{**FAST.__dict__, **changes}))  # type: ignore[arg-type]


def moved(to: str) -> Reply:
    return Reply(302, headers={"Location": to})


def test_a_page_is_fetched_with_our_user_agent() -> None:
    with serve({"/a": Reply(body=PAGE, headers=HTML)}) as site:
        fetched = fetcher().get(site.url("/a"))
    assert (fetched.status, fetched.body, fetched.content_type) == (200, PAGE, "text/html")
    assert fetched.charset == "utf-8"
    assert site.paths() == ["/robots.txt", "/a"]
    assert site.hits[1].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsgraph/")


def test_redirects_are_followed_and_the_final_url_kept() -> None:
    routes = {"/old": moved("/older"), "/older": moved("/new"), "/new": Reply(body=PAGE)}
    with serve(routes) as site:
        fetched = fetcher().get(site.url("/old"))
    assert (fetched.url, fetched.final_url) == (site.url("/old"), site.url("/new"))
    assert site.paths() == ["/robots.txt", "/old", "/older", "/new"]


def test_a_redirect_loop_is_refused() -> None:
    with serve({"/a": moved("/b"), "/b": moved("/a")}) as site, pytest.raises(FetchError) as err:
        fetcher().get(site.url("/a"))
    assert str(err.value) == f"redirect loop: {site.url('/b')} leads back to {site.url('/a')}"
    assert site.paths() == ["/robots.txt", "/a", "/b"]


def test_more_than_five_redirects_are_refused() -> None:
    routes = {f"/r{i}": moved(f"/r{i + 1}") for i in range(10)}
    with serve(routes) as site, pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher().get(site.url("/r0"))
    assert site.paths()[-1] == "/r5"


def test_a_503_is_retried_and_the_next_answer_used() -> None:
    answers = iter([Reply(503), Reply(body=PAGE)])
    with serve({"/a": lambda hit: next(answers)}) as site:
        fetched = fetcher().get(site.url("/a"))
    assert fetched.body == PAGE
    assert len(site.requests_to("/a")) == 2


def test_an_error_that_lasts_gives_up_after_the_tries() -> None:
    with serve({"/a": Reply(500)}) as site, pytest.raises(HttpStatusError) as err:
        fetcher(tries=3).get(site.url("/a"))
    assert str(err.value) == (
        f"{site.url('/a')} answered HTTP 500 Internal Server Error (gave up after 3 tries)"
    )
    assert err.value.kind == "http_status"
    assert len(site.requests_to("/a")) == 3


def test_a_404_is_not_retried() -> None:
    with serve({}) as site, pytest.raises(HttpStatusError, match=r"answered HTTP 404 Not Found$"):
        fetcher().get(site.url("/gone"))
    assert len(site.requests_to("/gone")) == 1


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    answers = iter([Reply(429, headers={"Retry-After": "3600"}), Reply(body=PAGE)])
    waits: list[float] = []
    client = fetcher(max_retry_after=0.05)
    client.sleep = lambda seconds: (waits.append(seconds), time.sleep(seconds))[1]
    with serve({"/a": lambda hit: next(answers)}) as site:
        assert client.get(site.url("/a")).body == PAGE
    assert waits == [0.05]


def test_a_slow_page_times_out_and_is_retried() -> None:
    with serve({"/slow": Reply(body=PAGE, delay=2.0)}) as site, pytest.raises(FetchTimeout) as err:
        fetcher(read_timeout=0.2, tries=2).get(site.url("/slow"))
    assert str(err.value) == (
        f"{site.url('/slow')} sent nothing for 0.2 s (read timeout) (gave up after 2 tries)"
    )
    assert len(site.requests_to("/slow")) == 2


def test_a_trickling_page_hits_the_total_time_limit() -> None:
    trickle = Reply(headers=HTML, chunks=itertools.repeat(b"<p>more</p>", 100), chunk_pause=0.05)
    started = time.monotonic()
    with serve({"/drip": trickle}) as site, pytest.raises(FetchTimeout, match="total time limit"):
        fetcher(total_timeout=0.3, tries=1).get(site.url("/drip"))
    assert time.monotonic() - started < 2.0  # stopped at the limit, not when the server was done


def test_a_huge_page_is_cut_off_while_streaming() -> None:
    endless = Reply(headers=HTML, chunks=itertools.repeat(b"x" * 65536, 1024))  # 64 MB
    with serve({"/huge": endless}) as site, pytest.raises(InputTooLarge) as err:
        fetcher(max_bytes=100_000).get(site.url("/huge"))
    assert str(err.value) == f"{site.url('/huge')} is more than 0.1 MB, over the 0.1 MB limit"
    time.sleep(0.1)  # let the server notice that the client went away
    assert site.sent["/huge"] < 16 * 1024 * 1024


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    big = Reply(body=b"x" * 200_000, headers=HTML)
    with serve({"/big": big}) as site, pytest.raises(InputTooLarge, match=r"is 0\.2 MB, over"):
        fetcher().get(site.url("/big"), max_bytes=100_000)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("image/png", b"\x89PNG\r\n"), ("application/pdf", b"%PDF-1.4"), ("application/json", b"{}")],
)
def test_content_that_is_not_a_page_is_refused_by_its_type(content_type: str, body: bytes) -> None:
    reply = Reply(body=body, headers={"Content-Type": content_type})
    with serve({"/f": reply}) as site, pytest.raises(UnsupportedType) as err:
        fetcher().get(site.url("/f"))
    assert str(err.value) == f"{site.url('/f')} is {content_type}, not a page"
    assert err.value.kind == "content_type"


def test_robots_txt_is_obeyed_and_read_once_per_host() -> None:
    robots = Reply(body=b"User-agent: *\nDisallow: /private/\n")
    routes = {"/robots.txt": robots, "/public": Reply(body=PAGE), "/private/a": Reply(body=PAGE)}
    client = fetcher()
    with serve(routes) as site:
        assert client.get(site.url("/public")).body == PAGE
        with pytest.raises(RobotsDisallowed) as err:
            client.get(site.url("/private/a"))
    assert str(err.value) == f"disallowed by robots.txt ({site.url('/robots.txt')})"
    assert site.paths() == ["/robots.txt", "/public"]


def test_robots_rules_for_our_agent_apply_to_us() -> None:
    robots = Reply(body=b"User-agent: newsgraph\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    routes = {"/robots.txt": robots, "/a": Reply(body=PAGE)}
    with serve(routes) as site, pytest.raises(RobotsDisallowed):
        fetcher().get(site.url("/a"))
    assert site.paths() == ["/robots.txt"]


def test_robots_groups_match_our_product_name_not_the_rest_of_the_user_agent() -> None:
    robots = Reply(body=b"User-agent: github\nDisallow: /\n")
    with serve({"/robots.txt": robots, "/a": Reply(body=PAGE)}) as site:
        assert fetcher().get(site.url("/a")).body == PAGE


def test_a_redirect_into_a_disallowed_path_is_not_followed() -> None:
    robots = Reply(body=b"User-agent: *\nDisallow: /private/\n")
    routes = {"/robots.txt": robots, "/a": moved("/private/b"), "/private/b": Reply(body=PAGE)}
    with serve(routes) as site, pytest.raises(RobotsDisallowed):
        fetcher().get(site.url("/a"))
    assert site.paths() == ["/robots.txt", "/a"]


def test_robots_txt_that_fails_with_5xx_disallows_the_site() -> None:
    routes = {"/robots.txt": Reply(503), "/a": Reply(body=PAGE)}
    with serve(routes) as site, pytest.raises(RobotsDisallowed) as err:
        fetcher(tries=2).get(site.url("/a"))
    assert str(err.value) == (
        f"{site.url('/robots.txt')} answered HTTP 503; the site is not fetched"
    )
    assert site.paths() == ["/robots.txt", "/robots.txt"]


def test_conditional_get_gives_not_modified_without_a_body() -> None:
    def tagged(hit: Hit) -> Reply:
        if hit.headers.get("If-None-Match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=PAGE, headers={**HTML, "ETag": '"v1"', "Last-Modified": "x"})

    client = fetcher()
    with serve({"/a": tagged}) as site:
        first = client.get(site.url("/a"))
        second = client.get(site.url("/a"), first.validators)
    assert first.validators == Validators('"v1"', "x", site.url("/a"))
    assert (second.status, second.not_modified, second.body) == (304, True, b"")
    assert site.requests_to("/a")[1].headers["If-None-Match"] == '"v1"'
    assert site.requests_to("/a")[1].headers["If-Modified-Since"] == "x"


def test_two_requests_to_one_host_are_spaced_by_the_delay() -> None:
    with serve({"/a": Reply(body=PAGE), "/b": Reply(body=PAGE)}) as site:
        client = fetcher(delay=0.3)
        client.get(site.url("/a"))
        client.get(site.url("/b"))
    times = [hit.at for hit in site.hits]
    assert [b - a >= 0.3 for a, b in itertools.pairwise(times)] == [True, True]


def test_a_crawl_delay_longer_than_ours_is_used() -> None:
    robots = Reply(body=b"User-agent: *\nCrawl-delay: 0.4\n")
    with serve({"/robots.txt": robots, "/a": Reply(body=PAGE)}) as site:
        fetcher(delay=0.05).get(site.url("/a"))
    assert site.hits[1].at - site.hits[0].at >= 0.4


def test_a_closed_port_is_a_clear_failure() -> None:
    with serve({}) as site:
        closed = site.url("/a")
    with pytest.raises(FetchError) as err:
        fetcher(tries=1).get(closed)
    assert str(err.value).startswith(f"cannot fetch {closed.replace('/a', '/robots.txt')}: ")
    assert err.value.kind == "fetch"


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "https://"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="not an http"):
        fetcher().get(url)


def test_the_http_charset_beats_a_guess_but_not_valid_utf8() -> None:
    assert decode("café".encode("cp1252"), "iso-8859-1").text == "café"
    assert decode("<p>Un café à Zürich</p>".encode("cp1252"), "latin1").text == (
        "<p>Un café à Zürich</p>"
    )
    assert decode("ĉu vi?".encode("iso8859-3"), "iso-8859-3").text == "ĉu vi?"
    assert decode("café".encode(), "iso-8859-1").text == "café"
    assert decode("<p>Un café à Zürich</p>".encode("cp1252"), None).text == (
        "<p>Un café à Zürich</p>"
    )


# -- the fetch options of the commands that read ----------------------------------------------


@pytest.mark.parametrize("command", ["ingest", "extract", "follow"])
def test_commands_that_fetch_share_the_fetch_options(command: str) -> None:
    defaults = {p.name: p.default for p in main.commands[command].params}
    chosen = {name: defaults[name] for name in ("delay", "timeout", "tries", "user_agent")}
    assert chosen == {"delay": 1.0, "timeout": 20.0, "tries": 3, "user_agent": USER_AGENT}


def test_the_fetch_options_make_a_policy() -> None:
    assert fetch_policy(0.5, 7.0, 2, "tidebot/1") == FetchPolicy(
        user_agent="tidebot/1", delay=0.5, connect_timeout=7.0, read_timeout=7.0, tries=2
    )
    assert fetch_policy(1.0, 45.0, 3, USER_AGENT) == FetchPolicy(read_timeout=45.0)
    assert fetch_policy(1.0, 20.0, 3, USER_AGENT) == FetchPolicy()  # the options' defaults


def test_the_cli_starts_without_the_http_and_feed_libraries() -> None:
    heavy = ("httpx", "feedparser", "protego", "pyarrow")
    probe = f"import sys, newsgraph.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


# -- review regressions: limits that held only in part -------------------------------------------


def _brotli(data: bytes) -> bytes:
    import brotli  # type: ignore[import-untyped]

    return bytes(brotli.compress(data, quality=1))


def _deflate_raw(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "pack"),
    [("gzip", lambda data: gzip.compress(data, 9)), ("br", _brotli)],
)
def test_a_compression_bomb_is_stopped_at_the_limit_without_unpacking_it(
    coding: str, pack: Callable[[bytes], bytes]
) -> None:
    bomb = pack(b"\0" * (32 << 20))  # a few kilobytes that unpack to 32 MB
    reply = Reply(body=bomb, headers={**HTML, "Content-Encoding": coding})
    with serve({"/bomb": reply}) as site:
        tracemalloc.start()
        try:
            with pytest.raises(InputTooLarge, match=r"over the 0\.1 MB limit"):
                fetcher(max_bytes=100_000, tries=1).get(site.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 4 << 20


@pytest.mark.parametrize(
    ("coding", "pack"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", _deflate_raw),
        ("br", _brotli),
    ],
)
def test_compressed_pages_are_unpacked(coding: str, pack: Callable[[bytes], bytes]) -> None:
    reply = Reply(body=pack(PAGE), headers={**HTML, "Content-Encoding": coding})
    with serve({"/a": reply}) as site:
        assert fetcher().get(site.url("/a")).body == PAGE
    assert "br" in site.requests_to("/a")[0].headers["Accept-Encoding"]


def test_an_unknown_compression_is_refused() -> None:
    reply = Reply(body=b"\x28\xb5\x2f\xfd", headers={**HTML, "Content-Encoding": "zstd"})
    with serve({"/a": reply}) as site, pytest.raises(UnsupportedType) as err:
        fetcher().get(site.url("/a"))
    assert str(err.value) == f"{site.url('/a')} is compressed with 'zstd', which we cannot undo"


def test_headers_sent_a_byte_at_a_time_hit_the_total_time_limit() -> None:
    slow = Reply(body=PAGE, headers={**HTML, "X-Padding": "a" * 40}, head_pause=0.05)
    started = time.monotonic()
    with serve({"/slow": slow}) as site, pytest.raises(FetchTimeout) as err:
        fetcher(total_timeout=0.5, read_timeout=0.5, tries=1).get(site.url("/slow"))
    assert str(err.value) == f"{site.url('/slow')} took more than 0.5 s (total time limit)"
    assert time.monotonic() - started < 1.5  # the headers alone would take 4 s


def test_a_crawl_delay_is_not_taken_from_the_total_time_limit() -> None:
    robots = Reply(body=b"User-agent: *\nCrawl-delay: 0.4\n")
    with serve({"/robots.txt": robots, "/a": Reply(body=PAGE, headers=HTML)}) as site:
        assert fetcher(delay=0.0, total_timeout=0.3).get(site.url("/a")).body == PAGE
    assert site.hits[1].at - site.hits[0].at >= 0.4


def test_the_delay_holds_per_host_name_across_schemes_and_ports() -> None:
    # Two servers on 127.0.0.1 stand for http://h and https://h: one machine, one delay.
    with (
        serve({"/b": Reply(body=PAGE, headers=HTML)}) as second,
        serve({"/a": moved(second.url("/b"))}) as first,
    ):
        fetcher(delay=0.3).get(first.url("/a"))
    times = sorted(hit.at for hit in [*first.hits, *second.hits])
    assert len(times) == 4  # robots.txt and the page, on each
    assert [b - a >= 0.3 for a, b in itertools.pairwise(times)] == [True, True, True]


def test_a_robots_txt_over_the_limit_is_read_up_to_it() -> None:
    rules = b"User-agent: *\nDisallow: /private\n" + b"# padding\n" * 60_000  # 600 kB
    routes = {"/robots.txt": Reply(body=rules), "/a": Reply(body=PAGE, headers=HTML)}
    with serve(routes) as site:
        client = fetcher()
        assert client.get(site.url("/a")).body == PAGE
        with pytest.raises(RobotsDisallowed):
            client.get(site.url("/private"))


def test_the_callers_size_limit_may_raise_the_policys() -> None:
    big = html_page("Long", "word " * 40_000)  # 200 kB
    with serve({"/big": Reply(body=big, headers=HTML)}) as site:
        assert fetcher(max_bytes=100_000).get(site.url("/big"), max_bytes=300_000).body == big


def test_broken_compressed_data_is_a_clear_failure() -> None:
    reply = Reply(body=b"\x1f\x8bnot gzip at all", headers={**HTML, "Content-Encoding": "gzip"})
    with serve({"/a": reply}) as site, pytest.raises(FetchError) as err:
        fetcher(tries=1).get(site.url("/a"))
    assert str(err.value).startswith(f"{site.url('/a')} sent broken gzip data: ")
