"""The real scraped page in ../shared/seed: stored, unchanged on re-run, found by search."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEED

pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is absent")

Cli = Callable[..., Any]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_seed_and_examples_ingest_twice_and_search(cli: Cli) -> None:
    first = cli("ingest", str(SEED), str(EXAMPLES))
    assert first.returncode == 0, first.stderr
    assert " 0 problems" in first.stdout and " 0 skipped" in first.stdout
    stored = int(first.stdout.split()[0])
    assert stored == len(list(SEED.iterdir())) + _example_inputs()
    second = cli("ingest", str(SEED), str(EXAMPLES))
    assert second.stdout.startswith(f"0 stored, 0 replaced, {stored} unchanged")
    found = cli("search", "Kosovo")
    assert "Vucic" in found.stdout


def _example_inputs() -> int:
    files = [p for p in EXAMPLES.iterdir() if p.is_file()]
    lines = sum(len(p.read_text().splitlines()) for p in files if p.suffix == ".jsonl")
    return len([p for p in files if p.suffix != ".jsonl"]) + lines
