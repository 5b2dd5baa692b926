"""`newsgraph export`: JSON Lines, Parquet tables read back by DuckDB and Polars, GKG 2.1 rows."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from xml.etree import ElementTree

import duckdb
import polars as pl
import pytest

from newsgraph import Doc, Store, build_pipeline, ingest
from newsgraph.doc import Span
from newsgraph.errors import StoreError
from newsgraph.export import ExportError, export, gkg, parquet
from newsgraph.export.gkg import COLUMNS, gkg_row
from newsgraph.export.gkg_facts import count_type
from newsgraph.export.gkg_text import clean, gdelt_date
from newsgraph.jsonform import doc_to_json
from newsgraph.sources import read_paths

from .conftest import ARTICLE_HTML

Cli = Callable[..., CompletedProcess[str]]

TITLE = "Floods hit Austin"
BODY = (
    "Rescuers in Austin, Texas said 12 people were killed on 18 July 2023. "
    '"We are doing everything we can," said Ana Ruiz of the Red Cross, '
    "which sent 40 trucks from Serbia."
)
AUSTIN = {"geonames": 4671654, "name": "Austin", "lat": 30.26715, "lon": -97.74306}
TEXAS = {"geonames": 4736286, "name": "Texas", "lat": 31.25044, "lon": -99.25061}
SERBIA = {"geonames": 6290252, "name": "Serbia", "lat": 44.0, "lon": 21.0}
OPENING = '"We'  # where the quote starts


def flood_doc() -> Doc:
    """A small article with one fact of every kind the exports read, placed by hand."""
    doc = Doc(id="flood-1", source="test:flood", url="https://www.news.test/floods")
    doc.set_text(TITLE, BODY)
    doc.meta.title, doc.meta.authors = TITLE, ["Lena Ortiz", "Omar Haddad"]
    doc.meta.published, doc.meta.image = "2023-07-19T10:30:00+02:00", "https://news.test/a.jpg"
    add = _adder(doc)
    add("place", "Austin", "city", {**AUSTIN, "country": "US", "admin1": "TX"}, after="Rescuers")
    add("place", "Texas", "region", {**TEXAS, "country": "US", "admin1": "TX"})
    add("amount", "12", "count", {"low": 12, "high": 12, "object": "people", "event": "killed"})
    when = {"start": "2023-07-18", "end": "2023-07-18", "granularity": "day"}
    add("time", "18 July 2023", "date", {**when, "text": "18 July 2023"})
    cue = add("cue", "said", "verb", {"lemma": "say"}, after='can,"')
    ruiz = add("entity", "Ana Ruiz", "PERSON", {"name": "Ana Ruiz", "entity": "person:ana-ruiz"})
    start = doc.text.index('"We')
    quote = {"text": "We are doing everything we can,", "speaker": "Ana Ruiz"}
    links = {"speaker": ruiz.id, "cue": cue.id}
    doc.add_span("quote", start, start + 33, label="direct", value=quote, args=links)
    add("entity", "Red Cross", "ORG", {"name": "Red Cross", "entity": "org:red-cross"})
    add("amount", "40", "count", {"low": 40, "high": 40, "object": "trucks", "event": "sent"})
    add("place", "Serbia", "country", {**SERBIA, "country": "RS", "admin1": ""})
    tone = {"tone": -1.5, "positive": 2.0, "negative": 3.5, "polarity": 5.5, "words": 40}
    doc.add_span("tone", 0, len(doc.text), label="document", value=tone)
    return doc


def _adder(doc: Doc) -> Callable[..., Span]:
    def add(kind: str, words: str, label: str, value: dict[str, object], after: str = "") -> Span:
        start = doc.text.index(words, doc.text.index(after) if after else 0)
        return doc.add_span(kind, start, start + len(words), label=label, value=value)

    return add


@pytest.fixture
def flood_db(tmp_path: Path) -> Path:
    db = tmp_path / "flood.db"
    with Store(db) as store:
        store.put(flood_doc())
    return db


def at(words: str, after: str = "") -> int:
    text = f"{TITLE}\n\n{BODY}"
    return text.index(words, text.index(after) if after else 0)


# -- GKG ------------------------------------------------------------------------------------


def test_gkg_row_fills_the_columns_we_have_facts_for() -> None:
    row = dict(zip(COLUMNS, gkg_row(flood_doc()), strict=True))
    austin = "3#Austin, Texas, United States#US#USTX"
    texas = "2#Texas, United States#US#USTX"
    assert row == {
        **dict.fromkeys(COLUMNS, ""),
        "GKGRECORDID": "flood-1",
        "V2.1DATE": "20230719083000",
        "V2SOURCECOLLECTIONIDENTIFIER": "1",
        "V2SOURCECOMMONNAME": "news.test",
        "V2DOCUMENTIDENTIFIER": "https://www.news.test/floods",
        "V1COUNTS": "KILL#12#people#0######",
        "V2.1COUNTS": f"KILL#12#people#0#######{at('12')}",
        "V1LOCATIONS": f"{austin}#30.26715#-97.74306#4671654;{texas}#31.25044#-99.25061#4736286;"
        "1#Serbia#RI#RI#44#21#RI",
        "V2ENHANCEDLOCATIONS": f"{austin}##30.26715#-97.74306#4671654#{at('Austin', 'Rescuers')};"
        f"{texas}##31.25044#-99.25061#4736286#{at('Texas')};"
        f"1#Serbia#RI#RI##44#21#RI#{at('Serbia')}",
        "V1PERSONS": "Ana Ruiz",
        "V2ENHANCEDPERSONS": f"Ana Ruiz,{at('Ana Ruiz')}",
        "V1ORGANIZATIONS": "Red Cross",
        "V2ENHANCEDORGANIZATIONS": f"Red Cross,{at('Red Cross')}",
        "V1.5TONE": "-1.5,2,3.5,5.5,,5,40",  # "We", "we": 2 pronouns in 40 words
        "V2.1ENHANCEDDATES": f"3#7#18#2023#{at('18 July')}",
        "V2GCAM": "wc:40",
        "V2.1SHARINGIMAGE": "https://news.test/a.jpg",
        "V2.1QUOTATIONS": f"{at(OPENING)}|33|said|We are doing everything we can,",
        "V2.1ALLNAMES": f"Ana Ruiz,{at('Ana Ruiz')};Red Cross,{at('Red Cross')}",
        "V2.1AMOUNTS": f"12,people,{at('12')};40,trucks,{at('40')}",
        "V2EXTRASXML": f"<PAGE_TITLE>{TITLE}</PAGE_TITLE>"
        "<PAGE_AUTHORS>Lena Ortiz;Omar Haddad</PAGE_AUTHORS>"
        "<PAGE_PRECISEPUBTIMESTAMP>20230719083000</PAGE_PRECISEPUBTIMESTAMP>",
    }


def test_gkg_values_cannot_break_rows_or_fields() -> None:
    assert clean("a\tb\nc | d # e;f", "|#") == "a b c d e;f"
    doc = Doc(id="x\ty", source="s")
    doc.set_text("T", 'She said "one | two # three\tfour" today.')
    start, end = doc.text.index('"'), doc.text.index(" today")
    doc.add_span("quote", start, end, label="direct", value={"text": "one | two # three\tfour"})
    row = gkg_row(doc)
    assert len(row) == 27 and all("\t" not in v and "\n" not in v for v in row)
    assert row[0] == "x y"
    assert row[COLUMNS.index("V2.1QUOTATIONS")] == f"{start}|{end - start}||one two three four"


def test_gkg_dates_and_count_types() -> None:
    assert gdelt_date("2025-11-17") == "20251117000000"
    assert gdelt_date("2024-05") == "" and gdelt_date(None) == ""
    assert [count_type(v) for v in ("killed", "Injured", "detained", "sent", "")] == [
        "KILL",
        "WOUND",
        "ARREST",
        "",
        "",
    ]


def test_gkg_date_resolutions() -> None:
    doc = Doc(id="d", source="s")
    doc.set_text("", "On 18 July, in March 2019, by 2021, last Tuesday and in the 1990s.")
    for words, label, start, grain in (
        ("18 July", "date", "2023-07-18", "day"),
        ("March 2019", "date", "2019-03-01", "month"),
        ("2021", "date", "2021-01-01", "year"),
        ("last Tuesday", "relative", "2023-07-11", "day"),
        ("the 1990s", "date", "1990-01-01", "decade"),
    ):
        at_ = doc.text.index(words)
        value = {"start": start, "granularity": grain, "text": words}
        doc.add_span("time", at_, at_ + len(words), label=label, value=value)
    assert (
        gkg_row(doc)[COLUMNS.index("V2.1ENHANCEDDATES")] == "4#7#18#0#3;2#3#0#2019#15;1#0#0#2021#30"
    )


def test_gkg_location_types_and_codes() -> None:
    doc = Doc(id="p", source="s")
    doc.set_text("", "Serbs in Vaud and Belgrade.")
    belgrade = {"geonames": 792680, "name": "Belgrade", "lat": 44.80401, "lon": 20.46513}
    vaud = {"geonames": 2658182, "name": "Vaud", "lat": 46.6, "lon": 6.6}
    for words, label, value in (
        ("Serbs", "association", {**SERBIA, "country": "RS", "admin1": "", "feature_class": "A"}),
        ("Vaud", "region", {**vaud, "country": "CH", "admin1": "VD"}),
        ("Belgrade", "city", {**belgrade, "country": "RS", "admin1": "SE"}),
    ):
        start = doc.text.index(words)
        doc.add_span("place", start, start + len(words), label=label, value=value)
    assert gkg_row(doc)[COLUMNS.index("V1LOCATIONS")] == (
        "1#Serbia#RI#RI#44#21#RI;5#Vaud, Switzerland#SZ#SZVD#46.6#6.6#2658182;"
        "4#Belgrade, Serbia#RI#RISE#44.80401#20.46513#792680"
    )


def test_a_document_without_facts_gives_empty_columns() -> None:
    doc = Doc(id="bare", source="file:bare.txt")
    doc.set_text("", "Nothing here.")
    row = dict(zip(COLUMNS, gkg_row(doc), strict=True))
    assert {k: v for k, v in row.items() if v} == {
        "GKGRECORDID": "bare",
        "V2.1DATE": "0",
        "V2SOURCECOLLECTIONIDENTIFIER": "2",
        "V2DOCUMENTIDENTIFIER": "file:bare.txt",
    }


def test_gkg_file_has_no_header_unless_asked(flood_db: Path, tmp_path: Path) -> None:
    assert export(flood_db, "gkg", str(tmp_path / "a.tsv")) == 1
    assert export(flood_db, "gkg", str(tmp_path / "b.tsv.gz"), header=True) == 1
    plain = (tmp_path / "a.tsv").read_text(encoding="utf-8")
    assert plain == "\t".join(gkg_row(flood_doc())) + "\n"
    with gzip.open(tmp_path / "b.tsv.gz", "rt", encoding="utf-8") as handle:
        assert handle.read() == "\t".join(COLUMNS) + "\n" + plain
    read = (
        f"read_csv('{tmp_path / 'a.tsv'}', delim='\\t', header=false, quote='', all_varchar=true)"
    )
    assert duckdb.sql(f"SELECT column00, column01, column26 FROM {read}").fetchall() == [
        ("flood-1", "20230719083000", gkg_row(flood_doc())[26])
    ]


# -- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_is_the_contract_one_line_per_doc(flood_db: Path, tmp_path: Path) -> None:
    with Store(flood_db) as store:
        store.put(_plain_doc("second"))
        expected = [doc_to_json(store.get(i)) for i in store.ids()]
    assert export(flood_db, "jsonl", str(tmp_path / "docs.jsonl.gz")) == 2
    with gzip.open(tmp_path / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        assert handle.read().splitlines() == expected
    assert json.loads(expected[0])["spans"][0]["kind"] == "place"


def _plain_doc(doc_id: str) -> Doc:
    doc = Doc(id=doc_id, source=f"test:{doc_id}")
    doc.set_text("Plain", "No facts at all.")
    return doc


# -- Parquet --------------------------------------------------------------------------------


def test_parquet_tables_read_back_in_duckdb(flood_db: Path, tmp_path: Path) -> None:
    assert export(flood_db, "parquet", str(tmp_path / "pq")) == 1
    pq = tmp_path / "pq"

    def sql(query: str) -> list[tuple[object, ...]]:
        return duckdb.sql(query.replace("{pq}", str(pq))).fetchall()

    docs = "SELECT id, title, epoch(published), published_text, authors FROM '{pq}/docs.parquet'"
    authors = ["Lena Ortiz", "Omar Haddad"]
    assert sql(docs) == [("flood-1", TITLE, 1689755400.0, "2023-07-19T10:30:00+02:00", authors)]
    assert sql(
        'SELECT speaker, speaker_entity, cue, cue_lemma, text, start, "end", doc_id'
        " FROM '{pq}/quotes.parquet'"
    ) == [
        (
            *("Ana Ruiz", "person:ana-ruiz", "said", "say", "We are doing everything we can,"),
            *(at(OPENING), at(OPENING) + 33, "flood-1"),
        )
    ]
    assert sql(
        "SELECT text, json_extract_string(value, '$.entity') FROM '{pq}/spans.parquet'"
        " WHERE kind = 'entity' ORDER BY start"
    ) == [("Ana Ruiz", "person:ana-ruiz"), ("Red Cross", "org:red-cross")]
    links = "SELECT role, count(*) FROM '{pq}/span_links.parquet' GROUP BY role ORDER BY role"
    assert sql(links) == [("cue", 1), ("speaker", 1)]
    entities = "SELECT id, name, type, aliases, articles FROM '{pq}/entities.parquet' ORDER BY id"
    assert sql(entities) == [
        ("org:red-cross", "Red Cross", "ORG", [{"alias": "Red Cross", "mentions": 1}], 1),
        ("person:ana-ruiz", "Ana Ruiz", "PERSON", [{"alias": "Ana Ruiz", "mentions": 1}], 1),
    ]
    assert sql("SELECT count(*) FROM '{pq}/problems.parquet'") == [(0,)]


def test_parquet_tables_read_back_in_polars(flood_db: Path, tmp_path: Path) -> None:
    export(flood_db, "parquet", str(tmp_path / "pq"))
    spans = pl.read_parquet(tmp_path / "pq" / "spans.parquet")
    assert spans.schema["start"] == pl.Int32 and spans.height == 11
    places = spans.filter(pl.col("kind") == "place").select(
        "text", pl.col("value").str.json_path_match("$.country").alias("country")
    )
    assert places.rows() == [("Austin", "US"), ("Texas", "US"), ("Serbia", "RS")]
    docs = pl.read_parquet(tmp_path / "pq" / "docs.parquet")
    assert docs.schema["published"] == pl.Datetime("us", "UTC")
    assert docs.get_column("published").dt.hour().to_list() == [8]


def test_parquet_keeps_problems_and_empty_tables(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    doc = _plain_doc("with-problem")
    doc.add_problem("tone", "ValueError", "no words")
    with Store(db) as store:
        store.put(doc)
    export(db, "parquet", str(tmp_path / "pq"))
    problems = pl.read_parquet(tmp_path / "pq" / "problems.parquet")
    assert problems.select("doc_id", "stage", "kind", "message").rows() == [
        ("with-problem", "tone", "ValueError", "no words")
    ]
    assert problems.schema["at"] == pl.Datetime("us", "UTC")
    assert pl.read_parquet(tmp_path / "pq" / "quotes.parquet").height == 0


# -- errors and the command -----------------------------------------------------------------


def test_export_refuses_a_missing_database_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        export(tmp_path / "absent.db", "jsonl", "-")
    with pytest.raises(ExportError, match="choose one of jsonl, parquet, gkg"):
        export(tmp_path / "absent.db", "csv", "-")


def test_parquet_needs_a_folder(flood_db: Path) -> None:
    with pytest.raises(ExportError, match="give --out a folder"):
        export(flood_db, "parquet", "-")


def test_command_writes_stdout_and_reports(cli: Cli, flood_db: Path) -> None:
    done = cli("export", "--db", str(flood_db), "--format", "gkg", "--out", "-")
    assert done.returncode == 0
    assert done.stdout == "\t".join(gkg_row(flood_doc())) + "\n"
    assert done.stderr == "exported 1 documents as gkg to stdout\n"


def test_command_errors(cli: Cli, tmp_path: Path, flood_db: Path) -> None:
    missing = cli("export", "--db", "absent.db", "--format", "jsonl", "--out", "-")
    assert missing.returncode == 1
    assert missing.stderr == (
        "newsgraph: error: no database at absent.db; create one with 'newsgraph ingest'\n"
    )
    unknown = cli("export", "--db", str(flood_db), "--format", "csv", "--out", "-")
    assert unknown.returncode == 2
    assert "Invalid value for '--format': 'csv' is not one of 'jsonl', 'parquet', 'gkg'" in (
        unknown.stderr
    )
    unwritable = cli("export", "--format", "gkg", "--db", str(flood_db), "--out", "no/dir/x.tsv")
    assert unwritable.returncode == 1
    assert unwritable.stderr.startswith("newsgraph: error: cannot write no/dir/x.tsv:")


# -- a real ingest, and a large store ---------------------------------------------------------


def test_ingested_page_exports_its_speaker_everywhere(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "ferry.html").write_text(ARTICLE_HTML, encoding="utf-8")
    db = tmp_path / "news.db"
    with Store(db) as store:
        ingest(read_paths([str(tmp_path / "pages")]), store, build_pipeline())
    export(db, "gkg", str(tmp_path / "gkg.tsv"))
    export(db, "parquet", str(tmp_path / "pq"))
    cells = (tmp_path / "gkg.tsv").read_text(encoding="utf-8").rstrip("\n").split("\t")
    row = dict(zip(COLUMNS, cells, strict=True))
    assert row["V2DOCUMENTIDENTIFIER"] == "https://tribune.example/2025/ferry-strike"
    assert row["V2SOURCECOMMONNAME"] == "tribune.example"
    assert "Amara Quist" in row["V1PERSONS"].split(";")
    with Store(db) as store:
        text = store.get(store.ids()[0]).text
    first, second = text.index("We have"), text.index("Nobody")
    assert row["V2.1QUOTATIONS"] == (
        f"{first}|26|said|We have waited long enough#"
        f"{second}|69|said|Nobody wants to strand passengers, but the company left us no choice."
    )
    speakers = pl.read_parquet(tmp_path / "pq" / "quotes.parquet").get_column("speaker")
    assert set(speakers.drop_nulls()) == {"Amara Quist"}


def synthetic(i: int) -> Doc:
    """A 300-word article with a person, a place and a quote, like the store benchmark's."""
    doc = Doc(id=f"doc-{i:05d}", source=f"bench:{i}", url=f"https://news.test/{i}")
    doc.set_text(f"Story {i}", " ".join(["Ana Ruiz said the harbour vote failed in Austin."] * 30))
    add = _adder(doc)
    ruiz = add("entity", "Ana Ruiz", "PERSON", {"name": "Ana Ruiz", "entity": "person:ana-ruiz"})
    add("place", "Austin", "city", {**AUSTIN, "country": "US", "admin1": "TX"})
    start = doc.text.index("the harbour")
    doc.add_span("quote", start, start + 24, label="indirect", args={"speaker": ruiz.id})
    return doc


def test_large_store_exports_in_bounded_memory(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    with Store(db) as store, store.transaction():
        for i in range(2000):
            store.put(synthetic(i))
    peaks = {}
    for fmt, out in (("jsonl", "d.jsonl"), ("gkg", "d.tsv"), ("parquet", "pq")):
        tracemalloc.start()
        assert export(db, fmt, str(tmp_path / out)) == 2000
        peaks[fmt] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    # The whole store is ~7 MB of text and far more as Python objects; streaming holds a few
    # hundred documents at a time (parquet: a row group of 1,000 documents and their spans).
    assert peaks["jsonl"] < 4_000_000 and peaks["gkg"] < 4_000_000, peaks
    assert peaks["parquet"] < 40_000_000, peaks
    assert pl.read_parquet(tmp_path / "pq" / "docs.parquet").height == 2000


# -- times out of range, control characters, failed exports ---------------------------------


def test_times_outside_what_utc_holds_are_unknown_not_fatal() -> None:
    assert gdelt_date("9999-12-31T23:00:00-05:00") == ""  # UTC would be in the year 10000
    assert gdelt_date("0001-01-01T00:30:00+01:00") == ""  # UTC would be in the year 0
    assert gdelt_date("0001-01-01T00:00:00-05:00") == "00010101050000"
    assert gdelt_date("0987-06-05") == "09870605000000"


def test_a_store_with_a_far_future_date_exports_every_format(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    future = _plain_doc("future")
    future.meta.published = "9999-12-31T23:00:00-05:00"
    with Store(db) as store:
        store.put(_plain_doc("plain"))
        store.put(future)
    assert export(db, "gkg", str(tmp_path / "f.tsv")) == 2
    rows = [line.split("\t") for line in (tmp_path / "f.tsv").read_text().splitlines()]
    assert [(row[0], row[1]) for row in rows] == [("plain", "0"), ("future", "0")]
    assert export(db, "parquet", str(tmp_path / "pq")) == 2
    docs = pl.read_parquet(tmp_path / "pq" / "docs.parquet").select("published", "published_text")
    assert docs.rows() == [(None, None), (None, "9999-12-31T23:00:00-05:00")]


def test_control_characters_never_reach_a_gkg_row_or_its_xml() -> None:
    doc = _plain_doc("ctrl")
    doc.meta.title = "Ctrl \x01 char \x1c sep\x7f end \ufffe"
    row = gkg_row(doc)
    assert row[COLUMNS.index("V2EXTRASXML")] == "<PAGE_TITLE>Ctrl char sep end</PAGE_TITLE>"
    ElementTree.fromstring(f"<x>{row[COLUMNS.index('V2EXTRASXML')]}</x>")  # well-formed
    assert clean("a\x00b\x1ec\x85d") == "a b c d"


def _fails_on_second(real: Callable[[Doc], object]) -> Callable[[Doc], object]:
    seen: list[str] = []

    def row(doc: Doc) -> object:
        seen.append(doc.id)
        if len(seen) % 2 == 0:  # the second document of each export
            raise OverflowError("a row that cannot be written")
        return real(doc)

    return row


@pytest.mark.parametrize("name", ["out.tsv", "out.tsv.gz"])
def test_a_failed_file_export_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    db = tmp_path / "two.db"
    with Store(db) as store:
        store.put(_plain_doc("one"))
        store.put(_plain_doc("two"))
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_bytes(b"the previous export\n")
    monkeypatch.setattr(gkg, "gkg_row", _fails_on_second(gkg.gkg_row))
    with pytest.raises(OverflowError):
        export(db, "gkg", str(out / name))
    assert [p.name for p in out.iterdir()] == [name]
    assert (out / name).read_bytes() == b"the previous export\n"
    with pytest.raises(OverflowError):
        export(db, "gkg", str(out / "new.tsv"))
    assert [p.name for p in out.iterdir()] == [name]


def test_a_gzip_export_names_its_final_file_in_the_gzip_header(tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    with Store(db) as store:
        store.put(_plain_doc("one"))
    export(db, "jsonl", str(tmp_path / "docs.jsonl.gz"))
    data = (tmp_path / "docs.jsonl.gz").read_bytes()
    assert data[3] & 0x08 and data[10 : data.index(b"\0", 10)] == b"docs.jsonl"


def test_a_failed_parquet_export_leaves_no_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "two.db"
    with Store(db) as store:
        store.put(_plain_doc("one"))
        store.put(_plain_doc("two"))
    monkeypatch.setattr(parquet, "doc_row", _fails_on_second(parquet.doc_row))
    with pytest.raises(OverflowError):
        export(db, "parquet", str(tmp_path / "new" / "pq"))
    assert not (tmp_path / "new" / "pq").exists()
    old = tmp_path / "old"
    old.mkdir()
    (old / "docs.parquet").write_bytes(b"the previous export")
    with pytest.raises(OverflowError):
        export(db, "parquet", str(old))
    assert [p.name for p in old.iterdir()] == ["docs.parquet"]
    assert (old / "docs.parquet").read_bytes() == b"the previous export"
    monkeypatch.undo()
    assert export(db, "parquet", str(old)) == 2
    assert sorted(p.name for p in old.iterdir()) == sorted(
        f"{t}.parquet" for t in ("docs", "spans", "span_links", "quotes", "entities", "problems")
    )
