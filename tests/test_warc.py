from __future__ import annotations

import gzip
import logging
import subprocess
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import brotli
import pytest

from newsgraph.errors import MalformedInput
from newsgraph.sources import Failure, Input, read_paths
from newsgraph.sources.decode import decode
from newsgraph.sources.warc import WarcStats, is_warc, read_warc, target_uri
from newsgraph.sources.warc_http import dechunk, parse_head
from newsgraph.store import Store

Cli = Callable[..., subprocess.CompletedProcess[str]]

CRAWLED = "2025-03-04T05:06:07Z"


def page(title: str, words: str) -> bytes:
    """A small article page of our own, long enough for the extract stage."""
    body = f"<p>{words} The council met again on Tuesday evening to discuss the harbour plan.</p>"
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
    return (html + "</article></body></html>").encode()


def record(kind: str, uri: str, block: bytes, content_type: str, *extra: str) -> bytes:
    """One WARC/1.1 record, written byte by byte as the spec lays it out."""
    lines = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{abs(zlib.crc32(kind.encode() + uri.encode() + block))}>",
        f"WARC-Date: {CRAWLED}",
        f"WARC-Target-URI: {uri}",
        f"Content-Type: {content_type}",
        *extra,
        f"Content-Length: {len(block)}",
    ]
    return "\r\n".join(lines).encode() + b"\r\n\r\n" + block + b"\r\n\r\n"


def response(uri: str, status: str, headers: Sequence[tuple[str, str]], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return record("response", uri, head.encode() + body, "application/http; msgtype=response")


def chunked(body: bytes, size: int) -> bytes:
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


FERRY = page("Ferry strike called off", "Ferry crews accepted the new offer late on Sunday.")
ZIPPED = page("Bridge reopens", "The old bridge reopened to cyclists after repairs.")
CHUNKED = page("Library hours extended", "The town library will stay open until nine.")
CYRILLIC_TEXT = "Мост открыт для велосипедистов после ремонта, сообщили в мэрии города."
# The <meta> tag lies: only the HTTP header names the page's real charset.
CYRILLIC = (
    '<html><head><meta charset="iso-8859-1"><title>Мост</title></head>'
    f"<body><article><p>{CYRILLIC_TEXT}</p></article></body></html>"
).encode("cp1251")
HTML = ("Content-Type", "text/html; charset=utf-8")

SITE = "https://news.example"
FIELDS = "application/warc-fields"
REQUEST = b"GET /ferry HTTP/1.1\r\nHost: news.example\r\n\r\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)
REVISIT = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
SAME_PAYLOAD = "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
CP1251 = ("Content-Type", "text/html; charset=windows-1251")
GZIP = ("Content-Encoding", "gzip")
CHUNKS = ("Transfer-Encoding", "chunked")

ARCHIVE = [
    record("warcinfo", "", b"software: test\r\n", FIELDS),
    record("request", f"{SITE}/ferry", REQUEST, "application/http; msgtype=request"),
    response(f"{SITE}/ferry", "200 OK", [HTML], FERRY),
    response(f"{SITE}/gone", "404 Not Found", [HTML], b"<html><p>No such page</p></html>"),
    response(f"{SITE}/logo.png", "200 OK", [("Content-Type", "image/png")], PNG),
    record("metadata", f"{SITE}/ferry", b"outlinks: https://news.example/\r\n", FIELDS),
    record("revisit", f"{SITE}/ferry", REVISIT, "application/http", SAME_PAYLOAD),
    response(f"{SITE}/bridge", "200 OK", [HTML, GZIP], gzip.compress(ZIPPED)),
    response(f"{SITE}/library", "200 OK", [HTML, CHUNKS], chunked(CHUNKED, 40)),
    response(f"{SITE}/most", "200 OK", [CP1251], CYRILLIC),
]
PAGES = [FERRY, ZIPPED, CHUNKED]
SKIPS = "HTTP 4xx 1, metadata 1, non-HTML 1, request 1, revisit 1, warcinfo 1"


def offsets(records: Sequence[bytes]) -> list[int]:
    """Where each record starts in the uncompressed archive."""
    starts = [0]
    for rec in records[:-1]:
        starts.append(starts[-1] + len(rec))
    return starts


def write(path: Path, records: Sequence[bytes]) -> Path:
    """A .warc as one stream, a .warc.gz as one gzip member per record (as crawlers write)."""
    data = [gzip.compress(r) for r in records] if path.name.endswith(".gz") else records
    path.write_bytes(b"".join(data))
    return path


def read(path: Path, max_bytes: int = 1_000_000) -> tuple[list[Input | Failure], WarcStats]:
    stats = WarcStats(path.name)
    return list(read_warc(path, max_bytes=max_bytes, stats=stats)), stats


def inputs(items: Sequence[Input | Failure]) -> list[Input]:
    assert all(isinstance(i, Input) for i in items), items
    return [i for i in items if isinstance(i, Input)]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_inputs_and_the_rest_is_counted(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, ARCHIVE)
    items, stats = read(path)
    got = inputs(items)
    starts = offsets(ARCHIVE)
    container = f"warc:{path}"
    assert [(i.source, i.url) for i in got] == [
        (f"{container}#{starts[2]}", "https://news.example/ferry"),
        (f"{container}#{starts[7]}", "https://news.example/bridge"),
        (f"{container}#{starts[8]}", "https://news.example/library"),
        (f"{container}#{starts[9]}", "https://news.example/most"),
    ]
    assert [i.content for i in got[:3]] == [body.decode() for body in PAGES]
    assert CYRILLIC_TEXT in got[3].content
    assert all(i.kind == "html" and i.meta == {"crawled": CRAWLED} for i in got)
    assert all(not i.notes for i in got)
    assert stats.line() == f"warc: {name}: 4 pages, skipped 6 records ({SKIPS})"


def test_the_http_charset_outranks_a_wrong_meta_tag(tmp_path: Path) -> None:
    assert CYRILLIC_TEXT not in decode(CYRILLIC).text  # the <meta> tag alone misleads
    items, _ = read(write(tmp_path / "a.warc", ARCHIVE[9:]))
    assert CYRILLIC_TEXT in inputs(items)[0].content


def test_valid_utf8_outranks_a_stale_http_charset(tmp_path: Path) -> None:
    body = "<p>Zoë read déjà vu at the café.</p>".encode()
    latin1 = ("Content-Type", "text/html; charset=iso-8859-1")
    rec = response("https://x.example/", "200 OK", [latin1], body)
    items, _ = read(write(tmp_path / "a.warc", [rec]))
    assert inputs(items)[0].content == body.decode()


def test_sources_and_digests_are_stable_across_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "a.warc.gz", ARCHIVE)
    first, second = read(path)[0], read(path)[0]
    assert [(i.source, i.digest) for i in inputs(first)] == [
        (i.source, i.digest) for i in inputs(second)
    ]
    assert len({i.digest for i in inputs(first)}) == 4


def test_warc_files_are_found_by_content_not_name(tmp_path: Path) -> None:
    write(tmp_path / "archive.bin", ARCHIVE[:3])
    (tmp_path / "note.warc").write_text("<html><p>just a page</p></html>")
    items = list(read_paths([str(tmp_path)]))
    assert [i.source for i in items] == [
        f"warc:{tmp_path / 'archive.bin'}#{offsets(ARCHIVE)[2]}",
        f"file:{tmp_path / 'note.warc'}",
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo", True),
        (b"WARC/1.1\r\n", True),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"), True),
        (b"WARC/2.0\r\n", False),
        (b"<html>WARC/1.1</html>", False),
        (gzip.compress(b"<html></html>"), False),
        (b"\x1f\x8bnot gzip", False),
    ],
)
def test_is_warc(head: bytes, expected: bool) -> None:
    assert is_warc(head) is expected


def test_the_size_limit_is_per_record(tmp_path: Path) -> None:
    big = response("https://x.example/big", "200 OK", [HTML], FERRY + b" " * 2000)
    path = write(tmp_path / "a.warc.gz", [big, ARCHIVE[2]])
    items, stats = read(path, max_bytes=1500)
    assert isinstance(items[0], Failure) and items[0].kind == "too_large"
    assert items[0].source == f"warc:{path}#0"
    assert isinstance(items[1], Input) and items[1].url == "https://news.example/ferry"
    assert (stats.pages, stats.problems) == (1, 1)


def test_a_body_too_large_once_decompressed_is_refused(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<html>" + b" " * 200_000)
    rec = response("https://x.example/", "200 OK", [HTML, ("Content-Encoding", "gzip")], bomb)
    items, _ = read(write(tmp_path / "a.warc", [rec]), max_bytes=10_000)
    assert isinstance(items[0], Failure) and items[0].kind == "too_large"
    assert "decompressed" in items[0].message


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
        ("br", brotli.compress),
        ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
        ("gzip", lambda b: b),  # stored already decompressed, the header kept
    ],
)
def test_content_encodings(tmp_path: Path, coding: str, encode: Callable[[bytes], bytes]) -> None:
    encoded = encode(FERRY)
    rec = response("https://x.example/", "200 OK", [HTML, ("Content-Encoding", coding)], encoded)
    items, _ = read(write(tmp_path / "a.warc", [rec]))
    assert inputs(items)[0].content == FERRY.decode()


@pytest.mark.parametrize(
    ("coding", "body", "message"),
    [
        ("gzip", b"\x1f\x8b\x08 not really gzip", "broken gzip HTTP body"),
        ("zstd", b"(\xb5/\xfd data", "unsupported Content-Encoding 'zstd'"),
    ],
)
def test_undecodable_bodies_fail_alone(
    tmp_path: Path, coding: str, body: bytes, message: str
) -> None:
    rec = response("https://x.example/", "200 OK", [HTML, ("Content-Encoding", coding)], body)
    path = write(tmp_path / "a.warc", [rec, ARCHIVE[2]])
    items, _ = read(path)
    assert isinstance(items[0], Failure) and items[0].kind == "malformed"
    assert items[0].source == f"warc:{path}#0" and message in items[0].message
    assert isinstance(items[1], Input)


def test_a_gzip_body_cut_short_is_kept_with_a_note(tmp_path: Path) -> None:
    cut = gzip.compress(FERRY)[:-30]
    rec = response("https://x.example/", "200 OK", [HTML, ("Content-Encoding", "gzip")], cut)
    item = inputs(read(write(tmp_path / "a.warc", [rec]))[0])[0]
    assert FERRY.decode().startswith(item.content[:40])
    assert item.notes == ["the compressed body ends early (gzip)"]


def test_a_missing_content_type_is_sniffed(tmp_path: Path) -> None:
    untyped = [
        response("https://x.example/page", "200 OK", [], FERRY),
        response("https://x.example/pic", "200 OK", [], b"GIF89a" + bytes(30)),
        response("https://x.example/plain", "200 OK", [], b"Just some words, no markup at all."),
        response("https://x.example/none", "204 No Content", [], b""),
        response("https://x.example/blank", "200 OK", [HTML], b"  \r\n"),
    ]
    items, stats = read(write(tmp_path / "a.warc", untyped))
    assert [i.url for i in inputs(items)] == ["https://x.example/page"]
    assert stats.skipped == {"non-HTML": 2, "empty": 2}


def test_a_response_without_an_http_status_line_is_a_problem(tmp_path: Path) -> None:
    broken = record(
        "response", "https://x.example/", b"garbage\r\n\r\n<p>hi</p>", "application/http"
    )
    items, stats = read(write(tmp_path / "a.warc", [broken, ARCHIVE[2]]))
    assert isinstance(items[0], Failure) and "no status line" in items[0].message
    assert isinstance(items[1], Input)
    assert stats.line().endswith("1 pages, skipped 0 records, 1 problems")


@pytest.mark.parametrize(
    ("name", "cut", "where"),
    [
        ("a.warc.gz", 40, "in the record at offset {3}"),
        ("a.warc", 300, "in the record at offset {3}"),
        ("a.warc", 40, "in the record at offset {3}: the record ends after"),
    ],
)
def test_a_cut_off_archive_keeps_the_records_before_the_damage(
    tmp_path: Path, name: str, cut: int, where: str
) -> None:
    records = [ARCHIVE[2], ARCHIVE[7], ARCHIVE[8], ARCHIVE[2]]
    path = write(tmp_path / name, records)
    path.write_bytes(path.read_bytes()[:-cut])
    items, stats = read(path)
    assert [i.url for i in items if isinstance(i, Input)] == [
        "https://news.example/ferry",
        "https://news.example/bridge",
        "https://news.example/library",
    ]
    assert len(items) == 4
    damage = items[-1]
    assert isinstance(damage, Failure) and damage.source == f"warc:{path}"
    assert f"the archive is damaged {where.format(*offsets(records))}" in damage.message
    assert damage.message.endswith("(3 earlier records read)")
    assert (stats.pages, stats.problems) == (3, 1)


def test_garbage_between_gzip_members_ends_the_archive_with_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    path.write_bytes(gzip.compress(ARCHIVE[2]) + b"junk" + gzip.compress(ARCHIVE[7]))
    items, _ = read(path)
    assert isinstance(items[0], Input) and len(items) == 2
    assert isinstance(items[1], Failure)
    assert items[1].message.startswith("the archive is damaged after the record at offset 0: ")


def test_the_summary_is_logged_once_per_archive(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "a.warc", ARCHIVE)
    with caplog.at_level(logging.INFO, logger="newsgraph.sources"):
        list(read_paths([str(path)]))
    assert caplog.messages == [f"warc: {path}: 4 pages, skipped 6 records ({SKIPS})"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n", b"Hello world"),
        (b"5;name=x\r\nHello\r\n0\r\n\r\n", b"Hello"),
        (b"5\nHello\n0\n\n", b"Hello"),
        (b"5\r\nHello\r\n", b"Hello"),  # the last chunk never came: keep what did
        (b"<html>already joined</html>", b"<html>already joined</html>"),
    ],
)
def test_dechunk(body: bytes, expected: bytes) -> None:
    assert dechunk(body) == expected


def test_a_broken_chunk_size_is_an_error() -> None:
    with pytest.raises(MalformedInput, match="broken at byte 10"):
        dechunk(b"5\r\nHello\r\nzz\r\n")


def test_stats_line() -> None:
    stats = WarcStats("c.warc.gz", pages=120, problems=2)
    stats.skipped.update({"request": 200, "metadata": 100, "non-HTML": 40})
    assert stats.line() == (
        "warc: c.warc.gz: 120 pages, skipped 340 records "
        "(request 200, metadata 100, non-HTML 40), 2 problems"
    )
    assert WarcStats("e.warc").line() == "warc: e.warc: 0 pages, skipped 0 records"


def test_ingest_twice_via_the_cli(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "crawl.warc.gz", ARCHIVE)
    first = cli("ingest", "crawl.warc.gz", "--stages", "extract")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("4 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems")
    assert f"warc: crawl.warc.gz: 4 pages, skipped 6 records ({SKIPS})" in first.stderr
    second = cli("ingest", "crawl.warc.gz", "--stages", "extract")
    assert second.stdout.startswith("0 stored, 0 replaced, 4 unchanged")
    with Store(str(tmp_path / "news.db")) as store:
        titles = sorted(store.get(doc_id).meta.title for doc_id in store.ids())
    assert titles == ["Bridge reopens", "Ferry strike called off", "Library hours extended", "Мост"]


def test_a_truncated_archive_via_the_cli(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "cut.warc.gz", [ARCHIVE[2], ARCHIVE[7], ARCHIVE[8]])
    path.write_bytes(path.read_bytes()[:-40])
    done = cli("ingest", "cut.warc.gz", "--stages", "extract")
    assert done.returncode == 3
    assert done.stdout.startswith("2 stored, 0 replaced, 0 unchanged, 0 skipped, 1 problems")
    problems = cli("problems")
    assert "warc:cut.warc.gz" in problems.stdout and "damaged" in problems.stdout


def test_other_records_are_skipped_by_reason(tmp_path: Path) -> None:
    others = [
        record("response", "dns:news.example", b"20250304 news.example 192.0.2.1", "text/dns"),
        record("resource", f"{SITE}/saved", FERRY, "text/html"),
        response(f"{SITE}/old", "301 Moved Permanently", [("Location", f"{SITE}/new")], b""),
        response(f"{SITE}/err", "503 Service Unavailable", [HTML], b"<p>busy</p>"),
        response(f"{SITE}/feed", "200 OK", [("Content-Type", "application/rss+xml")], b"<rss/>"),
    ]
    items, stats = read(write(tmp_path / "a.warc", others))
    assert items == []
    assert stats.line() == (
        "warc: a.warc: 0 pages, skipped 5 records "
        "(HTTP 3xx 1, HTTP 5xx 1, non-HTML 1, non-HTTP 1, resource 1)"
    )


def test_a_page_the_crawler_cut_short_carries_a_note(tmp_path: Path) -> None:
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    block = head.encode() + FERRY[:200]
    cut = record("response", f"{SITE}/long", block, "application/http", "WARC-Truncated: length")
    item = inputs(read(write(tmp_path / "a.warc", [cut]))[0])[0]
    assert item.content == FERRY[:200].decode()
    assert item.notes == ["the crawler cut this page short (length)"]


def test_a_warc_cut_inside_a_record_header(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    path.write_bytes(ARCHIVE[2] + ARCHIVE[2][:120])
    items, _ = read(path)
    assert isinstance(items[0], Input) and isinstance(items[1], Failure)
    assert items[1].message == (
        f"the archive is damaged in the record at offset {len(ARCHIVE[2])}: "
        "the record's WARC header is cut off (1 earlier record read)"
    )


def test_target_uris_differing_only_in_non_utf8_bytes_stay_apart(tmp_path: Path) -> None:
    # Latin-1 é and è: decoded with replacement both became "caf\ufffd", one page overwrote
    # the other.
    first = response(f"{SITE}/caf_", "200 OK", [HTML], FERRY).replace(b"/caf_", b"/caf\xe9")
    second = response(f"{SITE}/caf_", "200 OK", [HTML], ZIPPED).replace(b"/caf_", b"/caf\xe8")
    items, _ = read(write(tmp_path / "a.warc", [first, second]))
    assert [i.url for i in inputs(items)] == [f"{SITE}/caf%E9", f"{SITE}/caf%E8"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"<https://x.example/caf\xc3\xa9>", "https://x.example/café"),
        (b"https://x.example/a b\xff", "https://x.example/a b%FF"),
        (b"https://x.example/%E9", "https://x.example/%E9"),
        (b" <> ", None),
        (None, None),
    ],
)
def test_target_uri(raw: bytes | None, expected: str | None) -> None:
    assert target_uri(raw) == expected


def test_an_http_header_with_bare_lf_line_ends_is_read(tmp_path: Path) -> None:
    block = b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\n\n"
    rec = record("response", f"{SITE}/lf", block + gzip.compress(FERRY), "application/http")
    items, stats = read(write(tmp_path / "a.warc", [rec]))
    assert [i.content for i in inputs(items)] == [FERRY.decode()]
    assert stats.line() == "warc: a.warc: 1 pages, skipped 0 records"


def test_an_html_response_whose_http_header_never_ends_is_a_problem(tmp_path: Path) -> None:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    items, stats = read(
        write(tmp_path / "a.warc", [record("response", SITE, block, "application/http")])
    )
    assert [(type(i).__name__, i.message) for i in items if isinstance(i, Failure)] == [
        ("Failure", "the record's HTTP header never ends (no blank line), so no body")
    ]
    assert stats.line() == "warc: a.warc: 0 pages, skipped 0 records, 1 problems"


def test_parse_head_joins_folded_lines_and_repeated_fields() -> None:
    head = parse_head(
        b'HTTP/1.0 200\r\nContent-Type:\r\n  Text/HTML; Charset="ISO-8859-1"\n'
        b"Content-Encoding: gzip\r\nno colon here\r\ncontent-encoding: br"
    )
    assert (head.status, head.content_type, head.charset) == (200, "text/html", "ISO-8859-1")
    assert head.get("Content-Encoding") == "gzip, br"
    assert head.get("Location") == ""


def test_zero_padding_after_the_last_gzip_member_is_not_damage(tmp_path: Path) -> None:
    path = write(tmp_path / "a.warc.gz", [ARCHIVE[2], ARCHIVE[7]])
    path.write_bytes(path.read_bytes() + bytes(100_000))
    items, stats = read(path)
    assert len(inputs(items)) == 2
    assert stats.line() == "warc: a.warc.gz: 2 pages, skipped 0 records"


def test_garbage_after_zero_padding_is_still_damage(tmp_path: Path) -> None:
    path = write(tmp_path / "a.warc.gz", [ARCHIVE[2]])
    path.write_bytes(path.read_bytes() + bytes(512) + b"junk")
    items, _ = read(path)
    assert isinstance(items[0], Input) and isinstance(items[1], Failure)
    assert "incorrect header check" in items[1].message
