"""Parallel ingest on Dask: shards, partitions, and a stored result identical to a serial run."""

from __future__ import annotations

import logging
import random
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dask
import pytest
from distributed import Client, LocalCluster

from newsgraph import parallel
from newsgraph.doc import Doc, Meta, Problem, Raw
from newsgraph.errors import StoreError
from newsgraph.ingest import Summary, fresh_docs, ingest, signature
from newsgraph.parallel import (
    Partition,
    Status,
    ingest_parallel,
    partitions,
    process_partition,
    stored_rows,
)
from newsgraph.shards import ShardFolder, decode_docs, encode_docs
from newsgraph.sources import read_paths
from newsgraph.stages import DEFAULT_STAGES, build_pipeline
from newsgraph.store import Store

Cli = Callable[..., subprocess.CompletedProcess[str]]
WORDS = [
    "harbour",
    "council",
    "minister",
    "vote",
    "strike",
    "ferry",
    "budget",
    "bridge",
    "mayor",
    "police",
    "union",
    "island",
]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def write_pages(folder: Path, count: int, seed: int = 3) -> Path:
    """`count` small distinct articles, one empty file and one page too short to keep."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        paragraphs = "".join(
            f"<p>{' '.join(rng.choice(WORDS) for _ in range(30))}.</p>" for _ in range(3)
        )
        (folder / f"page{i:03d}.html").write_text(
            f"<!doctype html><html><head><title>Story {i}</title></head>"
            f"<body><article><h1>Story {i}</h1>{paragraphs}</article></body></html>",
            encoding="utf-8",
        )
    (folder / "empty.html").write_text("", encoding="utf-8")
    (folder / "stub.html").write_text("<html><body><p>Too short.</p></body></html>")
    return folder


def serial_ingest(folder: Path, db: Path, stages: str = "extract") -> Summary:
    """The reference: the same inputs ingested one by one."""
    with Store(db) as store:
        return ingest(read_paths([str(folder)]), store, build_pipeline(stages.split(",")))


@pytest.fixture(scope="module", autouse=True)
def dask_scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Workers' scratch folders under pytest's temporary folder, not /tmp/dask-scratch-space."""
    with dask.config.set({"temporary-directory": str(tmp_path_factory.mktemp("dask"))}):
        yield


@pytest.fixture(scope="module")
def client(dask_scratch: None) -> Iterator[Client]:
    """Two worker threads in this process: quick to start, and the same code path as processes."""
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def sample_doc() -> Doc:
    meta = Meta(title="Ferry", authors=["A. Quist"], extra={"feed": "x"}, provenance={"t": "h1"})
    raw = Raw("html", "<html>big</html>", "d1")
    doc = Doc(source="file:a.html", url="https://t.example/a", meta=meta, raw=raw)
    doc.set_text("Ferry", "Workers said \ud800 no.")
    doc.id = "id1"
    speaker = doc.add_span("entity", 7, 14, label="PERSON", value={"entity": "p:1"}, stage="e")
    doc.add_span("quote", 7, 20, args={"speaker": speaker.id}, value={"n": 1.5}, stage="q")
    doc.add_problem("tone", "ValueError", "bad")
    doc.failed = {"tone"}
    return doc


def test_a_shard_keeps_what_the_store_needs_and_drops_the_raw_page() -> None:
    doc = sample_doc()
    skipped = Doc(source="file:b.html", raw=Raw("text", "tiny", "d2"))
    skipped.skipped = Problem("extract", "skipped", "too little text")
    back, back_skipped = decode_docs(encode_docs([doc, skipped]))
    assert (back.id, back.source, back.url, back.text, back.body_start) == (
        "id1",
        "file:a.html",
        "https://t.example/a",
        "Ferry\n\nWorkers said \ud800 no.",
        7,
    )
    assert back.meta == doc.meta
    assert back.spans == doc.spans
    assert (back.problems, back.failed, back.skipped) == (doc.problems, {"tone"}, None)
    assert back.raw == Raw("html", "", "d1")
    assert back_skipped.skipped == Problem("extract", "skipped", "too little text")
    assert back_skipped.raw == Raw("text", "", "d2")


def docs_named(count: int) -> list[Doc]:
    return [Doc(source=f"file:{i}", raw=Raw("html", "", f"digest{i}")) for i in range(count)]


def test_partitions_cover_every_input_in_order() -> None:
    docs = docs_named(200)
    parts = list(partitions(docs, 8))
    assert [d.source for p in parts for d in p.docs] == [d.source for d in docs]
    assert len({p.key for p in parts}) == len(parts)
    assert max(len(p.docs) for p in parts) <= 32
    assert 10 < len(parts) < 50  # about one partition per eight inputs


def test_partitions_after_the_merged_ones_keep_their_names() -> None:
    docs = docs_named(200)
    first = list(partitions(docs, 8))
    merged = len(first[0].docs) + len(first[1].docs)
    rerun = list(partitions(docs[merged:], 8))
    assert [p.key for p in rerun] == [p.key for p in first[2:]]


def test_the_same_inputs_twice_make_two_partitions_with_different_names() -> None:
    docs = docs_named(1) * 2
    parts = list(partitions(docs, 1))
    assert [p.sources for p in parts] == [["file:0"], ["file:0"]]
    assert parts[0].key != parts[1].key


def test_status_line_counts_partitions_and_new_inputs() -> None:
    status = Status(Summary(stored=3, unchanged=1), fresh=5, partitions=2, merged=1)
    assert status.seen == 4
    assert status.line() == (
        "3 stored, 0 replaced, 1 unchanged, 0 skipped, 0 problems; "
        "1/2 partitions merged, 5 new inputs read"
    )


def test_parallel_ingest_stores_what_serial_ingest_stores(tmp_path: Path, client: Client) -> None:
    folder = write_pages(tmp_path / "pages", 40)
    serial = serial_ingest(folder, tmp_path / "serial.db")
    seen: list[str] = []
    with Store(tmp_path / "parallel.db") as store:
        summary = ingest_parallel(
            read_paths([str(folder)]),
            store,
            ["extract"],
            client,
            partition_size=4,
            progress=lambda status: seen.append(status.line()),
        )
    assert summary == serial
    assert summary.line() == "40 stored, 0 replaced, 0 unchanged, 1 skipped, 1 problems"
    assert stored_rows(tmp_path / "parallel.db") == stored_rows(tmp_path / "serial.db")
    assert re.search(r"; (\d+)/\1 partitions merged, 41 new inputs read$", seen[-1]), seen[-1]
    assert not (tmp_path / "parallel.db.shards").exists()


def test_a_finished_shard_is_merged_without_running_its_partition_again(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_pages(tmp_path / "pages", 6)
    serial_ingest(folder, tmp_path / "serial.db")
    with Store(tmp_path / "p.db") as store:
        fresh = fresh_docs(read_paths([str(folder)]), store, Summary(), _salt(), _ignore)
        (whole,) = partitions(fresh, 1000)
    shards = ShardFolder(tmp_path / "p.db")
    shards.path.mkdir()
    shards.write(whole.key, process_partition(("extract",), whole.docs))
    monkeypatch.setattr(parallel, "process_partition", _never_called)
    with Store(tmp_path / "p.db") as store:
        summary = ingest_parallel(
            read_paths([str(folder)]), store, ["extract"], client, partition_size=1000
        )
    assert summary.stored == 6
    assert stored_rows(tmp_path / "p.db") == stored_rows(tmp_path / "serial.db")


def _finished_shard(folder: Path, db: Path) -> tuple[ShardFolder, str]:
    """The shard a killed run left for all of `folder`'s pages, as one partition."""
    with Store(db) as store:
        fresh = fresh_docs(read_paths([str(folder)]), store, Summary(), _salt(), _ignore)
        (whole,) = partitions(fresh, 1000)
    shards = ShardFolder(db)
    shards.path.mkdir()
    shards.write(whole.key, process_partition(("extract",), whole.docs))
    return shards, whole.key


def test_an_unreadable_shard_is_set_aside_and_its_partition_run_again(
    tmp_path: Path, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    folder = write_pages(tmp_path / "pages", 6)
    serial_ingest(folder, tmp_path / "serial.db")
    shards, key = _finished_shard(folder, tmp_path / "p.db")
    shards.file(key).write_bytes(b'{"doc": {"id": "cut short')
    with Store(tmp_path / "p.db") as store:
        summary = ingest_parallel(
            read_paths([str(folder)]), store, ["extract"], client, partition_size=1000
        )
    assert summary.stored == 6
    assert stored_rows(tmp_path / "p.db") == stored_rows(tmp_path / "serial.db")
    aside = tmp_path / "p.db.shards-damaged" / f"{key}.shard"
    assert aside.read_bytes() == b'{"doc": {"id": "cut short'
    assert [
        (r.levelname, r.getMessage()) for r in caplog.records if r.name == parallel.__name__
    ] == [
        (
            "WARNING",
            f"the shard {shards.file(key)} cannot be read (JSONDecodeError: Unterminated"
            " string starting at: line 1 column 16 (char 15));"
            f" moved to {aside}, its partition runs again",
        )
    ]
    assert not shards.path.exists()


def _unreadable(*_args: Any) -> bytes:
    return b"not a shard\n"


def test_a_shard_unreadable_twice_makes_problems_of_its_inputs(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_pages(tmp_path / "pages", 2)
    (folder / "empty.html").unlink()
    shards, key = _finished_shard(folder, tmp_path / "p.db")
    shards.file(key).write_bytes(b"\xff")
    monkeypatch.setattr(parallel, "process_partition", _unreadable)
    with Store(tmp_path / "p.db") as store:
        summary = ingest_parallel(
            read_paths([str(folder)]), store, ["extract"], client, partition_size=1000
        )
        kinds = store.conn.execute("SELECT DISTINCT stage, kind FROM problems").fetchall()
    assert summary.line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 3 problems"
    assert kinds == [("parallel", "StoreError")]
    assert (tmp_path / "p.db.shards-damaged" / f"{key}.shard").read_bytes() == b"not a shard\n"


def _salt() -> bytes:
    return signature(build_pipeline(["extract"])).encode()


def _ignore(_summary: Summary) -> None:
    pass


def _never_called(*_args: Any) -> bytes:
    raise AssertionError("the partition ran again")


def _always_fails(*_args: Any) -> bytes:
    raise RuntimeError("the worker gave up")


def test_a_partition_that_fails_every_try_becomes_problems_for_its_inputs(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_pages(tmp_path / "pages", 3)
    (folder / "empty.html").unlink()
    monkeypatch.setattr(parallel, "process_partition", _always_fails)
    with Store(tmp_path / "p.db") as store:
        summary = ingest_parallel(read_paths([str(folder)]), store, ["extract"], client)
        rows = store.conn.execute("SELECT source, stage, kind, message FROM problems").fetchall()
    assert summary.line() == "0 stored, 0 replaced, 0 unchanged, 0 skipped, 4 problems"
    assert sorted(rows) == [
        (f"file:{folder / name}", "parallel", "RuntimeError", "the worker gave up")
        for name in ("page000.html", "page001.html", "page002.html", "stub.html")
    ]


def test_a_second_parallel_ingest_on_the_same_database_is_refused(tmp_path: Path) -> None:
    shards = ShardFolder(tmp_path / "news.db")
    with shards.locked(), pytest.raises(StoreError, match="another parallel ingest"):  # noqa: SIM117
        with ShardFolder(tmp_path / "news.db").locked():
            pass
    assert not shards.path.exists()


def test_unchanged_inputs_are_not_sent_to_the_workers(tmp_path: Path, client: Client) -> None:
    folder = write_pages(tmp_path / "pages", 5)
    serial_ingest(folder, tmp_path / "p.db")
    with Store(tmp_path / "p.db") as store:
        summary = ingest_parallel(read_paths([str(folder)]), store, ["extract"], client)
    # The empty file is retried every run, as serially; everything else is known.
    assert summary.line() == "0 stored, 0 replaced, 6 unchanged, 0 skipped, 1 problems"


def test_the_default_pipeline_gives_the_same_store_as_a_serial_run(tmp_path: Path) -> None:
    stages = ",".join(DEFAULT_STAGES)
    serial = serial_ingest(EXAMPLES, tmp_path / "serial.db", stages)
    # One worker thread: spaCy is not meant to be shared by threads (processes do not share it).
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as one_worker,
        Store(tmp_path / "p.db") as store,
    ):
        summary = ingest_parallel(
            read_paths([str(EXAMPLES)]), store, DEFAULT_STAGES, one_worker, partition_size=2
        )
    assert summary == serial
    assert summary.line() == "8 stored, 0 replaced, 0 unchanged, 0 skipped, 0 problems"
    rows = stored_rows(tmp_path / "p.db")
    assert rows == stored_rows(tmp_path / "serial.db")
    assert len(rows["spans"]) > 500 and len(rows["entities"]) > 50


def test_cli_scheduler_uses_an_existing_cluster(cli: Cli, tmp_path: Path) -> None:
    folder = write_pages(tmp_path / "pages", 8)
    serial_ingest(folder, tmp_path / "serial.db")
    with LocalCluster(
        n_workers=1, processes=False, protocol="tcp", dashboard_address=":0"
    ) as cluster:
        done = cli(
            "ingest", str(folder), "--db", "p.db", "--stages", "extract",
            "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert done.stdout == "8 stored, 0 replaced, 0 unchanged, 1 skipped, 1 problems\n"
    assert stored_rows(tmp_path / "p.db") == stored_rows(tmp_path / "serial.db")


def test_cli_refuses_workers_and_scheduler_together(cli: Cli) -> None:
    done = cli("ingest", "x", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert done.returncode == 2
    assert "give --workers or --scheduler, not both" in done.stderr


def test_cli_names_a_scheduler_it_cannot_reach(cli: Cli) -> None:
    done = cli("ingest", "x", "--scheduler", "nowhere")
    assert done.returncode == 1
    assert done.stderr == (
        "newsgraph: error: cannot reach the Dask scheduler at nowhere: "
        "missing port number in address 'nowhere'\n"
    )


def test_partition_dataclass_lists_sources() -> None:
    assert Partition("k", docs_named(2)).sources == ["file:0", "file:1"]


def entity_doc(doc_id: str, alias: str) -> Doc:
    doc = Doc(id=doc_id, source=f"file:{doc_id}")
    doc.set_text("Title", f"{alias} said so.")
    start = doc.body_start
    value = {"entity": "org:bloomberg-news", "name": "Bloomberg News"}
    doc.add_span("entity", start, start + len(alias), label="ORG", value=value, stage="entities")
    return doc


def test_entity_aliases_do_not_depend_on_transaction_boundaries(tmp_path: Path) -> None:
    docs = [entity_doc("b", "Bloomberg News"), entity_doc("a", "Bloomberg")]
    with Store(tmp_path / "one.db") as store, store.transaction():
        for doc in docs:
            store.put(doc, "d")
    with Store(tmp_path / "each.db") as store:
        for doc in docs:
            store.put(doc, "d")
    assert (
        stored_rows(tmp_path / "one.db")["entities"]
        == stored_rows(tmp_path / "each.db")["entities"]
    )
