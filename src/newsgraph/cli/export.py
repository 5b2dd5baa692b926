"""The export command: the whole store as JSON Lines, Parquet tables or GDELT GKG 2.1 rows."""

from __future__ import annotations

import click

from newsgraph.cli.base import db_option, main
from newsgraph.export import FORMATS
from newsgraph.export import export as run_export


@main.command()
@db_option
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="What to write.")
@click.option(
    "--out",
    required=True,
    metavar="PATH",
    help="A file ('.gz' compresses), '-' for stdout, or a folder for parquet.",
)
@click.option("--header", is_flag=True, help="gkg: start with a row of column names.")
def export(db: str, fmt: str, out: str, header: bool) -> None:
    """Export every stored document: jsonl, parquet tables or GDELT GKG 2.1."""
    count = run_export(db, fmt, out, header=header)
    where = "stdout" if out == "-" else out
    click.echo(f"exported {count} documents as {fmt} to {where}", err=True)
