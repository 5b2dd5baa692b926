"""The `newsgraph` command: a few lines per command over the library.

Exit status: 0 all inputs handled, 1 an error (a bad database, an unknown id), 2 a usage error,
3 some inputs became problems (every other input was handled), 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from newsgraph.doc import Doc
from newsgraph.errors import NewsgraphError
from newsgraph.eval import (
    DATASETS,
    default_data_dir,
    evaluate_extraction,
    report_json,
    report_table,
)
from newsgraph.eval.places import evaluate_places, places_report_json, places_report_table
from newsgraph.eval.quotes import evaluate_quotes, quotes_report_json, quotes_report_table
from newsgraph.ingest import ingest as run_ingest
from newsgraph.jsonform import doc_to_dict, doc_to_json
from newsgraph.progress import ProgressLine
from newsgraph.sources import DEFAULT_MAX_BYTES, Failure, read_paths
from newsgraph.stages import DEFAULT_STAGES, REGISTRY, build_pipeline
from newsgraph.store import Store
from newsgraph.store_quotes import QuoteHit, find_quotes
from newsgraph.version import __version__

EXIT_ERROR, EXIT_PROBLEMS, EXIT_INTERRUPTED = 1, 3, 130

db_option = click.option(
    "--db",
    default="news.db",
    show_default=True,
    envvar="NEWSGRAPH_DB",
    type=click.Path(dir_okay=False),
    help="SQLite database file (or $NEWSGRAPH_DB).",
)
stages_option = click.option(
    "--stages",
    default=",".join(DEFAULT_STAGES),
    show_default=True,
    help="Comma-separated stages to run, in order (see 'newsgraph stages').",
)
max_bytes_option = click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Refuse inputs larger than this many bytes (a recorded problem, not a crash).",
)


class Main(click.Group):
    """The command group, turning library errors into one clear line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, mapping errors to a message and an exit status."""
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            _fail(ctx, f"error: {exc}", EXIT_ERROR)
        except KeyboardInterrupt:
            _fail(ctx, "interrupted; finished batches are stored", EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`… | head`): stop quietly, and keep Python's own final
            # flush of stdout from raising again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            _fail(
                ctx, f"internal error: {type(exc).__name__}: {exc} (rerun with --debug)", EXIT_ERROR
            )


def _fail(ctx: click.Context, message: str, status: int) -> None:
    if ctx.obj and ctx.obj.get("debug"):
        traceback.print_exc()
    click.echo(f"newsgraph: {message}", err=True)
    ctx.exit(status)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn news pages into a searchable knowledge base of who said what."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@stages_option
@max_bytes_option
def extract(inputs: tuple[str, ...], stages: str, max_bytes: int) -> None:
    """Print each input as one JSON object per line (no database). '-' reads stdin."""
    pipeline = build_pipeline(_names(stages))
    problems = 0
    for item in read_paths(inputs, max_bytes=max_bytes):
        if isinstance(item, Failure):
            problems += _warn(item.source, item.kind, item.message)
            continue
        doc = pipeline(item.to_doc())
        if doc.skipped is not None:
            _warn(doc.source, "skipped", doc.skipped.message)
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
    pipeline = build_pipeline(_names(stages))
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


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract form.")
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one stored document."""
    with Store(db, create=False) as store:
        try:
            doc = store.get(doc_id)
        except KeyError:
            raise NewsgraphError(f"no document with id {doc_id!r} in {db}") from None
    if as_json:
        click.echo(json.dumps(doc_to_dict(doc), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_describe(doc)))


def _describe(doc: Doc) -> Iterator[str]:
    meta = doc.meta
    yield click.style(meta.title or "(untitled)", bold=True)
    for label, value in (
        ("id", doc.id),
        ("source", doc.source),
        ("url", doc.url),
        ("published", meta.published),
        ("authors", ", ".join(meta.authors)),
        ("site", meta.site),
        ("section", meta.section),
        ("tags", ", ".join(meta.tags)),
        ("language", meta.language),
    ):
        if value:
            yield f"{label + ':':<11}{value}"
    kinds: dict[str, int] = {}
    for span in doc.spans:
        kinds[span.kind] = kinds.get(span.kind, 0) + 1
    if kinds:
        yield "spans:     " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    for problem in doc.problems:
        yield f"problem:   [{problem.stage}/{problem.kind}] {problem.message}"
    yield ""
    yield doc.body


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, type=click.IntRange(min=0))
def search(query: str, db: str, limit: int, offset: int) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax, or plain words)."""
    tty = sys.stdout.isatty()
    mark = ("\x1b[1;33m", "\x1b[0m") if tty else ("[", "]")
    with Store(db, create=False) as store:
        hits = store.search(query, limit=limit, offset=offset, mark=mark)
    for hit in hits:
        when = f"  {hit.published}" if hit.published else ""
        click.echo(click.style(f"{hit.id}  {hit.title}", bold=tty) + when)
        click.echo(f"    {' '.join(hit.snippet.split())}")
    if not hits:
        click.echo(f"no match for {query!r}", err=True)


@main.command()
@db_option
@click.option("--kind", default=None, help="Only problems of this kind (e.g. binary, skipped).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1))
def problems(db: str, kind: str | None, limit: int) -> None:
    """List recorded problems: inputs that could not be read, stages that failed, skips."""
    with Store(db, create=False) as store:
        rows = store.problems(kind=kind, limit=limit)
    for row in rows:
        click.echo(f"{row.source}\t{row.stage}/{row.kind}\t{row.message}")
    if not rows:
        click.echo("no problems recorded", err=True)


@main.command()
@db_option
@click.option(
    "--type", "entity_type", metavar="TYPE", help="Only one type: PERSON, ORG, GPE, LOC, NORP…"
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the entities as a JSON array.")
def entities(db: str, entity_type: str | None, limit: int, as_json: bool) -> None:
    """List canonical entities across documents, the most widely reported first."""
    with Store(db, create=False) as store:
        rows = store.entities(entity_type=entity_type, limit=limit)
    if as_json:
        click.echo(json.dumps([vars(r) for r in rows], ensure_ascii=False, indent=2))
    elif rows:
        click.echo(click.style("articles mentions  type     name (other forms)", bold=True))
        for row in rows:
            others = ", ".join(a for a in list(row.aliases)[:6] if a != row.name)
            aka = f"  ({others})" if others else ""
            click.echo(f"{row.articles:>8} {row.mentions:>8}  {row.type:<8} {row.name}{aka}")
    else:
        click.echo("no entities stored; ingest with --stages extract,nlp,entities", err=True)


@main.command()
@db_option
@click.option("--speaker", metavar="NAME", help="Only quotes by this speaker (part of the name).")
@click.option("--about", metavar="ENTITY", help="Only quotes whose words name this entity.")
@click.option("--outlet", metavar="NAME", help="Only quotes given to or reported by this outlet.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per quote.")
def quotes(
    db: str, speaker: str | None, about: str | None, outlet: str | None, limit: int, as_json: bool
) -> None:
    """List stored quotes with their speakers, newest articles first."""
    with Store(db, create=False) as store:
        hits = find_quotes(store.conn, speaker=speaker, about=about, outlet=outlet, limit=limit)
    for hit in hits:
        click.echo(json.dumps(hit.to_dict(), ensure_ascii=False) if as_json else _quote_lines(hit))
    if not hits:
        click.echo("no quotes found; ingest with --stages extract,nlp,entities,quotes", err=True)


def _quote_lines(hit: QuoteHit) -> str:
    words = " ".join(hit.text.split())
    words = words if len(words) <= 300 else words[:299] + "…"
    who = hit.speaker or (f"({hit.mention})" if hit.mention else "(no speaker named)")
    told = f" via {hit.outlet}" if hit.outlet else ""
    where = f"{hit.doc_id}  {hit.title}" + (f"  {hit.published[:10]}" if hit.published else "")
    return f"{click.style(who, bold=True)}{told}  [{hit.label}]\n    “{words}”\n    {where}"


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default keeps the server to this machine.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the database read-only: the JSON API under /api and the explorer."""
    # Imported here so that the other commands do not pay for loading the web stack.
    import uvicorn

    from newsgraph.web import create_app

    app = create_app(db)
    click.echo(f"serving {db} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


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


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the benchmarks [default: ../shared/eval, else shared/eval by the repo].",
)


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
    tty = sys.stderr.isatty()
    report = evaluate_extraction(
        dataset,
        data_dir or default_data_dir(),
        peers=peers,
        passes=passes,
        limit=limit,
        progress=_show_step if tty else None,
    )
    _clear_step(tty)
    click.echo(report_json(report) if as_json else report_table(report))


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
    tty = sys.stderr.isatty()
    report = evaluate_quotes(
        data_dir or default_data_dir(), split, limit=limit, progress=_show_step if tty else None
    )
    _clear_step(tty)
    click.echo(quotes_report_json(report) if as_json else quotes_report_table(report))


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
    tty = sys.stderr.isatty()
    report = evaluate_places(
        data_dir or default_data_dir(), limit=limit, progress=_show_step if tty else None
    )
    _clear_step(tty)
    click.echo(places_report_json(report) if as_json else places_report_table(report))


def _show_step(step: str) -> None:
    click.echo(f"\r\x1b[K{step} …", err=True, nl=False)


def _clear_step(tty: bool) -> None:
    """Wipe the last progress step so the report starts on a clean line."""
    if tty:
        click.echo("\r\x1b[K", err=True, nl=False)


def _names(stages: str) -> list[str]:
    return [n.strip() for n in stages.split(",") if n.strip()]


def _warn(source: str, kind: str, message: str) -> int:
    click.echo(f"newsgraph: {source}: {kind}: {message}", err=True)
    return 1
