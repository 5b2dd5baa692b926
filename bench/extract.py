"""Extraction speed: our extractor against trafilatura fast on the same scrapinghub pages.

Run: .venv/bin/python bench/extract.py [--passes N] [--limit N] [--data-dir DIR]
One process, the same pages for both, read before timing starts; pages/s is the median of the
passes and counts extraction only. Two comparisons of the same work on both sides: the body
alone, then the body with title, authors and date (trafilatura's with_metadata=True).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgraph.eval.datasets import default_data_dir, load
from newsgraph.eval.extraction import Row, measure
from newsgraph.eval.peers import OURS, PEERS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or default_data_dir()
    if not (data_dir / "scrapinghub").is_dir():
        raise SystemExit(f"no scrapinghub pages in {data_dir}; pass --data-dir")
    dataset = load("scrapinghub", data_dir, args.limit)
    trafilatura_fast = next(p for p in PEERS if p.name == "trafilatura fast=True")
    print(f"{len(dataset.pages)} scrapinghub pages, median of {args.passes} passes")
    for label, with_metadata in (("body only", False), ("body + title, authors, date", True)):
        rows = [
            measure(e, dataset, args.passes, with_metadata=with_metadata)
            for e in (OURS["html"], trafilatura_fast)
        ]
        _print(label, rows)


def _print(label: str, rows: list[Row]) -> None:
    print(f"{label}:")
    for row in rows:
        rate = f"{row.pages_per_s:8.1f} pages/s" if row.pages_per_s else f"failed: {row.reason}"
        print(f"  {row.name:32} {rate}")
    ours, theirs = rows
    if ours.pages_per_s and theirs.pages_per_s:
        print(f"  ratio (ours / trafilatura fast): {ours.pages_per_s / theirs.pages_per_s:.2f}")


if __name__ == "__main__":
    main()
