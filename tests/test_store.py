from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph import Doc, Store, build_pipeline, ingest
from newsgraph.errors import SearchQueryError, StoreError
from newsgraph.schema import SCHEMA_VERSION
from newsgraph.sources import read_paths

from .conftest import ARTICLE_HTML


def article(doc_id: str, body: str, title: str = "Title") -> Doc:
    doc = Doc(id=doc_id, source=f"test:{doc_id}")
    doc.set_text(title, body)
    doc.add_span("entity", doc.body_start, doc.body_start + 4, label="PERSON", stage="t")
    return doc


def run(folder: Path, db: Path) -> tuple[int, int, int, int]:
    with Store(db) as store:
        s = ingest(read_paths([str(folder)]), store, build_pipeline())
    return s.stored, s.replaced, s.unchanged, s.problems


def test_database_is_wal_and_versioned(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "n.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "n.db")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "n.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "n.db")


def test_reading_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_same_input_twice_changes_nothing(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "n.db"
    assert run(pages, db) == (2, 0, 0, 0)
    before = _dump(db)
    assert run(pages, db) == (0, 0, 2, 0)
    assert _dump(db) == before


def test_changed_input_replaces_its_old_version(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "n.db"
    run(pages, db)
    page = pages / "lighthouse.txt"
    page.write_text(page.read_text().replace("Friday", "Saturday"))
    assert run(pages, db) == (1, 0, 1, 0)  # a body-hash id changes: the old doc goes
    with Store(db) as store:
        assert store.count() == 2
        assert [h.title for h in store.search("Saturday")] == [
            "Lighthouse keeper retires after forty years"
        ]
        assert store.search("Friday") == []


def test_changed_page_with_same_url_is_replaced_in_place(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "n.db"
    run(pages, db)
    page = pages / "ferry.html"
    page.write_text(ARTICLE_HTML.replace("third time", "fourth time"))
    assert run(pages, db) == (0, 1, 1, 0)
    with Store(db) as store:
        assert len(store.search("fourth")) == 1 and store.search("third") == []


def test_put_replaces_spans_and_links(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        assert store.put(article("a", "Anna met Bob."), "v1") == "stored"
        assert store.put(article("a", "Anna met Bob."), "v1") == "unchanged"
        new = article("a", "Anna met Carl.")
        new.add_span("quote", 0, 3, args={"speaker": 1}, stage="q")
        assert store.put(new, "v2") == "replaced"
        assert store.count("spans") == 2 and store.count("span_links") == 1
        assert store.get("a").span(2).args == {"speaker": 1}


def test_search_ranks_title_matches_and_marks_snippets(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.put(article("a", "Talk of harbours and ferries.", title="Weather"), "1")
        store.put(article("b", "Nothing here about it.", title="Ferries return"), "2")
        hits = store.search("ferries")
        assert [h.id for h in hits] == ["b", "a"]
        assert "[ferries]" in hits[1].snippet


def test_search_with_broken_syntax_falls_back_to_words(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.put(article("a", "The mayor's plan (draft) was approved."), "1")
        assert [h.id for h in store.search("mayor's \"plan (draft")] == ["a"]


def test_search_query_error_is_clear(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store, pytest.raises(SearchQueryError, match="cannot search"):
        store.search("   ")


def test_a_failed_write_leaves_no_partial_document(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        bad = article("a", "Body text.")
        bad.add_span(
            "amount", 0, 2, value={"n": object()}
        )  # the doc row is written, then this fails
        with pytest.raises(TypeError):
            store.put(bad, "1")
        assert store.count() == 0 and store.count("spans") == 0


def _dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = [("docs", *r) for r in conn.execute("SELECT id, text, meta, input_digest FROM docs")]
    rows += [("spans", *r) for r in conn.execute("SELECT * FROM spans")]
    rows += [("problems", *r) for r in conn.execute("SELECT source, kind, message FROM problems")]
    conn.close()
    return sorted(rows, key=repr)


def dated(doc_id: str, day: str | None, body: str, source: str = "") -> Doc:
    """A document naming the people in `body` ("Ada", "Bo") by entity id, each once, with a
    quote around the whole body."""
    doc = Doc(id=doc_id, source=source or f"test:{doc_id}")
    doc.meta.published = day
    doc.set_text("Title", body)
    for name in ("Ada", "Bo"):
        if name in body:
            start = doc.text.index(name)
            value = {"entity": f"p:{name.lower()}", "name": name}
            doc.add_span("entity", start, start + len(name), label="PERSON", value=value, stage="t")
    end = len(doc.text)
    doc.add_span("quote", doc.body_start, end, label="direct", value={"text": body}, stage="t")
    return doc


def summaries(conn: sqlite3.Connection) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    days = conn.execute("SELECT * FROM entity_days ORDER BY 1, 2").fetchall()
    subjects = conn.execute("SELECT * FROM quote_subjects ORDER BY 1, 2, 3").fetchall()
    return days, subjects


def test_entity_days_and_quote_subjects_follow_puts_and_replacements(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.put(dated("a", "2025-03-01T09:00", "Ada and Bo."), digest="1")
        store.put(dated("b", "2025-03-01", "Ada alone."), digest="1")
        store.put(dated("c", None, "Bo alone."), digest="1")
        first = summaries(store.conn)
        store.put(dated("b", "2025-03-02", "Bo now."), digest="2")  # same id, new day and name
        with store.transaction():  # the source gives a new id: the old document goes
            store.put(dated("c2", "2025-03-02", "Nobody.", source="test:c"), digest="2")
        second = summaries(store.conn)
    assert first == (
        [("p:ada", "2025-03-01", 2), ("p:bo", "", 1), ("p:bo", "2025-03-01", 1)],
        [("a", 3, "p:ada"), ("a", 3, "p:bo"), ("b", 2, "p:ada"), ("c", 2, "p:bo")],
    )
    assert second == (
        [("p:ada", "2025-03-01", 1), ("p:bo", "2025-03-01", 1), ("p:bo", "2025-03-02", 1)],
        [("a", 3, "p:ada"), ("a", 3, "p:bo"), ("b", 2, "p:bo")],
    )


def test_migration_fills_the_summaries_from_stored_documents(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as store:
        store.put(dated("a", "2025-03-01", "Ada and Bo."))
        store.put(dated("b", "2025-03", "Ada alone."))
        kept = summaries(store.conn)
        # Back to the schema before the summaries, as a database of an earlier version is.
        store.conn.executescript(
            "DROP TABLE entity_days; DROP TABLE quote_subjects;"
            f" PRAGMA user_version = {SCHEMA_VERSION - 1};"
        )
    with Store(db) as store:
        assert summaries(store.conn) == kept
    assert kept[0] == [("p:ada", "", 1), ("p:ada", "2025-03-01", 1), ("p:bo", "2025-03-01", 1)]
