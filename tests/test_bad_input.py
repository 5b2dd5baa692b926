"""Every kind of bad input becomes a recorded problem; the rest of the batch is stored."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ARTICLE_HTML, SCRAPED_TEXT

Cli = Callable[..., "object"]


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Write one input of each bad kind; return file name -> expected problem kind."""
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n \t")
    (folder / "photo.jpg.html").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    with zipfile.ZipFile(folder / "archive.txt", "w") as archive:
        archive.writestr("a.txt", "hello")
    (folder / "huge.html").write_bytes(b"<p>" + b"word " * 10_000_000 + b"</p>")  # 50 MB
    depth = 100_000
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth + "</body></html>"
    )
    (folder / "broken.jsonl").write_text(
        json.dumps({"body": "A fine record about harbours.", "title": "Fine"})
        + "\n"
        + '{"body": "cut off in the mid\n'
        + json.dumps({"body": "Another fine record.", "title": "Also fine"})
        + "\n"
    )
    return {
        "empty.html": "empty",
        "blank.txt": "empty",
        "photo.jpg.html": "binary",
        "archive.txt": "binary",
        "huge.html": "too_large",
        "deep.html": "malformed",
        "broken.jsonl#2": "malformed",
    }


def test_bad_inputs_become_problems_and_good_ones_are_stored(tmp_path: Path, cli: Cli) -> None:
    expected = write_bad_inputs(tmp_path / "in")
    (tmp_path / "in" / "good.html").write_text(ARTICLE_HTML)
    truncated = SCRAPED_TEXT.replace("life", "lifé").encode()
    (tmp_path / "in" / "truncated.txt").write_bytes(truncated[: truncated.index(b"\xa9")])
    done = cli("ingest", "in")
    assert done.returncode == 3, done.stderr
    assert done.stdout.strip() == (
        "4 stored, 0 replaced, 0 unchanged, 0 skipped, 7 problems (1 stored with problems)"
    )
    assert "Traceback" not in done.stderr
    conn = sqlite3.connect(tmp_path / "news.db")
    kinds = {
        src.rsplit("/", 1)[-1]: kind
        for src, kind in conn.execute("SELECT source, kind FROM problems")
    }
    assert kinds == {**expected, "truncated.txt": "decode"}
    messages = [m for (m,) in conn.execute("SELECT message FROM problems")]
    assert all(m and "\n" not in m and len(m) < 300 for m in messages)
    titles = {t for (t,) in conn.execute("SELECT title FROM docs")}
    assert titles == {
        "Ferry workers vote to strike",
        "Fine",
        "Also fine",
        "Lighthouse keeper retires after forty years",
    }


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("empty.txt", b"", "empty"), ("bin.html", b"GIF89a\x01\x00" + bytes(300), "binary")],
)
def test_extract_reports_bad_input_on_stderr(
    tmp_path: Path, cli: Cli, name: str, content: bytes, kind: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(SCRAPED_TEXT)
    done = cli("extract", name, "good.txt")
    assert done.returncode == 3
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr.startswith(f"newsgraph: file:{name}: {kind}: ")
    assert len(done.stderr.splitlines()) == 1


def test_size_limit_is_configurable(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "page.txt").write_text(SCRAPED_TEXT)
    assert cli("extract", "--max-bytes", "50", "page.txt").returncode == 3
    assert cli("extract", "--max-bytes", "5000", "page.txt").returncode == 0
