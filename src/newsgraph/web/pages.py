"""The explorer's server-rendered pages: search, article, entity, quotes and map.

Every page reads the database through the read-only connection its thread keeps (the server's
event loop: the handlers are coroutines). Templates autoescape, and article text reaches the
page only through `highlight`, which escapes each piece; links the pages make point at our own
routes, or at an article's URL only when it is http(s).
"""

from __future__ import annotations

import functools
import sqlite3
import zlib
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsgraph.doc import Span
from newsgraph.store_quotes import find_quotes
from newsgraph.web import charts, queries
from newsgraph.web import entity_queries as eq
from newsgraph.web import page_queries as pq
from newsgraph.web.highlight import Mark, highlight

HERE = Path(__file__).parent
PAGE_SIZE = 20
SPEAKER_COLOURS = 8  # CSS classes speaker-0 … speaker-7
# Kinds marked in the article text; sentences and tone cover too much to be worth a mark.
MARKED_KINDS = ("quote", "entity", "place", "amount", "time", "cue")
# Value keys that repeat the text or only locate it, left out of a fact's hover title.
HIDDEN_KEYS = {"text", "object_start", "object_end"}
# Script only from our own files; inline script and style in any value stay inert.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none';"
    " base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@functools.lru_cache(maxsize=4096)  # the same few hundred entities are linked on every page
def entity_url(entity_id: str) -> str:
    """The page of an entity, its id escaped as one path segment."""
    return "/entities/" + quote(entity_id, safe="")


def doc_url(doc_id: str) -> str:
    """The page of an article."""
    return "/docs/" + quote(doc_id, safe="")


def page_url(path: str, **params: Any) -> str:
    """A link to one of our pages with the non-empty parameters as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def safe_link(url: str | None) -> str | None:
    """The URL when it is plain http(s); anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def make_environment() -> Environment:
    """The Jinja environment: autoescape everywhere, a missing variable is an error."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,  # templates ship with the package: no stat of each file per page
    )
    env.globals.update(entity_url=entity_url, doc_url=doc_url, page_url=page_url)
    env.globals.update(safe_link=safe_link)
    return env


def add_pages(app: FastAPI, db_path: str | Path) -> None:
    """Register the explorer's pages and static files on `app`, reading the database at db_path."""
    pages = Pages(db_path, make_environment())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for path, handler in (
        ("/", pages.home),
        ("/search", pages.search),
        ("/docs/{doc_id}", pages.doc),
        ("/entities/{entity_id}", pages.entity),
        ("/quotes", pages.quotes),
        ("/map", pages.map),
    ):
        app.add_api_route(
            path, on_event_loop(handler), methods=["GET"], response_class=HTMLResponse,
            include_in_schema=False,
        )  # fmt: skip


def on_event_loop(handler: Callable[..., HTMLResponse]) -> Callable[..., Awaitable[HTMLResponse]]:
    """The handler as a coroutine, so the server runs it on its event loop instead of handing
    it to a worker thread: its SQLite reads take a few milliseconds and the GIL serialises
    the threads anyway, while the hop (and the event loop waiting for the GIL back from a busy
    worker thread after each socket write) cost more than the page."""

    @functools.wraps(handler)
    async def run(*args: Any, **kwargs: Any) -> HTMLResponse:
        return handler(*args, **kwargs)

    return run


class Pages:
    """The page handlers, sharing the database path and the templates."""

    def __init__(self, db_path: str | Path, env: Environment) -> None:
        self.db_path = Path(db_path)
        self.env = env

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        yield queries.thread_connection(self.db_path)  # read-only, query_only, kept per thread

    def _render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def _not_found(self, what: str) -> HTMLResponse:
        return self._render("not_found.html", status=404, what=what)

    def home(self) -> HTMLResponse:
        """The start page: the search form over every article."""
        return self.search()

    def search(
        self, q: str = "", site: str = "", since: str = "", until: str = "", page: int = 1
    ) -> HTMLResponse:
        """Articles matching words, a site and a date range, with facets."""
        notes = [f"{v!r} is not a date (YYYY-MM-DD); ignored" for v in (since, until) if bad_day(v)]
        since, until = ("" if bad_day(v) else v for v in (since, until))
        wanted = pq.DocFilter(q.strip(), site, since, until)
        page = max(page, 1)
        with self._conn() as conn:
            hits, found = pq.search_page(conn, wanted, page, PAGE_SIZE)
        total = found.total
        pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
        return self._render(
            "search.html", wanted=wanted, hits=hits, total=total, page=page, pages=pages,
            facets=found, notes=notes,
        )  # fmt: skip

    def doc(self, doc_id: str) -> HTMLResponse:
        """One article with its facts marked, its metadata, provenance and problems."""
        with self._conn() as conn:
            doc = pq.load_doc(conn, doc_id)
        if doc is None:
            return self._not_found(f"article {doc_id}")
        speakers = speaker_classes(doc.spans)
        marks = [fact_mark(s, speakers) for s in doc.spans if is_marked(s)]
        body = highlight(doc.text[doc.body_start :], marks, offset=doc.body_start)
        counts: dict[str, int] = {}
        for mark in marks:
            counts[mark.classes[1]] = counts.get(mark.classes[1], 0) + 1
        return self._render(
            "doc.html", doc=doc, body=body, speakers=speakers, counts=counts, meta=doc.meta
        )

    def entity(self, entity_id: str) -> HTMLResponse:
        """One entity: its articles over time, quotes by and about it, who comes with it."""
        with self._conn() as conn:
            found = pq.load_entity(conn, entity_id)
            if found is None:
                return self._not_found(f"entity {entity_id}")
            articles = eq.entity_articles(conn, entity_id, found.articles)
            by = eq.quotes_by(conn, entity_id, found.name, articles, PAGE_SIZE)
            about = eq.quotes_about(conn, entity_id, articles, PAGE_SIZE)
            docs = pq.docs_by_id(conn, articles.newest(PAGE_SIZE))
            near = eq.alongside(conn, entity_id, articles, 15)
            days = eq.entity_days(conn, entity_id)[0]
        return self._render(
            "entity.html", entity=found, bars=charts.timeline_bars(days),
            chart=(charts.CHART_WIDTH, charts.CHART_HEIGHT), quotes_by=by, quotes_about=about,
            docs=docs, companions=near, sample=len(articles.newest(eq.COMPANY_SAMPLE)),
        )  # fmt: skip

    def quotes(
        self, speaker: str = "", about: str = "", outlet: str = "", page: int = 1
    ) -> HTMLResponse:
        """Quotes, newest articles first, filtered by speaker, subject and outlet."""
        page = max(page, 1)
        with self._conn() as conn:
            by_id = bool(about) and queries.is_entity(conn, about)  # an id, else part of a name
            found = find_quotes(
                conn, speaker=speaker or None, about=None if by_id else about or None,
                about_entity=about if by_id else None, outlet=outlet or None,
                limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE,
            )  # fmt: skip
        speakers = {q.speaker or "": speaker_class(q.speaker) for q in found}
        filters = {"speaker": speaker, "about": about, "outlet": outlet}
        return self._render(
            "quotes.html", quotes=found[:PAGE_SIZE], more=len(found) > PAGE_SIZE, page=page,
            filters=filters, speakers=speakers,
        )  # fmt: skip

    def map(self) -> HTMLResponse:
        """Places named in the articles, as dots over the country outlines."""
        with self._conn() as conn:
            places = pq.place_counts(conn)
        most = max((p.mentions for p in places), default=0)
        dots = [
            (p, *charts.project(p.lat, p.lon), charts.dot_radius(p.mentions, most)) for p in places
        ]
        dots.sort(key=lambda d: -d[3])  # big dots first, so small ones stay on top to hover
        return self._render(
            "map.html", dots=dots, lines=charts.graticule(),
            countries=charts.map_countries(p.country for p in places),
            size=(charts.MAP_WIDTH, charts.MAP_HEIGHT),
        )  # fmt: skip


def bad_day(text: str) -> bool:
    """True for a non-empty text that is not an ISO date."""
    if not text:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return True
    return False


def is_marked(span: Span) -> bool:
    """Whether the article text marks this span (the whole-text focus place is not)."""
    return span.kind in MARKED_KINDS and not (span.kind == "place" and span.label == "focus")


def speaker_class(name: str | None) -> str:
    """A stable colour class for a speaker; unknown speakers share one."""
    if not name:
        return "speaker-unknown"
    return f"speaker-{zlib.crc32(name.encode()) % SPEAKER_COLOURS}"


def speaker_classes(spans: list[Span]) -> dict[str, str]:
    """The colour class of each speaker quoted in the article, in order of first quote."""
    names = [str(s.value.get("speaker") or "") for s in sorted(spans, key=lambda s: s.start)]
    return {n: speaker_class(n) for n in names if n} if names else {}


def fact_mark(span: Span, speakers: dict[str, str]) -> Mark:
    """The mark of one span: classes by kind (and speaker), a hover title, an entity link."""
    classes: tuple[str, ...] = ("fact", span.kind, f"{span.kind}-{span.label or 'plain'}")
    href = None
    if span.kind == "quote":
        classes += (speakers.get(str(span.value.get("speaker") or ""), "speaker-unknown"),)
    if span.kind == "entity" and isinstance(span.value.get("entity"), str):
        href = entity_url(span.value["entity"])
    return Mark(span.start, span.end, span.id, classes, fact_title(span), href)


def fact_title(span: Span) -> str:
    """What hovering a fact shows: its kind and label, normalised value and making stage."""
    shown = [
        f"{key}: {value}"
        for key, value in span.value.items()
        if key not in HIDDEN_KEYS and value not in (None, "", [], {})
    ]
    head = f"{span.kind} ({span.label})" if span.label else span.kind
    return "\n".join([head, *shown, f"stage: {span.stage or 'unknown'}"])
