"""Commands that read inputs: extract (to JSON Lines) and ingest (into the store); stages."""

from __future__ import annotations

import logging
import sys

import click

from newsgraph.cli.base import (
    EXIT_PROBLEMS,
    db_option,
    fetch_options,
    fetch_policy,
    main,
    max_bytes_option,
    stage_names,
    stages_option,
    warn,
)
from newsgraph.ingest import Summary
from newsgraph.ingest import ingest as run_ingest
from newsgraph.jsonform import doc_to_json
from newsgraph.parallel import DEFAULT_PARTITION_SIZE, dask_client, ingest_parallel
from newsgraph.progress import ProgressLine
from newsgraph.sources import Failure, read_paths
from newsgraph.stages import DEFAULT_STAGES, REGISTRY, build_pipeline
from newsgraph.store import Store


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@stages_option
@max_bytes_option
@fetch_options
def extract(
    inputs: tuple[str, ...],
    stages: str,
    max_bytes: int,
    delay: float,
    timeout: float,
    tries: int,
    user_agent: str,
) -> None:
    """Print each input as one JSON object per line (no database). '-' reads stdin."""
    _show_reader_notes()
    pipeline = build_pipeline(stage_names(stages))
    policy = fetch_policy(delay, timeout, tries, user_agent)
    problems = 0
    for item in read_paths(inputs, max_bytes=max_bytes, fetch_policy=policy):
        if isinstance(item, Failure):
            problems += warn(item.source, item.kind, item.message)
            continue
        doc = pipeline(item.to_doc())
        if doc.skipped is not None:
            warn(doc.source, "skipped", doc.skipped.message)
        else:
            click.echo(doc_to_json(doc))
            problems += bool(doc.problems)
    sys.exit(EXIT_PROBLEMS if problems else 0)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@stages_option
@max_bytes_option
@click.option(
    "--batch-size",
    default=500,
    show_default=True,
    type=click.IntRange(min=1),
    help="Documents per transaction (serial runs).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Run the pipeline on a local Dask cluster of this many worker processes.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run the pipeline on an existing Dask cluster (tcp://HOST:PORT).",
)
@click.option(
    "--partition-size",
    default=DEFAULT_PARTITION_SIZE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Inputs per partition, on average, with --workers or --scheduler.",
)
@fetch_options
def ingest(
    inputs: tuple[str, ...],
    db: str,
    stages: str,
    max_bytes: int,
    batch_size: int,
    workers: int | None,
    scheduler: str | None,
    partition_size: int,
    delay: float,
    timeout: float,
    tries: int,
    user_agent: str,
) -> None:
    """Read files, folders, globs, URLs or '-' (stdin) into the database."""
    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    _show_reader_notes()
    names = stage_names(stages)
    policy = fetch_policy(delay, timeout, tries, user_agent)
    items = read_paths(inputs, max_bytes=max_bytes, fetch_policy=policy)
    progress = ProgressLine(sys.stderr)
    with Store(db) as store:
        if workers or scheduler:
            with dask_client(workers, scheduler) as client:
                summary = ingest_parallel(
                    items, store, names, client, partition_size=partition_size, progress=progress
                )
        else:
            pipeline = build_pipeline(names)
            summary = run_ingest(items, store, pipeline, batch_size=batch_size, progress=progress)
    progress.done()
    _report(summary, db)


def _report(summary: Summary, db: str) -> None:
    click.echo(summary.line())
    if not summary.clean:
        click.echo(
            f"problems in {len(summary.problem_sources)} input(s); "
            f"see 'newsgraph problems --db {db}'",
            err=True,
        )
    sys.exit(0 if summary.clean else EXIT_PROBLEMS)


def _show_reader_notes() -> None:
    """Let readers' one-line summaries (a WARC's pages and skipped records) reach stderr."""
    notes = logging.getLogger("newsgraph.sources")
    if not notes.handlers:
        handler = logging.StreamHandler(sys.stderr)
        # On a terminal the note first wipes the progress line it would otherwise run into.
        clear = "\r\x1b[K" if sys.stderr.isatty() else ""
        handler.setFormatter(logging.Formatter(clear + "%(message)s"))
        notes.addHandler(handler)
        notes.setLevel(logging.INFO)


@main.command(name="stages")
def list_stages() -> None:
    """List the stages with what each requires and produces."""
    for name, factory in REGISTRY.items():
        stage = factory()
        default = " (default)" if name in DEFAULT_STAGES else ""
        click.echo(
            f"{name}{default}\n    requires: {', '.join(stage.requires) or '-'}"
            f"\n    produces: {', '.join(stage.produces) or '-'}"
        )
