"""The follow command: keep a database current with feeds and sitemaps, round after round."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType

import click

from newsgraph.cli.base import (
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    db_option,
    fetch_options,
    fetch_policy,
    main,
    max_bytes_option,
    stage_names,
    stages_option,
)
from newsgraph.ingest import Summary
from newsgraph.stages import build_pipeline
from newsgraph.store import Store


class Interval(click.ParamType[float, object]):
    """An interval such as 30s, 15m or 1h, in seconds."""

    name = "interval"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        """Seconds, or a usage error naming the accepted forms."""
        if isinstance(value, float):
            return value
        # Imported only when follow runs: newsgraph.follow loads the HTTP client.
        from newsgraph.follow import parse_interval

        try:
            return parse_interval(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@db_option
@stages_option
@max_bytes_option
@click.option(
    "--every",
    default="15m",
    show_default=True,
    type=Interval(),
    help="Time between rounds: 30s, 15m, 1h…",
)
@click.option("--once", is_flag=True, help="Run one round and exit.")
@fetch_options
def follow(
    feeds: tuple[str, ...],
    db: str,
    stages: str,
    max_bytes: int,
    every: float,
    once: bool,
    delay: float,
    timeout: float,
    tries: int,
    user_agent: str,
) -> None:
    """Fetch feeds, sitemaps or URL lists every --every and ingest new or changed pages."""
    from newsgraph.follow import Follower
    from newsgraph.sources.fetch import Fetcher

    policy = fetch_policy(delay, timeout, tries, user_agent)
    pipeline = build_pipeline(stage_names(stages))
    problems = False
    with Store(db) as store, _stopped_by_signals() as stop:
        follower = Follower(feeds, store, pipeline, Fetcher(policy), max_bytes, stop)

        def report(summary: Summary) -> None:
            nonlocal problems
            problems = problems or not summary.clean
            click.echo(f"{_now()} {summary.line()}")

        follower.run(every, rounds=1 if once else None, report=report)
    if stop.is_set():
        click.echo("stopped; every finished page is stored", err=True)
        sys.exit(EXIT_INTERRUPTED if stop.signal == signal.SIGINT else 0)
    sys.exit(EXIT_PROBLEMS if problems else 0)


class _Stop(threading.Event):
    """A stop request, remembering the signal that asked for it."""

    signal: int = 0


@contextmanager
def _stopped_by_signals() -> Iterator[_Stop]:
    """Ctrl-C and SIGTERM ask the follower to stop after the page it is on; a second Ctrl-C
    interrupts at once."""
    stop = _Stop()

    def ask(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.signal = signum
        stop.set()
        click.echo("stopping after the current page (Ctrl-C again to stop now)", err=True)

    previous = {s: signal.signal(s, ask) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
