"""The serve command: the HTTP API and the explorer over one database."""

from __future__ import annotations

import os

import click

from newsgraph.cli.base import db_option, main


@main.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default keeps the server to this machine.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; more than one uses more cores (each keeps its own connection):"
    " try one per core (docs/api.md, Speed).",
)
def serve(db: str, host: str, port: int, workers: int) -> None:
    """Serve the database read-only: the JSON API under /api and the explorer."""
    # Imported here so that the other commands do not pay for loading the web stack.
    import uvicorn

    from newsgraph.web import create_app
    from newsgraph.web.app import DB_VARIABLE

    app = create_app(db)  # checks the database now, with one clear line, in every case
    click.echo(f"serving {db} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes build their own app: uvicorn imports it by name, the path in the env.
    os.environ[DB_VARIABLE] = str(db)
    factory = "newsgraph.web.app:app_from_environment"
    uvicorn.run(factory, factory=True, host=host, port=port, workers=workers, log_level="warning")
