"""How politely and patiently to fetch: settings only, so reading them needs no HTTP client."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.version import __version__

USER_AGENT = f"newsgraph/{__version__} (+https://github.com/newsgraph)"


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch; every limit applies to one page."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host (more if robots.txt asks)
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # one attempt at a page, headers, redirects and body (not delays)
    max_bytes: int = 16 * 1024 * 1024  # unless a caller asks for its own limit (--max-bytes)
    max_redirects: int = 5
    tries: int = 3
    backoff: float = 1.0  # the wait before the first retry; it doubles for each next one
    max_retry_after: float = 120.0
    max_crawl_delay: float = 30.0
    robots_ttl: float = 24 * 3600.0
