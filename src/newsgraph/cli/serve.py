"""The serve command: the HTTP API and the explorer over one database."""

from __future__ import annotations

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
def serve(db: str, host: str, port: int) -> None:
    """Serve the database read-only: the JSON API under /api and the explorer."""
    # Imported here so that the other commands do not pay for loading the web stack.
    import uvicorn

    from newsgraph.web import create_app

    app = create_app(db)
    click.echo(f"serving {db} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
