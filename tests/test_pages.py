"""The explorer's pages over a real server on a loopback port, and the span-to-HTML builder."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from newsgraph import Doc, Meta, Store
from newsgraph.web import charts
from newsgraph.web.highlight import Mark, highlight
from newsgraph.web.pages import add_pages, fact_title, safe_link

from .conftest import serving

XSS_TITLE = '<script>alert("title")</script>'
XSS_BODY = (
    'Mayor Ana Petrov said "<img src=x onerror=alert(1)>" and '
    '<a href="javascript:alert(2)">click</a> on 3 May.'
)


def at(doc: Doc, words: str) -> tuple[int, int]:
    start = doc.text.index(words, doc.body_start)
    return start, start + len(words)


def ferry_doc() -> Doc:
    doc = Doc(id="ferry", source="test:ferry", url="https://tribune.example/ferry")
    doc.meta = Meta(title="Ferry strike", site="tribune.example", published="2025-03-04")
    doc.set_text("Ferry strike", '"We waited," said Amara Quist in Oslo, about 400 workers.')
    doc.add_span(
        "quote",
        *at(doc, '"We waited,"'),
        label="direct",
        stage="q",
        value={"speaker": "Amara Quist"},
    )
    doc.add_span(
        "entity",
        *at(doc, "Amara Quist"),
        label="PERSON",
        stage="entities",
        value={"name": "Amara Quist", "entity": "person:amara-quist"},
    )
    doc.add_span(
        "place",
        *at(doc, "Oslo"),
        label="city",
        stage="places",
        value={"name": "Oslo", "country": "NO", "lat": 59.9, "lon": 10.7},
    )
    doc.add_span(
        "amount",
        *at(doc, "about 400 workers"),
        label="count",
        stage="amounts",
        value={"low": 400, "high": 400, "modifier": "about", "object": "workers"},
    )
    doc.add_span(
        "entity",
        *at(doc, "Oslo"),
        label="GPE",
        stage="entities",
        value={"name": "Oslo", "entity": "gpe:oslo"},
    )
    return doc


def xss_doc() -> Doc:
    doc = Doc(id="xss", source="test:xss", url="javascript:alert(3)")
    doc.meta = Meta(title=XSS_TITLE, site="<b>evil</b>", published="2025-03-05",
                    authors=["<svg onload=alert(4)>"])  # fmt: skip
    doc.set_text(XSS_TITLE, XSS_BODY)
    doc.add_span(
        "entity",
        *at(doc, "Ana Petrov"),
        label="PERSON",
        stage="entities",
        value={"name": "Ana Petrov", "entity": 'person:ana-petrov"><script>'},
    )
    doc.add_span(
        "quote",
        *at(doc, '"<img src=x onerror=alert(1)>"'),
        label="direct",
        stage="quotes",
        value={"speaker": "Ana <script>", "text": "x"},
    )
    doc.add_span(
        "time",
        *at(doc, "3 May"),
        label="date",
        stage="times",
        value={"start": "2025-05-03", "end": "2025-05-03", "granularity": "day"},
    )
    doc.add_problem("read", "decode", "bad byte <script>alert(5)</script>")
    return doc


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("pages") / "news.db"
    with Store(db) as store:
        store.put(ferry_doc(), digest="1")
        store.put(xss_doc(), digest="2")
    app = FastAPI()
    add_pages(app, db)
    with serving(app) as base:
        yield base


def fetch(base: str, path: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as reply:
            return reply.status, reply.read().decode(), dict(reply.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_search_page_lists_articles_with_facets(server: str) -> None:
    status, html, headers = fetch(server, "/search?q=ferry")
    assert status == 200
    assert "1 article for “ferry”" in html
    assert '<a href="/docs/ferry">Ferry strike</a>' in html
    assert 'href="/search?q=ferry&amp;site=tribune.example"' in html
    assert '<a href="/entities/person%3Aamara-quist">Amara Quist</a>' in html
    assert "script-src" not in headers["content-security-policy"]  # default-src 'self' covers it


def test_home_lists_every_article_and_filters_by_site_and_date(server: str) -> None:
    assert "2 articles" in fetch(server, "/")[1]
    assert "1 article<" in fetch(server, "/search?site=tribune.example")[1]
    assert "1 article<" in fetch(server, "/search?since=2025-03-05")[1]
    status, html, _ = fetch(server, "/search?since=March")
    assert status == 200 and "&#39;March&#39; is not a date" in html


def test_article_page_marks_facts(server: str) -> None:
    status, html, _ = fetch(server, "/docs/ferry")
    assert status == 200
    assert '<span class="fact quote quote-direct speaker-' in html
    assert (
        '<a href="/entities/person%3Aamara-quist" class="fact entity entity-PERSON"'
        ' data-fact="2" title="entity (PERSON)\nname: Amara Quist\nentity: person:amara-quist'
        '\nstage: entities">Amara Quist</a>'
    ) in html
    assert 'title="amount (count)\nlow: 400\nhigh: 400\nmodifier: about\nobject: workers' in html
    assert '<a href="/entities/gpe%3Aoslo" class="fact entity entity-GPE" data-fact="5"' in html
    assert '<a href="https://tribune.example/ferry" rel="noopener noreferrer nofollow">' in html
    assert "None recorded." in html


def test_xss_article_renders_inert(server: str) -> None:
    status, html, _ = fetch(server, "/docs/xss")
    assert status == 200
    assert "<script>alert" not in html and "<img" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html and "<b>evil" not in html
    assert "&lt;a href=&#34;javascript:alert(2)&#34;&gt;click&lt;/a&gt;" in html
    assert 'href="/entities/person%3Aana-petrov%22%3E%3Cscript%3E"' in html
    assert "bad byte &lt;script&gt;alert(5)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # only the page's own explorer.js


def test_every_page_escapes_the_xss_article(server: str) -> None:
    for path in (
        "/",
        "/search?q=Petrov",
        "/quotes",
        "/entities/person%3Aana-petrov%22%3E%3Cscript%3E",
    ):
        status, html, _ = fetch(server, path)
        assert status == 200, path
        assert html.count("<script") == 1 and "<img" not in html and "<b>evil" not in html, path


def test_entity_page_has_timeline_quotes_and_companions(server: str) -> None:
    status, html, _ = fetch(server, "/entities/person%3Aamara-quist")
    assert status == 200
    assert '<h1>Amara Quist <span class="muted">PERSON</span></h1>' in html
    assert "<title>2025-03-04: 1 article</title></rect>" in html  # bar geometry: test_charts
    assert 'href="/entities/gpe%3Aoslo"' not in html  # places are not people or organisations
    assert "<strong>Amara Quist</strong>" in html


def test_quotes_page_filters_by_speaker(server: str) -> None:
    html = fetch(server, "/quotes?speaker=quist")[1]
    assert "<strong>Amara Quist</strong>" in html and "Ana &lt;script&gt;" not in html
    assert "Ana &lt;script&gt;" in fetch(server, "/quotes")[1]


def test_map_draws_places_on_a_graticule(server: str) -> None:
    status, html, _ = fetch(server, "/map")
    assert status == 200
    assert '<circle cx="381.4" cy="60.2" r="14.0"><title>Oslo (NO): 1 mention in 1 article' in html
    assert html.count("<line ") == 13 + 7


def test_unknown_ids_are_404_pages(server: str) -> None:
    for path in ("/docs/nope", "/entities/nope"):
        status, html, _ = fetch(server, path)
        assert status == 404 and "Not found" in html


def test_static_files_are_served(server: str) -> None:
    assert fetch(server, "/static/explorer.css")[0] == 200
    assert "data-fact" in fetch(server, "/static/explorer.js")[1]


# -- the span-to-HTML builder ------------------------------------------------------------------


def test_highlight_escapes_text_without_marks() -> None:
    assert highlight('a <b> & "c"', []) == "a &lt;b&gt; &amp; &#34;c&#34;"


def test_highlight_nests_a_mark_inside_another() -> None:
    marks = [Mark(0, 11, 1, ("q",)), Mark(4, 7, 2, ("e",))]
    assert highlight("say Ann now", marks) == (
        '<span class="q" data-fact="1">say <span class="e" data-fact="2">Ann</span> now</span>'
    )


def test_highlight_cuts_overlapping_marks_into_nested_pieces() -> None:
    marks = [Mark(0, 5, 1), Mark(3, 8, 2)]
    assert highlight("abcdefgh", marks) == (
        '<span data-fact="1">abc<span data-fact="2">de</span></span><span data-fact="2">fgh</span>'
    )


def test_highlight_same_range_and_shared_edges() -> None:
    marks = [Mark(2, 4, 2, ("b",)), Mark(0, 2, 1), Mark(2, 4, 3, ("c",))]
    assert highlight("abcd", marks) == (
        '<span data-fact="1">ab</span>'
        '<span class="b" data-fact="2"><span class="c" data-fact="3">cd</span></span>'
    )


def test_highlight_drops_empty_and_outside_marks_and_uses_offset() -> None:
    marks = [Mark(0, 12, 1), Mark(12, 12, 2), Mark(11, 13, 3), Mark(20, 30, 4)]
    assert highlight("xyz", marks, offset=10) == (
        '<span data-fact="1">x<span data-fact="3">y</span></span><span data-fact="3">z</span>'
    )


def test_highlight_never_nests_links_and_escapes_attributes() -> None:
    marks = [Mark(0, 4, 1, href="/a?x=1&y=2"), Mark(1, 3, 2, title='"><x>', href="/b")]
    assert highlight("<ab>", marks) == (
        '<a href="/a?x=1&amp;y=2" data-fact="1">&lt;'
        '<span data-fact="2" title="&#34;&gt;&lt;x&gt;">ab</span>&gt;</a>'
    )


def test_highlight_reopens_a_link_cut_by_an_overlap() -> None:
    marks = [Mark(0, 3, 1), Mark(2, 5, 2, href="/e")]
    assert highlight("abcde", marks) == (
        '<span data-fact="1">ab<a href="/e" data-fact="2">c</a></span>'
        '<a href="/e" data-fact="2">de</a>'
    )


def test_fact_title_shows_value_and_stage() -> None:
    doc = ferry_doc()
    assert fact_title(doc.span(3)) == (
        "place (city)\nname: Oslo\ncountry: NO\nlat: 59.9\nlon: 10.7\nstage: places"
    )


def test_only_http_links_leave_the_site() -> None:
    assert safe_link("https://a.example/x") == "https://a.example/x"
    assert safe_link(" JavaScript:alert(1)") is None
    assert safe_link("data:text/html,x") is None


def test_projection_corners_and_dot_size() -> None:  # the timeline's bars: test_charts.py
    assert charts.project(90, -180) == (0.0, 0.0)
    assert charts.project(-90, 180) == (720.0, 360.0)
    assert charts.dot_radius(1, 4) == 8.0


def test_pages_mount_on_the_api_app(tmp_path: Path) -> None:
    from newsgraph.web.app import create_app

    with Store(tmp_path / "n.db") as store:
        store.put(ferry_doc(), digest="1")
    paths = {getattr(r, "path", "") for r in create_app(tmp_path / "n.db").routes}
    assert {"/", "/search", "/docs/{doc_id}", "/entities/{entity_id}", "/quotes", "/map"} <= paths
    assert "/static" in paths


def test_every_route_runs_on_the_event_loop(tmp_path: Path) -> None:
    """Coroutines with coroutine dependencies: no request is handed to a worker thread."""
    import inspect

    from fastapi.routing import APIRoute

    from newsgraph.web.app import create_app, router

    Store(tmp_path / "n.db").close()
    every = [*create_app(tmp_path / "n.db").routes, *router.routes]  # the API's, included
    routes = [r for r in every if isinstance(r, APIRoute)]
    endpoints = {r.path: inspect.iscoroutinefunction(r.endpoint) for r in routes}
    dependencies = [
        inspect.iscoroutinefunction(d.call) for r in routes for d in r.dependant.dependencies
    ]
    assert {"/", "/entities/{entity_id}", "/api/search", "/api/docs/{doc_id}"} <= set(endpoints)
    assert all(endpoints.values()) and all(dependencies)


# -- quotes about an entity, by id; caps said on the page -------------------------------------


def lane_docs() -> list[Doc]:
    """Ada Lane named two ways inside quotes, and Bo Lane, another Lane, inside a third."""
    said = (
        ("lane-1", "2025-03-06", '"Ada Lane must go," said Cy Moss. "Dr. Lane agrees,"'
                                 " said Cy Moss."),
        ("lane-2", "2025-03-07", '"Lane was late," said Cy Moss.'),
    )  # fmt: skip
    docs = []
    for doc_id, day, body in said:
        doc = Doc(id=doc_id, source=f"test:{doc_id}")
        doc.meta = Meta(title=f"Talks {doc_id}", site="lanes.example", published=day)
        doc.set_text(f"Talks {doc_id}", body)
        for name, words, entity in (
            ("Ada Lane", "Ada Lane", "ada-lane"), ("Ada Lane", "Dr. Lane", "ada-lane"),
            ("Bo Lane", "Lane was", "bo-lane"), ("Cy Moss", "Cy Moss", "cy-moss"),
        ):  # fmt: skip
            if words in body:
                start = doc.text.index(words)
                value = {"name": name, "entity": f"person:{entity}"}
                doc.add_span("entity", start, start + len(words.removesuffix(" was")),
                             label="PERSON", value=value, stage="entities")  # fmt: skip
        for quote in body.split('," said Cy Moss.')[:-1]:
            words = quote.strip(' "')
            start = doc.text.index(words)
            doc.add_span("quote", start, start + len(words), label="direct", stage="quotes",
                         value={"text": words, "speaker": "Cy Moss"})  # fmt: skip
        docs.append(doc)
    return docs


@pytest.fixture
def lanes(tmp_path: Path) -> Path:
    db = tmp_path / "lanes.db"
    with Store(db) as store:
        for n, doc in enumerate(lane_docs()):
            store.put(doc, digest=str(n))
    return db


def test_quotes_about_an_entity_match_its_mentions_not_its_name(lanes: Path) -> None:
    from newsgraph.store_quotes import find_quotes
    from newsgraph.web.queries import connect

    conn = connect(lanes)
    try:
        by_id = [q.text for q in find_quotes(conn, about_entity="person:ada-lane")]
        by_name = [q.text for q in find_quotes(conn, about="Lane")]
        only_second = find_quotes(conn, about_entity="person:ada-lane", doc_ids=["lane-2"])
    finally:
        conn.close()
    assert by_id == ["Ada Lane must go", "Dr. Lane agrees"]
    assert by_name == ["Lane was late", "Ada Lane must go", "Dr. Lane agrees"]
    assert only_second == []


def test_entity_page_lists_quotes_about_it_by_id(lanes: Path) -> None:
    app = FastAPI()
    add_pages(app, lanes)
    with serving(app) as base:
        ada = fetch(base, "/entities/person%3Aada-lane")[1]
        bo = fetch(base, "/entities/person%3Abo-lane")[1]
        quotes = fetch(base, "/quotes?about=person%3Abo-lane")[1]
    assert "<p>Ada Lane must go</p>" in ada and "<p>Dr. Lane agrees</p>" in ada
    assert "Lane was late" not in ada
    assert "<p>Lane was late</p>" in bo and "Ada Lane must go" not in bo
    assert "<p>Lane was late</p>" in quotes and "Dr. Lane" not in quotes


def test_samples_are_said_on_the_page(lanes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.web import entity_queries, page_queries

    monkeypatch.setattr(page_queries, "ENTITY_SAMPLE", 1)
    monkeypatch.setattr(entity_queries, "COMPANY_SAMPLE", 1)
    app = FastAPI()
    add_pages(app, lanes)
    with serving(app) as base:
        home = fetch(base, "/")[1]
        moss = fetch(base, "/search?q=talks")[1]
        ada = fetch(base, "/entities/person%3Aada-lane")[1]
        cy = fetch(base, "/entities/person%3Acy-moss")[1]
    assert "In the newest 1 of 2 articles." in home and "In the newest 1 of 2" in moss
    # Only the newest article (lane-2) is counted: Bo Lane, not Ada Lane.
    assert '<a href="/entities/person%3Abo-lane">Bo Lane</a>' in home
    assert '<a href="/entities/person%3Aada-lane">Ada Lane</a>' not in home
    assert "Counted over its newest" not in ada  # Ada Lane is in one article only
    assert "Counted over its newest 1 articles." in cy
    assert 'href="/entities/person%3Abo-lane"' in cy and "person%3Aada-lane" not in cy


def moss_docs(published: list[str | None]) -> list[Doc]:
    """One article naming Cy Moss for each date given, ids m0, m1, …"""
    docs = []
    for n, day in enumerate(published):
        doc = Doc(id=f"m{n}", source=f"test:m{n}")
        doc.meta = Meta(title=f"Moss {n}", published=day)
        doc.set_text(f"Moss {n}", "Cy Moss spoke.")
        start = doc.text.index("Cy Moss")
        value = {"name": "Cy Moss", "entity": "person:cy-moss"}
        doc.add_span("entity", start, start + 7, label="PERSON", value=value, stage="e")
        docs.append(doc)
    return docs


@pytest.mark.parametrize("count", [1, 10**6])  # the row's count picks how they are read
def test_entity_articles_are_newest_first_with_days_and_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    from newsgraph.web import entity_queries as eq
    from newsgraph.web.queries import connect

    dates = ["2025-03-02T10:00", "2025-03-02", "2025-03-01", None, "2025-03"]
    with Store(tmp_path / "m.db") as store:
        for doc in moss_docs(dates):
            store.put(doc)
    conn = connect(tmp_path / "m.db")
    try:
        found = eq.entity_articles(conn, "person:cy-moss", count)
        days = eq.entity_days(conn, "person:cy-moss")
        newest_two, every = found.newest(2), found.newest(10)
        monkeypatch.setattr(eq, "BATCHES", (2, 1))
        batches = list(found.batches())
    finally:
        conn.close()
    assert days == ([("2025-03-01", 1), ("2025-03-02", 2)], 2)
    assert newest_two == ["m0", "m1"]
    assert every == ["m0", "m1", "m2", "m4", "m3"]  # "2025-03" sorts before its days
    assert batches == [["m0", "m1"], ["m2"], ["m4"], ["m3"]]


def test_both_ways_of_reading_an_entity_agree(lanes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.web import entity_queries as eq
    from newsgraph.web.queries import connect

    conn = connect(lanes)
    try:
        few, many = (eq.entity_articles(conn, "person:cy-moss", n) for n in (0, 10**6))
        by_index = eq.quotes_by(conn, "person:cy-moss", "Cy Moss", few, 2)
        monkeypatch.setattr(eq, "MANY_QUOTES", 0)  # as if Cy Moss were quoted very often
        by_articles = eq.quotes_by(conn, "person:cy-moss", "Cy Moss", few, 2)
        newest = (few.newest(5), many.newest(5))
    finally:
        conn.close()
    assert newest == (["lane-2", "lane-1"], ["lane-2", "lane-1"])
    assert [q.text for q in by_index] == ["Lane was late", "Ada Lane must go"]
    assert by_articles == by_index


@pytest.mark.parametrize("sample", [1, 2, 100])
def test_a_search_page_is_the_same_read_from_the_sample_or_not(
    lanes: Path, monkeypatch: pytest.MonkeyPatch, sample: int
) -> None:
    from newsgraph.web import page_queries as pq
    from newsgraph.web.queries import connect

    monkeypatch.setattr(pq, "ENTITY_SAMPLE", sample)
    conn = connect(lanes)
    try:
        pages = [pq.search_page(conn, pq.DocFilter(), page, 1) for page in (1, 2, 3)]
    finally:
        conn.close()
    assert [[hit.id for hit in hits] for hits, _ in pages] == [["lane-2"], ["lane-1"], []]
    facets = pages[0][1]
    assert (facets.total, facets.first_day, facets.last_day) == (2, "2025-03-06", "2025-03-07")
    assert facets.entity_sample == min(sample, 2)
