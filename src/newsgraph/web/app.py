"""The HTTP API: JSON routes under /api over a read-only store, with an OpenAPI document.

Routes and their dependencies are coroutines: the server runs them on its event loop, which
keeps one read-only connection and reuses it for every request (their SQLite reads take a few
milliseconds, and handing each to a worker thread cost more than that, since the GIL
serialises the threads anyway). Errors are JSON:
`{"status": 400, "error": "...", "parameters": [...]}`.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from newsgraph.errors import SearchQueryError
from newsgraph.jsonform import doc_to_dict
from newsgraph.store import Store
from newsgraph.version import __version__
from newsgraph.web import queries

API_PREFIX = "/api"
DB_VARIABLE = "NEWSGRAPH_SERVE_DB"  # how `serve --workers` tells its worker processes the file
MAX_PAGE = 10_000  # deep enough for any browsing; keeps OFFSET arithmetic small


class SafeJSONResponse(JSONResponse):
    """JSON with `<`, `>` and `&` escaped, so article text can never read as markup even if
    the body is sniffed or pasted into a page; code points are kept otherwise."""

    def __init__(
        self,
        content: Any,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        **rest: Any,
    ) -> None:
        # nosniff: a browser must never run a JSON body as a page or a script.
        headers = {**(headers or {}), "X-Content-Type-Options": "nosniff"}
        super().__init__(content, status_code, headers, **rest)

    def render(self, content: Any) -> bytes:
        """The content as UTF-8 JSON, markup characters escaped."""
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
            text = text.replace(char, escaped)
        return text.encode("utf-8")


class ApiError(Exception):
    """A request the API refuses, with the status and a message for the client."""

    def __init__(self, status: int, message: str, parameters: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.parameters = parameters


class ErrorBody(BaseModel):
    """The body of every API error."""

    status: int
    error: str
    parameters: list[str] = []


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A bad parameter (named in `parameters`)."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"model": ErrorBody, "description": "No such id."},
}


def _error(status: int, message: str, parameters: list[str] | tuple[str, ...] = ()) -> Response:
    body = {"status": status, "error": message, "parameters": list(parameters)}
    return SafeJSONResponse(body, status_code=status)


async def connection(request: Request) -> sqlite3.Connection:
    """The read-only connection of the thread handling this request."""
    return queries.thread_connection(request.app.state.db_path)


Conn = Annotated[sqlite3.Connection, Depends(connection)]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, 20 results a page.")]
router = APIRouter(prefix=API_PREFIX, default_response_class=SafeJSONResponse, responses=ERRORS)


async def _filters(
    q: Annotated[str | None, Query(description="Full-text query (FTS5 syntax, or words).")] = None,
    site: Annotated[str | None, Query(description="Only this site (any case).")] = None,
    language: Annotated[str | None, Query(description="Only this language code.")] = None,
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    entity: Annotated[str | None, Query(description="Only articles naming this entity id.")] = None,
) -> queries.Filters:
    """The document filters shared by search, timeline and places."""
    if since and until and since > until:
        raise ApiError(400, f"since ({since}) is after until ({until})", ("since", "until"))
    return queries.Filters(q, site, language, since, until, entity)


DocFilters = Annotated[queries.Filters, Depends(_filters)]


@router.get("/search")
async def search(conn: Conn, filters: DocFilters, page: Page = 1) -> Any:
    """Articles matching the filters, best match first (newest first without `q`), 20 a page,
    with the total and facet counts by site and language."""
    return queries.search(conn, filters, page)


@router.get("/docs/{doc_id}", responses=NOT_FOUND)
async def document(
    conn: Conn, doc_id: Annotated[str, PathParam(description="Document id.")]
) -> Any:
    """One article in the JSON contract of DESIGN §2: text, meta, spans and problems."""
    store = _ReadStore(conn)
    try:
        return doc_to_dict(store.get(doc_id))
    except KeyError:
        raise ApiError(404, f"no document with id {doc_id!r}", ("doc_id",)) from None


class _ReadStore(Store):
    """A Store's readers over a connection opened elsewhere (read-only, not migrated)."""

    def __init__(self, conn: sqlite3.Connection) -> None:  # no super(): that opens and migrates
        self.path = Path()
        self.conn = conn


@router.get("/quotes")
async def quotes(
    conn: Conn,
    speaker: Annotated[str | None, Query(description="Part of the speaker's name.")] = None,
    about: Annotated[
        str | None,
        Query(
            description="An entity id (quotes holding a mention linked to it), or else part"
            " of the name of an entity named in the words."
        ),
    ] = None,
    outlet: Annotated[str | None, Query(description="Part of the outlet's name.")] = None,
    q: Annotated[str | None, Query(description="Words that must all be in the quote.")] = None,
    page: Page = 1,
) -> Any:
    """Quotes with speaker, cue and outlet, newest articles first, 20 a page."""
    return queries.quotes(conn, queries.QuoteFilters(speaker, about, outlet, q), page)


@router.get("/entities")
async def entities(
    conn: Conn,
    q: Annotated[str | None, Query(description="Part of the name or another form.")] = None,
    entity_type: Annotated[
        str | None, Query(alias="type", description="PERSON, ORG, GPE, LOC, NORP, …")
    ] = None,
    page: Page = 1,
) -> Any:
    """Canonical entities, the most widely reported first, 20 a page."""
    return queries.entities(conn, q, entity_type, page)


@router.get("/entities/{entity_id}", responses=NOT_FOUND)
async def entity(
    conn: Conn, entity_id: Annotated[str, PathParam(description="Entity id, e.g. person:ada-lane.")]
) -> Any:
    """One entity: articles per day, its quotes, quotes naming it, who appears alongside."""
    found = queries.entity(conn, entity_id)
    if found is None:
        raise ApiError(404, f"no entity with id {entity_id!r}", ("entity_id",))
    return found


@router.get("/timeline")
async def timeline(conn: Conn, filters: DocFilters) -> Any:
    """Articles per day for the filters (all articles without any), oldest day first."""
    return queries.timeline(conn, filters)


@router.get("/places")
async def places(conn: Conn, filters: DocFilters) -> Any:
    """Resolved places with coordinates, mention, article and focus counts (optionally over
    the articles matching the filters), the most widely reported first."""
    return queries.places(conn, filters)


def create_app(db_path: str | Path) -> FastAPI:
    """The API (and, when installed, the explorer's pages) over one database, read-only."""
    conn = queries.connect(db_path)  # fail now, with one clear line, not on every request
    try:
        queries.check_schema(conn, db_path)
    finally:
        conn.close()
    # No Swagger or ReDoc pages: they load scripts from a CDN, and the explorer works offline.
    app = FastAPI(
        title="newsgraph", version=__version__, description=__doc__, docs_url=None, redoc_url=None
    )
    app.state.db_path = str(db_path)
    app.include_router(router)
    _add_error_handlers(app)
    app.openapi = _openapi_with_400s(app)  # type: ignore[method-assign]
    _add_pages(app, db_path)
    return app


def app_from_environment() -> FastAPI:
    """The app over the database named by $NEWSGRAPH_SERVE_DB (for `serve --workers`)."""
    return create_app(os.environ[DB_VARIABLE])


def _add_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error(exc.status, str(exc), exc.parameters)

    async def bad_query(request: Request, exc: Exception) -> Response:
        return _error(400, str(exc), ("q",))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if not _is_api(request):
            return await request_validation_exception_handler(request, exc)
        names = [str(e["loc"][-1]) for e in exc.errors()]
        lines = [f"{name}: {e['msg']}" for name, e in zip(names, exc.errors(), strict=True)]
        return _error(400, "; ".join(lines), names)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if not _is_api(request):
            return await http_exception_handler(request, exc)
        return _error(exc.status_code, str(exc.detail))

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(SearchQueryError, bad_query)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)


def _openapi_with_400s(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's document, without the 422 it lists for bad parameters: the API answers 400."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for path, operations in generate()["paths"].items():
                for operation in operations.values() if _is_api_path(path) else ():
                    operation["responses"].pop("422", None)
        return generate()

    return openapi


def _is_api(request: Request) -> bool:
    return _is_api_path(request.url.path)


def _is_api_path(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def _add_pages(app: FastAPI, db_path: str | Path) -> None:
    """Mount the explorer's HTML pages when `newsgraph.web.pages` is there."""
    if importlib.util.find_spec("newsgraph.web.pages") is None:
        return
    pages = importlib.import_module("newsgraph.web.pages")
    add_pages = getattr(pages, "add_pages", None)
    if callable(add_pages):
        add_pages(app, db_path)
