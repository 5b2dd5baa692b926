"""Tests that keep the docs honest: every stage, span kind, command and export documented."""

from __future__ import annotations

import re
from pathlib import Path

import newsgraph
from newsgraph.cli import main
from newsgraph.stages import REGISTRY

ROOT = Path(__file__).resolve().parents[1]


def test_every_stage_has_a_section_in_docs_stages() -> None:
    headings = set(re.findall(r"^## (\S+)$", (ROOT / "docs/stages.md").read_text(), re.M))
    assert set(REGISTRY) <= headings


def test_every_span_kind_is_described_in_docs_facts() -> None:
    rows = set(re.findall(r"^\| `(\w+)` \|", (ROOT / "docs/facts.md").read_text(), re.M))
    assert set(newsgraph.SPAN_KINDS) <= rows


def test_every_command_is_in_docs_cli_and_the_readme() -> None:
    cli_doc = (ROOT / "docs/cli.md").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        assert f"| `{name}" in cli_doc, name
        assert f"newsgraph {name}" in readme, name


def test_public_api_matches_all() -> None:
    exported = set(newsgraph.__all__)
    public = {n for n in vars(newsgraph) if not n.startswith("_")} - {"annotations"}
    modules = {n for n in public if type(getattr(newsgraph, n)).__name__ == "module"}
    assert exported == (public - modules) | {"__version__"}
    assert all(hasattr(newsgraph, n) for n in exported)


def test_readme_keeps_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "make run" in readme and "make test" in readme
    assert re.search(r"^run: install$", makefile, re.M) and re.search(
        r"^test: lint browser$", makefile, re.M
    )
    assert "make test" in (ROOT / ".ci/run").read_text()
