"""Kill -9 an ingest at random moments, rerun it each time: nothing lost, nothing stored twice."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from newsgraph.parallel import stored_rows
from tests.conftest import newsgraph_cmd
from tests.test_parallel import serial_ingest, write_pages

PAGES = 60
KILLS = 10


def _stat(pid: str) -> tuple[str, int, int] | None:
    """A process's state, parent and process group, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the name before ')' may hold spaces
    return fields[0], int(fields[1]), int(fields[2])


def _living() -> dict[int, tuple[int, int]]:
    """Every live (not zombie) process: its parent and its process group."""
    found = {}
    for entry in os.listdir("/proc"):
        stat = _stat(entry) if entry.isdigit() else None
        if stat is not None and stat[0] != "Z":
            found[int(entry)] = stat[1:]
    return found


def _family(root: int) -> set[int]:
    """The process, its descendants and its process group, alive right now."""
    living = _living()
    family = {pid for pid, (_parent, group) in living.items() if group == root} | {root}
    grew = True
    while grew:
        more = {pid for pid, (parent, _group) in living.items() if parent in family}
        grew = not more <= family
        family |= more
    return family & living.keys()


def _kill_all(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the run's whole process group, and check that no process of it survives."""
    family = _family(proc.pid)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while survivors := family & _living().keys():
        assert time.monotonic() < deadline, f"processes survived the kill: {survivors}"
        time.sleep(0.05)


def _start(args: list[str], db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*newsgraph_cmd(), "ingest", *args, "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, workers included, for killpg
        env={**os.environ, "DASK_TEMPORARY_DIRECTORY": str(db.parent / "dask")},
    )


def _finish(args: list[str], db: Path) -> float:
    """Run to the end; return how long it took."""
    began = time.monotonic()
    proc = _start(args, db)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 3, err.decode()  # the empty page is a problem, every run
    return time.monotonic() - began


def _stored(db: Path) -> int:
    """How many documents the database holds now (0 before it exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM docs").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _kill_and_resume(args: list[str], db: Path, seed: int, within: float | None) -> list[int]:
    """Start the run KILLS times and kill it at a random moment each time; return how many
    documents each killed run left stored.

    With `within` None the moment comes once the run has stored more than the last one left,
    plus a random instant, so that kills fall while pages are processed, a shard is written or a
    transaction is open rather than while Python and the cluster start. Otherwise it is a random
    time within `within` seconds."""
    rng = random.Random(seed)
    left = []
    for _ in range(KILLS):
        target = _stored(db) + 1 if within is None else PAGES + 1
        deadline = time.monotonic() + (rng.uniform(0, within) if within else 600)
        proc = _start(args, db)
        while proc.poll() is None and _stored(db) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.1) if within is None else 0)
        if proc.poll() is None:
            _kill_all(proc)
            left.append(_stored(db))
        else:
            assert proc.returncode == 3
        if proc.stderr:
            proc.stderr.close()
    return left


def _check_store(db: Path, reference: Path, folder: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        sources = [r[0] for r in conn.execute("SELECT source FROM inputs")]
        per_doc = conn.execute("SELECT source, count(*) FROM docs GROUP BY source").fetchall()
    finally:
        conn.close()
    assert sorted(sources) == sorted(f"file:{p}" for p in folder.iterdir())
    assert len(per_doc) == PAGES and {n for _source, n in per_doc} == {1}
    assert stored_rows(db) == stored_rows(reference)
    assert not Path(f"{db}.shards").exists()


@pytest.mark.parametrize(
    ("mode", "fewest_kills"),
    [
        (["--workers", "2", "--partition-size", "2"], KILLS // 2),
        # Serially the pages are processed 64 at a time before the first write, and the writes
        # take milliseconds: few of these kills cut a transaction, and none need to.
        (["--batch-size", "5"], 0),
    ],
    ids=["workers", "serial"],
)
def test_killed_ingests_resume_to_the_serial_result(
    tmp_path: Path, mode: list[str], fewest_kills: int
) -> None:
    folder = write_pages(tmp_path / "pages", PAGES)
    serial_ingest(folder, tmp_path / "reference.db")
    args = [str(folder), "--stages", "extract", *mode]
    duration = _finish(args, tmp_path / "uninterrupted.db")
    _check_store(tmp_path / "uninterrupted.db", tmp_path / "reference.db", folder)
    _finish(args, tmp_path / "uninterrupted.db")  # nothing new: nothing changes
    _check_store(tmp_path / "uninterrupted.db", tmp_path / "reference.db", folder)
    within = None if "--workers" in mode else duration
    left = _kill_and_resume(args, tmp_path / "news.db", len(mode), within)
    _finish(args, tmp_path / "news.db")
    _check_store(tmp_path / "news.db", tmp_path / "reference.db", folder)
    assert len(left) >= fewest_kills
