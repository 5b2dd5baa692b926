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
    main,
    max_bytes_option,
    stage_names,
    stages_option,
)
from newsgraph.follow import Follower, parse_interval
from newsgraph.ingest import Summary
from newsgraph.sources.fetch import USER_AGENT, Fetcher, FetchPolicy
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
@click.option(
    "--delay",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between two requests to one host.",
)
@click.option(
    "--timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Seconds to wait for a server to answer or send more.",
)
@click.option(
    "--tries",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    help="Tries per URL on 5xx, 429 and timeouts.",
)
@click.option(
    "--user-agent",
    default=USER_AGENT,
    show_default=True,
    help="The User-Agent sent and matched against robots.txt.",
)
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
    policy = FetchPolicy(
        user_agent=user_agent,
        delay=delay,
        read_timeout=timeout,
        connect_timeout=timeout,
        tries=tries,
    )
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
