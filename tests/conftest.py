"""Shared fixtures: small pages written here, a CLI runner over the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from hypothesis import settings

# Shared CI machines are slow and noisy: judge properties, not the time an example takes.
settings.register_profile("newsgraph", deadline=None, max_examples=100)
settings.load_profile("newsgraph")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed"

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry workers vote to strike - The Test Tribune</title>
<meta property="og:site_name" content="The Test Tribune">
<link rel="canonical" href="https://tribune.example/2025/ferry-strike">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry workers vote to strike</h1>
<p>Ferry workers in the harbour town voted on Monday to walk out next week, a union leader said,
after talks over pay broke down for the third time this year.</p>
<p>"We have waited long enough," said Amara Quist, who chairs the crew committee. "Nobody wants
to strand passengers, but the company left us no choice."</p>
<p>The operator said it had offered a raise of four percent and would keep two boats running
during any strike, so that island residents could still reach the mainland hospital.</p>
</article>
<footer>Copyright The Test Tribune</footer>
</body></html>
"""

SCRAPED_TEXT = """Lighthouse keeper retires after forty years

The last keeper of the northern light handed over his keys on Friday.

"It has been the quiet of my life," he said, looking out at the water.
"""


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """A real uvicorn server for `app` on a free loopback port, in a background thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def newsgraph_cmd() -> list[str]:
    """The installed command, run with the same interpreter as the tests."""
    return [sys.executable, "-m", "newsgraph"]


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real `newsgraph` command in a temporary folder."""

    def run(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        done = subprocess.run(
            [*newsgraph_cmd(), *args],
            input=data,
            capture_output=True,
            cwd=tmp_path,
            env={**os.environ, "NEWSGRAPH_DB": str(tmp_path / "news.db")},
            timeout=300,
        )
        return subprocess.CompletedProcess(
            done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
        )

    return run


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder with one HTML article and one scraped-text page."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ferry.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (folder / "lighthouse.txt").write_text(SCRAPED_TEXT, encoding="utf-8")
    return folder
