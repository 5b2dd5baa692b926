"""A one-line progress report that redraws itself on a terminal and stays silent elsewhere."""

from __future__ import annotations

import time
from typing import Protocol, TextIO


class Reportable(Protocol):
    """Anything that can say where a run stands in one line."""

    @property
    def seen(self) -> int:
        """How many items were handled."""
        ...

    def line(self) -> str:
        """Where the run stands, in one line."""
        ...


class ProgressLine:
    """Redraw a status line at most `per_second` times a second, only on a terminal."""

    def __init__(self, stream: TextIO, per_second: float = 8.0) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.interval = 1.0 / per_second
        self.started = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def __call__(self, status: Reportable) -> None:
        """Redraw the line if enough time has passed."""
        now = time.monotonic()
        if not self.enabled or now - self._last < self.interval:
            return
        self._last = now
        rate = status.seen / max(now - self.started, 1e-9)
        self.stream.write(f"\r\x1b[K{status.seen} inputs ({rate:.0f}/s): {status.line()}")
        self.stream.flush()
        self._drawn = True

    def done(self) -> None:
        """Clear the line so the final summary stands alone."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
