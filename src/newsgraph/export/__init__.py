"""Export a store in bulk: JSON Lines, Parquet tables, or GDELT GKG 2.1 rows.

`export("news.db", "parquet", "out/")` writes docs, spans, span_links, quotes, entities and
problems tables into out/; `export("news.db", "jsonl", "docs.jsonl.gz")` one contract object per
line, gzipped; `export("news.db", "gkg", "-")` GKG rows to stdout. See docs/export.md.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.errors import ExportError
from newsgraph.export.gkg import write_gkg
from newsgraph.export.jsonl import write_jsonl
from newsgraph.store import Store

FORMATS = ("jsonl", "parquet", "gkg")

__all__ = ["FORMATS", "ExportError", "export"]


def export(db_path: str | Path, fmt: str, out: str, *, header: bool = False) -> int:
    """Write every stored document of `db_path` to `out` in `fmt`; return how many documents.

    `out` is a file (gzip when it ends in .gz) or '-' for stdout, or a folder for parquet;
    `header` adds the column names as a first row to gkg output."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with Store(db_path, create=False) as store:
        if fmt == "jsonl":
            return write_jsonl(store, out)
        if fmt == "parquet":
            # pyarrow takes a tenth of a second to import: only the parquet export pays for it.
            from newsgraph.export.parquet import write_parquet

            return write_parquet(store, out)
        return write_gkg(store, out, header=header)
