"""The HTTP API through a real server on a loopback port, over a small database built here."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsgraph import Store, build_pipeline, doc_from_dict, doc_to_dict, ingest
from newsgraph.sources import read_paths
from newsgraph.web import create_app
from newsgraph.web.queries import connect, snippet_parts

from .conftest import newsgraph_cmd, serving

XSS_TITLE = "<script>alert(1)</script> Harbour board meets"
FERRY_BODY = (
    "Ferry workers in Lisbon voted on Monday to walk out next week.\n\n"
    '"We have waited long enough," said Amara Quist, who chairs the crew committee at Tagus'
    ' Ferries.\n\n"Tagus Ferries cannot ignore us," said Amara Quist.\n\n'
    "Tagus Ferries said it had offered a raise of four percent."
)
RECORDS: list[dict[str, str]] = [
    {
        "id": "ferry",
        "url": "https://tribune.example/ferry",
        "title": "Ferry workers vote to strike in Lisbon",
        "published": "2025-03-10T09:00:00+00:00",
        "site": "The Test Tribune",
        "language": "en",
        "body": FERRY_BODY,
    },
    {
        "id": "xss",
        "url": "https://gazette.example/x",
        "title": XSS_TITLE,
        "published": "2025-03-12",
        "site": "Valley Gazette",
        "language": "en",
        "body": 'The harbour board met in Porto on Tuesday. "The <img src=x onerror=alert(2)>'
        ' budget is fine," said Amara Quist.',
    },
    *(
        {
            "id": f"tide-{n:02d}",
            "title": f"Tide table {n}",
            "published": f"2025-04-{n:02d}",
            "site": "Tide Times",
            "language": "en",
            "body": f"High tide today comes at {n} o'clock.",
        }
        for n in range(1, 22)
    ),
]


@dataclass
class Api:
    """A running server over a database, and what the database looked like before it."""

    base: str
    db: Path
    digest: str
    docs: dict[str, dict[str, Any]]  # each stored document's contract form, read before serving

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of a GET (or `method`) on the server."""
        return request(self.base + path)

    def json(self, path: str) -> Any:
        """The JSON of a GET that must succeed."""
        status, _, body = self.get(path)
        assert status == 200, body
        return json.loads(body)


def request(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """A real HTTP request: status, headers, body, whatever the status."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    folder = tmp_path_factory.mktemp("api")
    records = folder / "records.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    db = folder / "news.db"
    with Store(db) as store:
        summary = ingest(read_paths([str(records)]), store, build_pipeline())
        docs = {i: doc_to_dict(store.get(i)) for i in ("ferry", "xss")}
    assert summary.stored == len(RECORDS)
    digest = file_digest(db)
    with serving(create_app(db)) as base:
        yield Api(base, db, digest, docs)


def ids(page: dict[str, Any]) -> list[str]:
    return [r["id"] for r in page["results"]]


# -- search -----------------------------------------------------------------------------------


def test_search_marks_matches_as_plain_text_parts(api: Api) -> None:
    found = api.json("/api/search?q=harbour")
    assert (found["total"], ids(found)) == (1, ["xss"])
    parts = found["results"][0]["snippet"]
    assert [p["text"] for p in parts if p["match"]] == ["Harbour", "harbour"]
    assert "".join(p["text"] for p in parts).startswith(XSS_TITLE + "\n\nThe harbour board")
    assert found["facets"] == {
        "site": [{"value": "Valley Gazette", "count": 1}],
        "language": [{"value": "en", "count": 1}],
    }


def test_search_pages_by_twenty_with_the_total(api: Api) -> None:
    first, second, third = (api.json(f"/api/search?q=tide&page={n}") for n in (1, 2, 3))
    assert [p["total"] for p in (first, second, third)] == [21, 21, 21]
    assert [len(p["results"]) for p in (first, second, third)] == [20, 1, 0]
    assert (first["pages"], first["per_page"], second["page"]) == (2, 20, 2)
    assert len(set(ids(first)) | set(ids(second))) == 21


def test_search_without_a_query_lists_the_newest_first(api: Api) -> None:
    everything = api.json("/api/search")
    assert everything["total"] == len(RECORDS)
    assert ids(everything)[:3] == ["tide-21", "tide-20", "tide-19"]
    last = api.json("/api/search?page=2")
    assert ids(last) == ["tide-01", "xss", "ferry"]
    assert last["results"][2]["snippet"] == [{"text": FERRY_BODY[:200], "match": False}]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("site=tide%20TIMES&until=2025-04-02", ["tide-02", "tide-01"]),
        ("since=2025-03-11&until=2025-03-31", ["xss"]),
        ("since=2025-03-10&until=2025-03-10", ["ferry"]),
        ("entity=person:amara-quist", ["xss", "ferry"]),
        ("entity=gpe:lisbon&q=ferry", ["ferry"]),
        ("language=fr", []),
        ("q=%22unbalanced", []),  # not FTS5 syntax: read again as plain words
    ],
)
def test_search_filters(api: Api, query: str, expected: list[str]) -> None:
    assert ids(api.json(f"/api/search?{query}")) == expected


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "parameters", "words"),
    [
        ("/api/search?page=0", ["page"], "greater than or equal to 1"),
        ("/api/search?page=two", ["page"], "valid integer"),
        ("/api/search?since=2025-02-30", ["since"], "day value is outside"),
        ("/api/search?until=yesterday", ["until"], "valid date"),
        ("/api/search?since=2025-03-02&until=2025-03-01", ["since", "until"], "is after until"),
        ("/api/timeline?since=2025-03-02&until=2025-03-01", ["since", "until"], "is after until"),
        ("/api/quotes?page=-1", ["page"], "greater than or equal to 1"),
        ("/api/entities?page=10001", ["page"], "less than or equal to 10000"),
    ],
)
def test_bad_parameters_are_400_json(
    api: Api, path: str, parameters: list[str], words: str
) -> None:
    status, headers, body = api.get(path)
    error = json.loads(body)
    assert (status, headers["content-type"]) == (400, "application/json")
    assert (error["status"], error["parameters"]) == (400, parameters)
    assert words in error["error"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/docs/nope", "no document with id 'nope'"),
        ("/api/entities/person:nobody", "no entity with id 'person:nobody'"),
        ("/api/nothing-here", "Not Found"),
    ],
)
def test_unknown_ids_are_404_json(api: Api, path: str, message: str) -> None:
    status, _, body = api.get(path)
    assert (status, json.loads(body)["error"]) == (404, message)


# -- documents ---------------------------------------------------------------------------------


def test_document_is_the_json_contract_and_round_trips(api: Api) -> None:
    served = api.json("/api/docs/ferry")
    assert served == api.docs["ferry"]
    assert doc_to_dict(doc_from_dict(served)) == served
    kinds = {s["kind"] for s in served["spans"]}
    assert {"entity", "quote", "place", "sentence"} <= kinds


def test_markup_in_an_article_comes_back_as_escaped_data(api: Api) -> None:
    status, headers, body = api.get("/api/docs/xss")
    assert status == 200
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-type"] == "application/json"
    assert b"<script" not in body and b"<img" not in body
    assert b"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in body
    served = json.loads(body)
    assert served["meta"]["title"] == XSS_TITLE
    assert served == api.docs["xss"]


# -- quotes and entities -----------------------------------------------------------------------


def quote_texts(page: dict[str, Any]) -> list[str]:
    return [q["text"] for q in page["results"]]


def test_quotes_by_speaker_about_and_words(api: Api) -> None:
    by_quist = api.json("/api/quotes?speaker=QUIST")
    assert quote_texts(by_quist) == [
        "The <img src=x onerror=alert(2)> budget is fine",
        "We have waited long enough",
        "Tagus Ferries cannot ignore us",
    ]
    assert by_quist["results"][1] | {"start": 0, "end": 0} == {
        "doc_id": "ferry",
        "title": "Ferry workers vote to strike in Lisbon",
        "published": "2025-03-10T09:00:00+00:00",
        "span_id": by_quist["results"][1]["span_id"],
        "label": "direct",
        "text": "We have waited long enough",
        "speaker": "Amara Quist",
        "mention": "Amara Quist",
        "outlet": None,
        "cue": "said",
        "start": 0,
        "end": 0,
    }
    assert quote_texts(api.json("/api/quotes?about=tagus")) == ["Tagus Ferries cannot ignore us"]
    by_id = api.json("/api/quotes?about=org:tagus-ferries")  # an entity id: by linked mention
    assert (by_id["total"], quote_texts(by_id)) == (1, ["Tagus Ferries cannot ignore us"])
    assert api.json("/api/quotes?about=org:nobody")["total"] == 0  # no such id: read as a name
    assert quote_texts(api.json("/api/quotes?q=long%20WAITED")) == ["We have waited long enough"]
    assert api.json("/api/quotes?outlet=reuters")["total"] == 0
    assert api.json("/api/quotes")["total"] == 4


def test_entities_search_by_name_and_type(api: Api) -> None:
    assert ids(api.json("/api/entities?q=quist")) == ["person:amara-quist"]
    assert ids(api.json("/api/entities?type=gpe")) == ["gpe:lisbon", "gpe:porto"]
    quist = api.json("/api/entities?q=amara")["results"][0]
    assert quist == {
        "id": "person:amara-quist",
        "name": "Amara Quist",
        "type": "PERSON",
        "aliases": {"Amara Quist": 3},
        "mentions": 3,
        "articles": 2,
    }


def test_entity_with_its_days_quotes_and_company(api: Api) -> None:
    quist = api.json("/api/entities/person:amara-quist")
    assert quist["timeline"] == [
        {"day": "2025-03-10", "articles": 1},
        {"day": "2025-03-12", "articles": 1},
    ]
    assert len(quist["quotes_by"]) == 3 and quist["quotes_about"] == []
    assert (quist["undated"], quist["alongside_sample"]) == (0, 2)
    assert quist["alongside"] == [
        {"id": "org:tagus-ferries", "name": "Tagus Ferries", "type": "ORG", "articles": 1}
    ]
    tagus = api.json("/api/entities/org:tagus-ferries")
    assert [q["text"] for q in tagus["quotes_about"]] == ["Tagus Ferries cannot ignore us"]
    assert [q["text"] for q in tagus["quotes_by"]] == ["it had offered a raise of four percent"]


# -- timeline and places -----------------------------------------------------------------------


def test_timeline_counts_articles_per_day(api: Api) -> None:
    tides = api.json("/api/timeline?q=tide")
    assert (tides["total"], tides["undated"]) == (21, 0)
    assert tides["days"][:2] == [
        {"day": "2025-04-01", "articles": 1},
        {"day": "2025-04-02", "articles": 1},
    ]
    assert api.json("/api/timeline?since=2025-03-01&until=2025-03-31")["days"] == [
        {"day": "2025-03-10", "articles": 1},
        {"day": "2025-03-12", "articles": 1},
    ]


def test_places_have_coordinates_and_counts(api: Api) -> None:
    found = api.json("/api/places")
    summary = [(p["name"], p["country"], p["mentions"], p["articles"], p["focus"]) for p in found]
    assert summary == [
        ("Portugal", "PT", 0, 2, 2),
        ("Lisbon", "PT", 2, 1, 0),
        ("Porto", "PT", 1, 1, 0),
    ]
    lisbon = found[1]
    assert (lisbon["geonames"], round(lisbon["lat"], 1), round(lisbon["lon"], 1)) == (
        2267057,
        38.7,
        -9.1,
    )
    assert [p["name"] for p in api.json("/api/places?q=harbour")] == ["Porto", "Portugal"]


# -- the document, safety, the command ---------------------------------------------------------


def test_openapi_documents_every_route_and_parameter(api: Api) -> None:
    document = api.json("/openapi.json")
    paths = {p: ops for p, ops in document["paths"].items() if p.startswith("/api/")}
    assert set(paths) == {
        "/api/search",
        "/api/docs/{doc_id}",
        "/api/quotes",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/timeline",
        "/api/places",
    }
    params = {p: [q["name"] for q in paths[p]["get"]["parameters"]] for p in paths}
    assert set(params["/api/search"]) == {
        "q",
        "site",
        "language",
        "since",
        "until",
        "entity",
        "page",
    }
    assert set(params["/api/quotes"]) == {"speaker", "about", "outlet", "q", "page"}
    assert set(params["/api/entities"]) == {"q", "type", "page"}
    for path, operation in paths.items():
        assert "400" in operation["get"]["responses"] and "422" not in operation["get"]["responses"]
        assert all(q.get("description") for q in operation["get"]["parameters"]), path


def test_the_server_writes_nothing(api: Api) -> None:
    for path in ("/api/search?q=ferry", "/api/docs/ferry", "/api/entities/gpe:lisbon"):
        assert api.get(path)[0] == 200
    status, _, body = request(api.base + "/api/docs/ferry", method="DELETE")
    assert (status, json.loads(body)["error"]) == (405, "Method Not Allowed")
    assert file_digest(api.db) == api.digest
    wal = api.db.with_name(api.db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_connections_refuse_writes(api: Api) -> None:
    conn = connect(api.db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM docs")
    conn.close()


def test_snippet_parts_split_marks_only() -> None:
    marked = "a \ue000b\ue001 <c> \ue000d\ue001"
    assert snippet_parts(marked) == [
        {"text": "a ", "match": False},
        {"text": "b", "match": True},
        {"text": " <c> ", "match": False},
        {"text": "d", "match": True},
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_command_listens_on_loopback(api: Api) -> None:
    port = free_port()
    command = [*newsgraph_cmd(), "serve", "--db", str(api.db), "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        status = wait_for(lambda: request(f"http://127.0.0.1:{port}/api/timeline")[0], server)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert status == 200
    assert f"http://127.0.0.1:{port}/" in stderr


def wait_for(call: Callable[[], int], server: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + 20
    while server.poll() is None and time.monotonic() < deadline:
        try:
            return call()
        except urllib.error.URLError:
            time.sleep(0.1)
    raise AssertionError("the serve command did not answer")


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    command = [*newsgraph_cmd(), "serve", "--db", str(tmp_path / "none.db")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "no database at" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_no_page_loads_scripts_from_a_cdn(api: Api) -> None:
    assert api.get("/redoc")[0] == 404
    assert "/docs" not in api.json("/openapi.json")["paths"]


def test_serve_with_two_workers_answers(api: Api) -> None:
    port = free_port()
    command = [*newsgraph_cmd(), "serve", "--db", str(api.db), "--port", str(port)]
    server = subprocess.Popen([*command, "--workers", "2"], stderr=subprocess.PIPE, text=True)
    try:
        status = wait_for(lambda: request(f"http://127.0.0.1:{port}/api/docs/ferry")[0], server)
    finally:
        server.terminate()
        server.communicate(timeout=20)
    assert status == 200
    assert file_digest(api.db) == api.digest
