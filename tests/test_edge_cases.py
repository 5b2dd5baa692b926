"""Inputs and re-runs that once lost or duplicated documents, or stopped a batch."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph import Doc, Store, build_pipeline, ingest, process
from newsgraph.sources import read_paths
from newsgraph.sources.decode import decode

from .conftest import SCRAPED_TEXT, newsgraph_cmd

Cli = Callable[..., Any]
BODIES = {
    k: f"Report {k}: the council met on Monday and voted on the harbour plan {k}." * 2
    for k in "ABCD"
}


def record(key: str, **extra: object) -> str:
    return json.dumps({"title": f"Title {key}", "body": BODIES[key], **extra})


def ingest_lines(db: Path, path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n")
    with Store(db) as store:
        ingest(read_paths([str(path)]), store, build_pipeline(["extract"]))


def titles(db: Path) -> list[str]:
    with Store(db) as store:
        return sorted(store.get(i).meta.title for i in store.ids())


def test_a_rolling_feed_keeps_every_record(tmp_path: Path) -> None:
    feed, db = tmp_path / "feed.jsonl", tmp_path / "n.db"
    ingest_lines(db, feed, [record(k) for k in "ABC"])
    ingest_lines(db, feed, [record(k) for k in "BCD"])
    assert titles(db) == ["Title A", "Title B", "Title C", "Title D"]


def test_records_with_ids_are_named_by_id(tmp_path: Path) -> None:
    feed, db = tmp_path / "feed.jsonl", tmp_path / "n.db"
    ingest_lines(db, feed, [record(k, id=k) for k in "ABC"])
    with Store(db) as store:
        assert store.get("B").source == f"file:{feed}#id=B"


def test_two_stdin_streams_are_both_kept(tmp_path: Path) -> None:
    for key in "AB":
        subprocess.run(
            [
                *newsgraph_cmd(),
                "ingest",
                "-",
                "--db",
                str(tmp_path / "n.db"),
                "--stages",
                "extract",
            ],
            input=record(key).encode(),
            check=True,
            capture_output=True,
        )
    assert titles(tmp_path / "n.db") == ["Title A", "Title B"]


def test_a_failed_version_does_not_orphan_the_old_one(tmp_path: Path) -> None:
    feed, db = tmp_path / "feed.jsonl", tmp_path / "n.db"
    ingest_lines(db, feed, [record("A")])
    ingest_lines(db, feed, [json.dumps({"title": "Title A", "body": "  "})])
    ingest_lines(db, feed, [record("B")])
    assert titles(db) == ["Title B"]


def test_same_id_from_another_source_takes_no_old_problems(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        first = Doc(id="D", source="a")
        first.set_text("T", "Body one.")
        first.add_problem("read", "decode", "bytes replaced")
        store.put(first, "1")
        second = Doc(id="D", source="b")
        second.set_text("T", "Body two.")
        store.put(second, "2")
        assert store.get("D").problems == []


def test_line_separator_inside_a_record_is_not_a_line_break(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    body = BODIES["A"] + "\u2028" + BODIES["B"]
    feed.write_text(json.dumps({"body": body, "title": "T"}, ensure_ascii=False) + "\n")
    items = list(read_paths([str(feed)]))
    assert len(items) == 1 and items[0].content == body  # type: ignore[union-attr]


def test_lone_surrogates_and_odd_file_names_do_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"title": "Odd \\ud800", "body": "A body with words."}\n')
    odd_name = os.fsdecode(b"caf\xe9.txt")
    (folder / odd_name).write_text(SCRAPED_TEXT)
    (folder / "good.txt").write_text(SCRAPED_TEXT.replace("Friday", "Sunday"))
    with Store(tmp_path / "n.db") as store:
        summary = ingest(read_paths([str(folder)]), store, build_pipeline(["extract"]))
        assert (summary.stored, summary.problems) == (3, 0)
        assert summary.flawed == 1  # the record's surrogate was replaced, and noted


def test_extra_that_is_not_an_object_is_kept_as_a_plain_key() -> None:
    doc = process(json.dumps({"body": "Some words here.", "extra": "x", "provenance": 3}))
    assert doc.meta.extra == {"extra": "x", "provenance": 3} and doc.meta.provenance == {}


def test_malformed_url_still_gives_a_document() -> None:
    doc = process(json.dumps({"body": "Some words here.", "url": "http://example.org:99999/a"}))
    assert doc.id and doc.skipped is None and not doc.problems


def test_a_utf16_declaration_on_single_byte_text_is_ignored() -> None:
    page = '<meta charset="utf-16"><p>Café owners said “no”.</p>\n'.encode("cp1252") * 3
    assert "Café owners said “no”." in decode(page).text


def test_rerunning_a_stage_leaves_no_dangling_link() -> None:
    doc = Doc()
    doc.set_text("T", "Ann said hello.")
    ann = doc.add_span("entity", 3, 6, stage="entities")
    quote = doc.add_span("quote", 11, 16, args={"speaker": ann.id, "cue": ann.id}, stage="quotes")
    doc.remove_spans("entities")
    assert doc.span(quote.id).args == {}
    assert doc.span(quote.id).kind == "quote"  # the quote stays, without a speaker


def test_a_closed_pipe_ends_extract_quietly(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"p{i}.txt").write_text(SCRAPED_TEXT.replace("Friday", f"day {i}"))
    command = " ".join([*newsgraph_cmd(), "extract", "--stages", "extract", str(tmp_path)])
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{command} | head -c 10"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
