"""The HTTP API (and the explorer's pages) over a newsgraph store, served read-only."""

from __future__ import annotations

from newsgraph.web.app import create_app

__all__ = ["create_app"]
