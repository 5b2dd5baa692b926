"""Commands that read the store: show, search, problems, entities, quotes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from newsgraph.cli.base import db_option, main
from newsgraph.doc import Doc
from newsgraph.errors import NewsgraphError
from newsgraph.jsonform import doc_to_dict
from newsgraph.store import Store
from newsgraph.store_quotes import QuoteHit, find_quotes


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
