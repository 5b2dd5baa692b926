"""Store insert rate: synthetic articles with spans and links, written as `ingest` writes them.

Run: .venv/bin/python bench/store_insert.py [--docs N]
Prints docs/s for the store (FTS5, spans, links, problems, input records) and, as the floor to
compare with, for a bare SQLite table of the same texts with no index at all.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from newsgraph import Doc, Store

WORDS = [
    "harbour",
    "council",
    "minister",
    "said",
    "vote",
    "strike",
    "ferry",
    "budget",
    "water",
    "bridge",
    "mayor",
    "election",
    "police",
    "report",
    "people",
    "million",
    "percent",
    "week",
    "month",
    "year",
    "union",
]


def synthetic(i: int, rng: random.Random) -> Doc:
    """An article of 500 words naming 30 people from a pool of 500, with 5 quotes."""
    people = [rng.randrange(500) for _ in range(30)]  # people recur across documents
    words = [rng.choice(WORDS) for _ in range(500)]
    for slot, person in zip(range(0, 500, 16), people, strict=False):
        words[slot] = f"Person{person:03d}"
    doc = Doc(id=f"doc-{i}", source=f"bench:{i}")
    doc.set_text(f"Synthetic article {i}", " ".join(words))
    for person in people:
        start = doc.text.index(f"Person{person:03d}")
        value = {"name": f"Person{person:03d}", "entity": f"person:{person}"}
        doc.add_span("entity", start, start + 9, label="PERSON", value=value, stage="b")
    first = doc.spans[0].id
    for _ in range(5):
        start = rng.randrange(doc.body_start, len(doc.text) - 80)
        doc.add_span(
            "quote",
            start,
            start + 70,
            label="direct",
            args={"speaker": first},
            value={"speaker": "X"},
            stage="b",
        )
    return doc


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
    rng = random.Random(7)
    docs = [synthetic(i, rng) for i in range(args.docs)]
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
