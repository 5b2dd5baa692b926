from __future__ import annotations

import json
import os
import pty
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsgraph import __version__, doc_from_dict
from newsgraph.cli import main

from .conftest import ARTICLE_HTML, SCRAPED_TEXT, newsgraph_cmd

Cli = Callable[..., Any]


def test_version(cli: Cli) -> None:
    done = cli("--version")
    assert done.returncode == 0 and __version__ in done.stdout


@pytest.mark.parametrize("command", [[], *[[name] for name in main.commands]])
def test_help_on_everything(cli: Cli, command: list[str]) -> None:
    done = cli(*command, "--help")
    assert done.returncode == 0 and "Usage:" in done.stdout


def test_extract_prints_the_json_contract(cli: Cli, pages: Path) -> None:
    done = cli("extract", str(pages / "ferry.html"), str(pages / "lighthouse.txt"))
    assert done.returncode == 0, done.stderr
    docs = [doc_from_dict(json.loads(line)) for line in done.stdout.splitlines()]
    assert [d.meta.title for d in docs] == [
        "Ferry workers vote to strike",
        "Lighthouse keeper retires after forty years",
    ]
    assert docs[0].url == "https://tribune.example/2025/ferry-strike"
    assert docs[0].meta.site == "The Test Tribune"
    assert "Amara Quist" in docs[0].body and "Home" not in docs[0].body


def test_extract_reads_stdin(cli: Cli) -> None:
    done = cli("extract", "-", stdin=SCRAPED_TEXT)
    assert done.returncode == 0
    assert json.loads(done.stdout)["source"].startswith("stdin:")


def test_body_records_are_taken_exactly(cli: Cli) -> None:
    body = "  First paragraph, kept as is.\n\n\nSecond one.  "
    done = cli("extract", "-", stdin=json.dumps({"body": body, "title": "Exact", "id": "x-1"}))
    data = json.loads(done.stdout)
    assert data["text"] == "Exact\n\n" + body and data["id"] == "x-1"
    assert data["text"][data["body_start"] :] == body


def test_ingest_then_reingest_then_search_and_show(cli: Cli, pages: Path) -> None:
    first = cli("ingest", str(pages))
    assert (first.returncode, first.stdout.strip()) == (
        0,
        "2 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems",
    )
    second = cli("ingest", str(pages))
    assert second.stdout.strip() == "0 stored, 0 replaced, 2 unchanged, 0 skipped, 0 problems"
    found = cli("search", "strand passengers")
    assert found.returncode == 0
    doc_id = found.stdout.split()[0]
    assert "[strand] [passengers]" in found.stdout
    shown = cli("show", doc_id)
    assert shown.stdout.startswith("Ferry workers vote to strike\n")
    assert "site:      The Test Tribune" in shown.stdout
    as_json = json.loads(cli("show", doc_id, "--json").stdout)
    assert as_json["id"] == doc_id


def test_problems_lists_what_went_wrong(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_bytes(b"")
    (tmp_path / "good.txt").write_text(SCRAPED_TEXT)
    assert cli("ingest", "bad.html", "good.txt").returncode == 3
    listed = cli("problems")
    assert listed.stdout.startswith("file:bad.html\tread/empty\t")
    assert cli("problems", "--kind", "binary").stdout == ""


def test_stages_lists_requires_and_produces(cli: Cli) -> None:
    done = cli("stages")
    assert "extract (default)\n    requires: raw\n    produces: text, meta" in done.stdout


def test_usage_error_exits_2(cli: Cli) -> None:
    done = cli("ingest")
    assert done.returncode == 2 and "Missing argument" in done.stderr


def test_unknown_id_is_one_line_exit_1(cli: Cli, pages: Path) -> None:
    cli("ingest", str(pages))
    done = cli("show", "nope")
    assert done.returncode == 1
    assert (
        done.stderr
        == "newsgraph: error: no document with id 'nope' in " + done.stderr.split(" in ")[-1]
    )
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def test_debug_shows_the_traceback(cli: Cli, pages: Path) -> None:
    cli("ingest", str(pages))
    assert "Traceback" in cli("--debug", "show", "nope").stderr


def test_reading_commands_need_an_existing_database(cli: Cli, tmp_path: Path) -> None:
    done = cli("search", "x", "--db", "missing.db")
    assert done.returncode == 1 and "no database at missing.db" in done.stderr
    assert not (tmp_path / "missing.db").exists()


def test_unknown_stage_is_a_clear_error(cli: Cli, pages: Path) -> None:
    done = cli("extract", "--stages", "extract,sentiment", str(pages))
    assert done.returncode == 1
    assert done.stderr.startswith(
        "newsgraph: error: no stage named 'sentiment'; known stages: extract, "
    )
    assert len(done.stderr.splitlines()) == 1


def test_a_stage_out_of_order_names_the_one_missing(cli: Cli, pages: Path) -> None:
    done = cli("extract", "--stages", "extract,tone", str(pages))
    assert done.returncode == 1
    assert (
        done.stderr
        == "newsgraph: error: stage 'tone' requires 'sentence': add stage 'nlp' before it\n"
    )


def test_html_page_in_a_txt_file_is_read_as_html(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(ARTICLE_HTML)
    data = json.loads(cli("extract", "page.txt").stdout)
    assert data["meta"]["title"] == "Ferry workers vote to strike"
    assert "<p>" not in data["text"]


def test_progress_line_only_on_a_terminal(tmp_path: Path, pages: Path) -> None:
    for i in range(300):
        (pages / f"copy{i}.txt").write_text(SCRAPED_TEXT.replace("Friday", f"day {i}"))
    leader, follower = pty.openpty()
    done = subprocess.run(
        [*newsgraph_cmd(), "ingest", str(pages), "--db", str(tmp_path / "p.db")],
        stderr=follower,
        stdout=subprocess.PIPE,
        timeout=300,
        check=False,
    )
    os.close(follower)
    shown = os.read(leader, 1 << 16).decode()
    os.close(leader)
    assert done.returncode == 0
    assert "inputs (" in shown and "\r" in shown
    assert done.stdout.decode().startswith("302 stored")
