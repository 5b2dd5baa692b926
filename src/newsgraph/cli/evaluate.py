"""The eval commands: newsgraph and its peers scored on the public benchmarks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from newsgraph.cli.base import clear_step, main, show_step
from newsgraph.eval import (
    DATASETS,
    default_data_dir,
    evaluate_extraction,
    report_json,
    report_table,
)
from newsgraph.eval.places import evaluate_places, places_report_json, places_report_table
from newsgraph.eval.quotes import evaluate_quotes, quotes_report_json, quotes_report_table

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the benchmarks [default: ../shared/eval, else shared/eval by the repo].",
)


Report = TypeVar("Report")
Step = Callable[[str], None]


def _print_report(
    measure: Callable[[Step | None], Report],
    as_json: bool,
    formats: tuple[Callable[[Report], str], Callable[[Report], str]],
) -> None:
    """Run a measurement, its steps shown on a terminal; print its report as JSON or a table."""
    tty = sys.stderr.isatty()
    report = measure(show_step if tty else None)
    clear_step(tty)
    to_json, to_table = formats
    click.echo(to_json(report) if as_json else to_table(report))


@main.group(name="eval")
def eval_group() -> None:
    """Measure newsgraph, and the peers, on the public benchmarks."""


@eval_group.command(name="extraction")
@click.option("--dataset", required=True, type=click.Choice(DATASETS), help="The benchmark.")
@data_dir_option
@click.option("--peers", is_flag=True, help="Also run the peer extractors, in the same process.")
@click.option("--passes", default=3, show_default=True, type=click.IntRange(min=1))
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N pages by id.")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def eval_extraction(
    dataset: str, data_dir: Path | None, peers: bool, passes: int, limit: int | None, as_json: bool
) -> None:
    """Score article extraction (F1, P, R, accuracy, metadata, pages/s) on one benchmark."""
    folder = data_dir or default_data_dir()
    _print_report(
        lambda progress: evaluate_extraction(
            dataset, folder, peers=peers, passes=passes, limit=limit, progress=progress
        ),
        as_json,
        (report_json, report_table),
    )


@eval_group.command(name="quotes")
@click.option(
    "--dataset",
    default="polnear",
    show_default=True,
    type=click.Choice(["polnear"]),
    help="The benchmark.",
)
@click.option("--split", default="dev", show_default=True, type=click.Choice(["dev", "train"]))
@data_dir_option
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles by id.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_quotes(
    dataset: str, split: str, data_dir: Path | None, limit: int | None, as_json: bool
) -> None:
    """Score quote attribution (content F1, speaker accuracy) beside textacy."""
    folder = data_dir or default_data_dir()
    _print_report(
        lambda progress: evaluate_quotes(folder, split, limit=limit, progress=progress),
        as_json,
        (quotes_report_json, quotes_report_table),
    )


@eval_group.command(name="places")
@click.option(
    "--dataset",
    default="geowebnews",
    show_default=True,
    type=click.Choice(["geowebnews"]),
    help="The benchmark.",
)
@data_dir_option
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_places(dataset: str, data_dir: Path | None, limit: int | None, as_json: bool) -> None:
    """Score places (span F1, accuracy within 161 km) beside a naive most-populous resolver."""
    folder = data_dir or default_data_dir()
    _print_report(
        lambda progress: evaluate_places(folder, limit=limit, progress=progress),
        as_json,
        (places_report_json, places_report_table),
    )
