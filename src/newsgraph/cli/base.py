"""The `newsgraph` command group, its shared options, and how errors become exit statuses.

Exit status: 0 all inputs handled, 1 an error (a bad database, an unknown id), 2 a usage error,
3 some inputs became problems (every other input was handled), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsgraph.errors import NewsgraphError
from newsgraph.sources import DEFAULT_MAX_BYTES
from newsgraph.sources.policy import FetchPolicy
from newsgraph.stages import DEFAULT_STAGES
from newsgraph.version import __version__

EXIT_ERROR, EXIT_PROBLEMS, EXIT_INTERRUPTED = 1, 3, 130
_Command = TypeVar("_Command", bound=Callable[..., Any])

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

_FETCH_OPTIONS = (
    click.option(
        "--delay",
        default=FetchPolicy.delay,
        show_default=True,
        type=click.FloatRange(min=0),
        help="Seconds between two requests to one host.",
    ),
    click.option(
        "--timeout",
        default=FetchPolicy.read_timeout,
        show_default=True,
        type=click.FloatRange(min=0.01),
        help="Seconds to wait for a server to answer or send more.",
    ),
    click.option(
        "--tries",
        default=FetchPolicy.tries,
        show_default=True,
        type=click.IntRange(min=1),
        help="Tries per URL on 5xx, 429 and timeouts.",
    ),
    click.option(
        "--user-agent",
        default=FetchPolicy.user_agent,
        show_default=True,
        help="The User-Agent sent and matched against robots.txt.",
    ),
)


def fetch_options(command: _Command) -> _Command:
    """Add --delay, --timeout, --tries and --user-agent (see `fetch_policy`) to a command."""
    for option in reversed(_FETCH_OPTIONS):  # so that --help lists them in this order
        command = option(command)
    return command


def fetch_policy(delay: float, timeout: float, tries: int, user_agent: str) -> FetchPolicy:
    """The FetchPolicy that the `fetch_options` ask for (their defaults give the default one)."""
    return FetchPolicy(
        user_agent=user_agent,
        delay=delay,
        # A short --timeout also bounds connecting; a long one need not wait on a dead host.
        connect_timeout=min(timeout, FetchPolicy.connect_timeout),
        read_timeout=timeout,
        tries=tries,
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


def show_step(step: str) -> None:
    """Show the step a long command is on, over the previous one."""
    click.echo(f"\r\x1b[K{step} …", err=True, nl=False)


def clear_step(tty: bool) -> None:
    """Wipe the last progress step so the report starts on a clean line."""
    if tty:
        click.echo("\r\x1b[K", err=True, nl=False)


def stage_names(stages: str) -> list[str]:
    """The stage names of a comma-separated --stages value."""
    return [n.strip() for n in stages.split(",") if n.strip()]


def warn(source: str, kind: str, message: str) -> int:
    """Say on stderr that one input had a problem; count it as one."""
    click.echo(f"newsgraph: {source}: {kind}: {message}", err=True)
    return 1
