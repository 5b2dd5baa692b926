"""Loaders for the public benchmarks in `shared/eval/`: each gives pages with their gold answers.

Every loader returns the pages sorted by id and decoded to text before any timing starts, so
that reading files never counts as extraction.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.sources.decode import decode


@dataclass(frozen=True)
class Gold:
    """A page's true answers; None where the benchmark gives no answer for that field."""

    body: str | None = None
    title: str | None = None
    authors: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, URL, content (HTML or scraped text) and gold answers."""

    id: str
    url: str | None
    content: str
    gold: Gold


@dataclass(frozen=True)
class Dataset:
    """A benchmark: its pages, their kind ("html" or "text"), its metric and the fields scored."""

    name: str
    kind: str
    metric: str  # "shingles", "bag" or "dates"
    fields: tuple[str, ...]  # of "body", "title", "authors", "date"
    pages: list[Page]


def default_data_dir() -> Path:
    """`../shared/eval` from the current directory, else the `shared/eval` beside the repo."""
    here = Path.cwd().parent / "shared" / "eval"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[4] / "shared" / "eval"


def load(name: str, data_dir: Path, limit: int | None = None) -> Dataset:
    """Load the named benchmark from `data_dir`, keeping the first `limit` pages by id."""
    if name not in LOADERS:
        raise NewsgraphError(f"unknown dataset {name!r}; choose one of {', '.join(LOADERS)}")
    folder = data_dir / name
    if not folder.is_dir():
        raise NewsgraphError(f"no {name} data in {folder}; pass --data-dir")
    return LOADERS[name](folder, limit)


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _read_page(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode(data).text


def _first(ids: list[str], limit: int | None) -> list[str]:
    return sorted(ids)[:limit] if limit is not None else sorted(ids)


def _scrapinghub(folder: Path, limit: int | None) -> Dataset:
    truth = _read_json(folder / "ground-truth.json")
    pages = [
        Page(i, truth[i]["url"], _read_page(folder / "html" / f"{i}.html.gz"), _body_gold(truth[i]))
        for i in _first(list(truth), limit)
    ]
    return Dataset("scrapinghub", "html", "shingles", ("body",), pages)


def _scrapinghub_text(folder: Path, limit: int | None) -> Dataset:
    truth = _read_json(folder / "ground-truth.json")
    pages = [
        Page(i, truth[i]["url"], (folder / f"{i}.txt").read_text("utf-8"), _body_gold(truth[i]))
        for i in _first(list(truth), limit)
    ]
    return Dataset("scrapinghub-text", "text", "shingles", ("body",), pages)


def _body_gold(entry: dict[str, Any]) -> Gold:
    return Gold(body=entry.get("articleBody") or "")


def _wcxb(folder: Path, limit: int | None) -> Dataset:
    files = _read_json(folder / "metadata.json")["files"]
    ids = [i for i, m in files.items() if m["split"] == "dev" and m["page_type"] == "article"]
    pages = [_wcxb_page(folder, i) for i in _first(ids, limit)]
    return Dataset("wcxb-dev", "html", "bag", ("body", "title", "authors", "date"), pages)


def _wcxb_page(folder: Path, page_id: str) -> Page:
    record = _read_json(folder / "ground-truth" / f"{page_id}.json")
    truth = record["ground_truth"]
    gold = Gold(
        # One dev page has no main_content: score it as an empty reference.
        body=truth.get("main_content") or "",
        title=truth.get("title") or None,
        authors=truth.get("author") or None,
        date=truth.get("publish_date") or None,
    )
    return Page(
        page_id, record.get("url"), _read_page(folder / "html" / f"{page_id}.html.gz"), gold
    )


def _htmldate_news(folder: Path, limit: int | None) -> Dataset:
    gold = _read_json(folder / "gold.json")
    by_file = {entry["file"]: url for url, entry in gold.items()}
    pages = []
    for name in _first(list(by_file), limit):
        url = by_file[name]
        pages.append(
            Page(name, url, _read_page(folder / "pages" / name), Gold(date=gold[url]["date"]))
        )
    return Dataset("htmldate-news", "html", "dates", ("date",), pages)


LOADERS: dict[str, Callable[[Path, int | None], Dataset]] = {
    "scrapinghub": _scrapinghub,
    "scrapinghub-text": _scrapinghub_text,
    "wcxb-dev": _wcxb,
    "htmldate-news": _htmldate_news,
}
