"""Commands that read inputs: extract (to JSON Lines) and ingest (into the store); stages."""

from __future__ import annotations

import sys

import click

from newsgraph.cli.base import (
    EXIT_PROBLEMS,
    db_option,
    main,
    max_bytes_option,
    stage_names,
    stages_option,
    warn,
)
from newsgraph.ingest import ingest as run_ingest
from newsgraph.jsonform import doc_to_json
from newsgraph.progress import ProgressLine
from newsgraph.sources import Failure, read_paths
from newsgraph.stages import DEFAULT_STAGES, REGISTRY, build_pipeline
from newsgraph.store import Store


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@stages_option
@max_bytes_option
def extract(inputs: tuple[str, ...], stages: str, max_bytes: int) -> None:
    """Print each input as one JSON object per line (no database). '-' reads stdin."""
    pipeline = build_pipeline(stage_names(stages))
    problems = 0
    for item in read_paths(inputs, max_bytes=max_bytes):
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
    help="Documents per transaction.",
)
def ingest(inputs: tuple[str, ...], db: str, stages: str, max_bytes: int, batch_size: int) -> None:
    """Read files, folders, globs or '-' (stdin) into the database."""
    pipeline = build_pipeline(stage_names(stages))
    progress = ProgressLine(sys.stderr)
    with Store(db) as store:
        summary = run_ingest(
            read_paths(inputs, max_bytes=max_bytes),
            store,
            pipeline,
            batch_size=batch_size,
            progress=progress,
        )
    progress.done()
    click.echo(summary.line())
    if not summary.clean:
        click.echo(
            f"problems in {len(summary.problem_sources)} input(s); "
            f"see 'newsgraph problems --db {db}'",
            err=True,
        )
    sys.exit(0 if summary.clean else EXIT_PROBLEMS)


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
