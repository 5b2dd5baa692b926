"""Store insert rate: synthetic articles with spans and links, written as `ingest` writes them.

Run: .venv/bin/python bench/store_insert.py [--docs N]  (articles from bench/synthetic.py)
Prints docs/s for the store (FTS5, spans, links, problems, input records) and, as the floor to
compare with, for a bare SQLite table of the same texts with no index at all.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from newsgraph import Doc, Store
from synthetic import articles  # bench/ is on the path when this file runs


def store_rate(docs: list[Doc], folder: Path, batch: int = 500) -> float:
    with Store(folder / "bench.db") as store:
        began = time.perf_counter()
        for offset in range(0, len(docs), batch):
            with store.transaction():
                for doc in docs[offset : offset + batch]:
                    store.put(doc, digest=doc.id)
        return len(docs) / (time.perf_counter() - began)


def bare_rate(docs: list[Doc], folder: Path) -> float:
    conn = sqlite3.connect(folder / "bare.db")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, text TEXT)")
    began = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO t VALUES (?, ?)", [(d.id, d.text) for d in docs])
    conn.close()
    return len(docs) / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    args = parser.parse_args()
    docs = articles(args.docs)
    with tempfile.TemporaryDirectory() as folder:
        ours = store_rate(docs, Path(folder))
        bare = bare_rate(docs, Path(folder))
    spans = sum(len(d.spans) for d in docs) / len(docs)
    print(f"{args.docs} docs, {len(docs[0].text)} chars and {spans:.0f} spans each")
    print(f"newsgraph store : {ours:8.0f} docs/s (FTS5, spans, links, entities, problems, inputs)")
    print(f"bare SQLite     : {bare:8.0f} docs/s (one table, no index)")
    print(f"ratio           : {ours / bare:8.2f}")


if __name__ == "__main__":
    main()
